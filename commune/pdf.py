"""What the law asks of a published act's file, checked: a PDF that opens, whole, not editable.

CGCT R2131-1 wants the act in full, in a format that cannot be modified, downloadable: a
PDF that is not encrypted (it would not open for everyone) and has no form to fill in (it
could be changed in a reader). The SHA-256 published with each act lets anyone check that a
file is the one put online.
"""

import hashlib
import io
import json
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

PDFA = re.compile(rb"pdfaid:part[>=\"']+\s*(\d)")


@dataclass(frozen=True)
class Inspection:
    """A file's fingerprint and, when it cannot be published, why (in French)."""

    sha256: str
    size: int  # bytes
    pages: int
    pdfa: str | None  # "2" for a PDF/A-2 file, None for a plain PDF
    problem: str | None


_seen = {}  # (path, mtime, size) → Inspection: a build reads each act's file once


def _key(path):
    stat = path.stat()
    return (os.path.abspath(path), stat.st_mtime_ns, stat.st_size)


def inspect(path):
    """The Inspection of ``path`` (which must exist)."""
    path = Path(path)
    key = _key(path)
    if key not in _seen:
        _seen[key] = _inspect(path.read_bytes())
    return _seen[key]


class Remembered:
    """Inspections kept from one build to the next in a JSON file, known by path, time of
    change and size as Pelican's content cache knows its files: reading 2,000 PDFs again
    would cost each build seconds (docs/benchmarks.md). A publication does not use it: it
    reads and fingerprints every file afresh (plugins/actes.py).
    """

    VERSION = 1

    def __init__(self, path):
        self.path = Path(path)
        try:
            data = json.loads(self.path.read_text("utf-8"))
            known = data["inspections"] if data.get("version") == self.VERSION else {}
        except (OSError, ValueError, KeyError, TypeError):
            known = {}  # no file yet, or one from another version: start afresh
        self.known, self.used = known, {}

    def inspect(self, path):
        path = Path(path)
        key = _key(path)
        name = "|".join(map(str, key))
        if key not in _seen:
            found = self.known.get(name)
            try:
                _seen[key] = Inspection(**found) if found else _inspect(path.read_bytes())
            except TypeError:  # an entry of another shape: inspect again
                _seen[key] = _inspect(path.read_bytes())
        self.used[name] = asdict(_seen[key])
        return _seen[key]

    def save(self):
        """Write the inspections of this build (those of files gone are forgotten)."""
        if self.used == self.known:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".tmp")
        data = {"version": self.VERSION, "inspections": self.used}
        partial.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        os.replace(partial, self.path)  # a build stopped midway leaves the old file whole


def _inspect(data):
    digest, size = hashlib.sha256(data).hexdigest(), len(data)
    if data[:1024].lstrip()[:5] != b"%PDF-":
        return Inspection(digest, size, 0, None, "ce n'est pas un PDF (exportez l'acte en PDF)")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            problem = "le PDF est protégé par un mot de passe : exportez-le sans protection"
            return Inspection(digest, size, 0, None, problem)
        # The catalogue's own counts, not pypdf's walk through every page and field: a
        # build inspects thousands of acts (docs/benchmarks.md).
        catalog = reader.trailer["/Root"].get_object()
        pages = int(catalog["/Pages"].get_object().get("/Count", 0))
        form = catalog.get("/AcroForm")
        fields = form.get_object().get("/Fields") if form is not None else None
        fields = len(fields.get_object()) if fields is not None else 0
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        problem = f"le PDF est illisible ou abîmé ({error}) : exportez-le de nouveau"
        return Inspection(digest, size, 0, None, problem)
    match = PDFA.search(data)
    pdfa = match.group(1).decode() if match else None
    if fields:
        problem = (
            f"le PDF contient un formulaire modifiable ({fields} champ(s)) : un acte publié "
            "ne doit pas pouvoir être changé ; aplatissez-le ou exportez-le en PDF/A"
        )
        return Inspection(digest, size, pages, pdfa, problem)
    if pages <= 0:
        return Inspection(digest, size, 0, pdfa, "le PDF n'a aucune page")
    return Inspection(digest, size, pages, pdfa, None)
