"""The editors' data files as formsvc sees them: checked at start, re-read when they change.

Editors add office hours (créneaux) while the service runs; a file's modification time tells
when to read it again, so nobody has to restart formsvc for a new date.
"""

from pathlib import Path

from flask import current_app

from commune import accessibilite, demarches, identity
from commune import permanences as permanences_toml


class DataFile:
    def __init__(self, path, loader, optional=False):
        self.path, self.loader, self.optional = Path(path), loader, optional
        self._mtime, self._value = None, None
        self.get()  # invalid data stops the start, naming the file and field

    def get(self):
        if self.optional and not self.path.exists():
            return None
        mtime = self.path.stat().st_mtime_ns
        if mtime != self._mtime:
            self._value, self._mtime = self.loader(self.path), mtime
        return self._value


def init_app(app):
    folder = Path(app.config["CONTENT_DATA"])
    app.extensions["formsvc_contenu"] = {
        "commune": DataFile(folder / "commune.toml", identity.load),
        "permanences": DataFile(folder / "permanences.toml", permanences_toml.load),
        "demarches": DataFile(folder / "demarches.toml", demarches.load),
        # The RGAA grid's status, for the footer's « Accessibilité : <status> » as on the
        # static pages: computed when the file is read again, not at every page.
        "accessibilite": DataFile(
            folder / "accessibilite.toml",
            lambda path: accessibilite.etat_declare(accessibilite.load(path)),
            optional=True,
        ),
    }


def commune():
    return current_app.extensions["formsvc_contenu"]["commune"].get()


def permanences():
    """The service, its delay and its online office hours (``permanences.toml``)."""
    return current_app.extensions["formsvc_contenu"]["permanences"].get()


def portail():
    return current_app.extensions["formsvc_contenu"]["demarches"].get()


def etat_accessibilite():
    """The accessibility status the site declares (the grid's, « non conforme » without one)."""
    declared = current_app.extensions["formsvc_contenu"]["accessibilite"].get()
    return declared or accessibilite.etat_declare(None)
