"""Small PDFs for the acts' tests and examples: plain, encrypted, or with a form to fill.

fpdf2 writes them; its core fonts know Latin-1 only, so the texts avoid « œ » and « ’ »
unless a TrueType font is given (``font``: Debian's DejaVu, for the committed examples).
"""

from fpdf import FPDF
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def make_pdf(path, lines, encrypted=False, form=False, font=None):
    """Write a one-page PDF of ``lines`` at ``path``; return ``path``."""
    pdf = FPDF()
    pdf.set_creator("Tests du site de la ville")
    pdf.add_page()
    if font:
        pdf.add_font("texte", fname=font)
        pdf.set_font("texte", size=11)
    else:
        pdf.set_font("helvetica", size=11)
    for line in lines:
        pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    if encrypted:
        pdf.set_encryption(owner_password="proprietaire", user_password="secret")
    pdf.output(str(path))
    if form:
        add_text_field(path)
    return path


def add_text_field(path):
    """Give the PDF at ``path`` a text field a reader could fill in (an AcroForm)."""
    writer = PdfWriter(clone_from=PdfReader(str(path)))
    field = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/FT"): NameObject("/Tx"),
            NameObject("/T"): TextStringObject("objet"),
            NameObject("/V"): TextStringObject("a remplir"),
            NameObject("/F"): NumberObject(4),
            NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (50, 600, 300, 620)]),
        }
    )
    reference = writer._add_object(field)
    page = writer.pages[0]
    page[NameObject("/Annots")] = ArrayObject([reference])
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): ArrayObject([reference])}
    )
    with open(path, "wb") as out:
        writer.write(out)
