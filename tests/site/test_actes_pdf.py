"""The acts' PDFs inspected once and remembered between builds, never wrongly."""

import hashlib
import json

from commune import pdf
from tests.actes_pdf import make_pdf


def test_a_remembered_inspection_follows_the_file(tmp_path):
    act, store = tmp_path / "D2013-001.pdf", tmp_path / "cache" / "actes-pdf.json"
    make_pdf(act, ["Acte D2013-001", "Texte de l'acte."])
    first = pdf.Remembered(store)
    assert first.inspect(act).problem is None
    first.save()
    assert json.loads(store.read_text("utf-8"))["inspections"]  # kept for the next build

    again = pdf.Remembered(store).inspect(act)  # a next build: read from the file
    assert again.sha256 == hashlib.sha256(act.read_bytes()).hexdigest()

    make_pdf(act, ["Acte D2013-001", "Texte protege."], encrypted=True)  # the clerk replaces it
    replaced = pdf.Remembered(store).inspect(act)
    assert replaced.problem.startswith("le PDF est protégé par un mot de passe")
    assert replaced.sha256 == hashlib.sha256(act.read_bytes()).hexdigest()


def test_a_damaged_memory_is_ignored(tmp_path):
    act, store = tmp_path / "D2013-001.pdf", tmp_path / "actes-pdf.json"
    make_pdf(act, ["Acte D2013-001"])
    store.write_text("{ pas du json", "utf-8")
    remembered = pdf.Remembered(store)
    assert remembered.inspect(act).problem is None
    remembered.save()
    assert json.loads(store.read_text("utf-8"))["version"] == pdf.Remembered.VERSION
