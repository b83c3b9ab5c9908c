"""Settings read from the environment whose name changed: the former name keeps working for
one release, with a warning that gives the new one (docs/configuration.md, « Noms changés »).

One table for the whole kit: the site's publication, its build and formsvc read through it.
"""

import warnings

# Until this version the former names are read; the next one reads the new names only.
LAST_RELEASE_READING_FORMER_NAMES = "0.2"

# Former name → new name. The kit's settings no longer carry the first town's name, and
# « session » means a web session only (an online office hour is a « créneau »).
RENAMED = {
    "ARRAS_PUBLISH_TARGET": "SITE_PUBLISH_TARGET",
    "ARRAS_DEBUG": "SITE_DEBUG",
    "FORMSVC_ACCEPT_OUTSIDE_SESSIONS": "FORMSVC_ACCEPT_OUTSIDE_CRENEAUX",
}


class AncienNom(FutureWarning):
    """A setting given under its former name. FutureWarning, not DeprecationWarning: Python
    shows it to operators by default, who are the ones to rename it."""


def with_former_names(environ, names, renamed=RENAMED):
    """``environ`` (a mapping) where each of ``names`` whose former name is set takes that
    value, unless it is set itself; warns once per former name found."""
    found = {former: new for former, new in renamed.items() if new in names and former in environ}
    if not found:
        return environ
    environ = dict(environ)
    for former, new in found.items():
        warnings.warn(
            f"{former} est l'ancien nom de {new} : renommez ce réglage (l'ancien nom ne sera "
            f"plus lu après la version {LAST_RELEASE_READING_FORMER_NAMES})"
            + (f" ; {new} est aussi défini, c'est lui qui compte" if new in environ else ""),
            AncienNom,
            stacklevel=2,
        )
        environ.setdefault(new, environ[former])
    return environ


def setting(environ, name, default=""):
    """The value of the setting ``name`` in ``environ``, or of its former name (warning)."""
    return with_former_names(environ, {name}).get(name, default)
