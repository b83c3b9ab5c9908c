"""Settings read from the environment whose name changed: the former name keeps working for
one release, with a warning that gives the new one (docs/configuration.md, « Noms changés »)."""

import warnings

# Until this version the former names are read; the next one reads the new names only.
LAST_RELEASE_READING_FORMER_NAMES = "0.2"


class AncienNom(FutureWarning):
    """A setting given under its former name. FutureWarning, not DeprecationWarning: Python
    shows it to operators by default, who are the ones to rename it."""


def with_former_names(environ, renamed):
    """``environ`` (a mapping) where each former name of ``renamed`` ({former: new}) that is
    set also gives its value to the new name, unless the new name is set too; warns once per
    former name found."""
    found = {former: new for former, new in renamed.items() if former in environ}
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
