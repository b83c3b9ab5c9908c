"""The editors' data files as formsvc sees them: checked at start, re-read when they change.

Editors add office hours (créneaux) while the service runs; a file's modification time tells
when to read it again, so nobody has to restart formsvc for a new date. A mistake saved while
it runs does not take the forms down: formsvc keeps the last correct version and logs the
mistake (file, entry, field) once per save; the site's build stops on it and says the same.
"""

from pathlib import Path

from flask import current_app

from commune import accessibilite, demarches, identity
from commune import permanences as permanences_toml
from commune.datafiles import DataError


class DataFile:
    def __init__(self, path, loader, optional=False):
        self.path, self.loader, self.optional = Path(path), loader, optional
        self._mtime, self._value = None, None
        self._refused = None  # the modification time of a version refused (logged once)
        self.get()  # invalid data stops the start, naming the file and field

    def get(self):
        if self.optional and not self.path.exists():
            return None
        try:
            mtime = self.path.stat().st_mtime_ns
        except OSError as error:  # gone while formsvc runs (moved, renamed)
            return self._keep(error, "absent")
        if mtime != self._mtime and mtime != self._refused:
            try:
                value = self.loader(self.path)
            except DataError as error:
                return self._keep(error, mtime)
            self._value, self._mtime, self._refused = value, mtime, None
        return self._value

    def _keep(self, error, refused):
        """The last correct version, after a mistake; none at start: formsvc refuses to start."""
        if self._mtime is None:
            raise error
        if refused != self._refused:
            current_app.logger.error(
                "%s ; formsvc garde la dernière version correcte de ce fichier", error
            )
            self._refused = refused
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
