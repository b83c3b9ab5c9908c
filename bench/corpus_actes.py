"""Synthetic acts for the build benchmark: council séances, their deliberations, arrêtés.

``write_acts(dest, count, rng)`` writes ``dest/actes/`` as a clerk would: one TOML file per
séance (about ten deliberations each, a procès-verbal once the next séance has adopted it),
one per arrêté, and one PDF per act. Dates run from 2013 to 2026 and every act is valid, so
the build does all its work (PDF inspection, pages, lists, CSV, manifest, feed) and none of
it fails, whatever the day it runs: the synthetic séances come after the real register's
(``content/actes/``, copied beside them), so that the last one, which has no procès-verbal
yet, is followed by no séance that would make it overdue; and no file of the real register
is ever replaced. The PDFs are two pages of text (about 3 KB): a real act is often larger or
scanned, which costs more SHA-256 and disk time but about the same parsing
(docs/benchmarks.md).
"""

import tomllib
from datetime import date, datetime, timedelta

from commune import matieres

LAST_DAY = date(2026, 11, 27)
PER_SEANCE = 10  # deliberations
ARRETES_SHARE = 0.3  # of the acts: the mayor's arrêtés and décisions
EARLIEST = datetime(2013, 1, 14, 18, 0)  # the first séance when the register is empty
GAP = timedelta(days=14)  # from the register's last séance to the first synthetic one


def _first_seance(folder):
    """A Monday at 18:00, two weeks or more after the last séance already in ``folder``.

    The synthetic register once started on 2013-01-14, the date of a real example séance:
    it replaced that file, and with one synthetic séance only (no procès-verbal: no next
    séance adopted it) the real 2013-02-25 séance came next and made it overdue.
    """
    days = [tomllib.loads(path.read_text("utf-8"))["date"] for path in folder.glob("*.toml")]
    if not days:
        return EARLIEST
    after = max(days) + GAP
    monday = after + timedelta(days=-after.weekday() % 7)
    return datetime.combine(monday.date(), EARLIEST.time())


def _create(path, data):
    """Write a new file: fail rather than replace one of the real register's."""
    with path.open("xb") as out:
        out.write(data.encode("utf-8") if isinstance(data, str) else data)


def _pdf(path, title, text):
    """A two-page PDF of ``title`` and ``text``, written directly (fpdf2 takes 20 ms a file,
    which would make the corpus slower to write than the build is to run)."""
    words, lines, line = text.split(), [title, ""], ""
    for word in words:
        if len(line) + len(word) > 90:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    lines.append(line)
    shown = "".join(f"({_escape(item)}) Tj T* " for item in lines)
    stream = f"BT /F1 11 Tf 14 TL 56 780 Td {shown}ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R "
        b"/Resources << /Font << /F1 6 0 R >> >> >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R "
        b"/Resources << /Font << /F1 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    _create(path, bytes(out))


def _escape(text):
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _text(rng, sentence):
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))


def write_acts(dest, count, rng, phrase, sentence):
    """Write ``count`` acts under ``dest/actes``; return (séances, deliberations, arrêtés)."""
    folder = dest / "actes"
    for name in ("seances", "arretes", "pdf"):
        (folder / name).mkdir(parents=True, exist_ok=True)
    codes = sorted(matieres.LEVEL_2)
    arretes = round(count * ARRETES_SHARE)
    deliberations = count - arretes
    seances = -(-deliberations // PER_SEANCE)
    first = _first_seance(folder / "seances")
    span = (datetime.combine(LAST_DAY, datetime.min.time()) - first) / max(seances, 1)
    starts = [first + n * span for n in range(seances)]
    number = 0
    for n, start in enumerate(starts):
        day = start.date()
        lines = [f"date = {start.isoformat()}", f"liste_mise_en_ligne = {day + timedelta(2)}"]
        if n + 1 < len(starts):
            adopted = starts[n + 1].date()
            pv = f"PV-{day.isoformat()}.pdf"
            _pdf(folder / "pdf" / pv, f"Proces-verbal du {day.isoformat()}", "Seance.")
            lines += ["", "[proces_verbal]", f'fichier = "{pv}"']
            lines.append(f"mise_en_ligne = {min(adopted + timedelta(3), LAST_DAY)}")
        for _ in range(min(PER_SEANCE, deliberations - number)):
            number += 1
            numero = f"D{day.year}-{number:05d}"
            objet = phrase(rng, 4, 10).capitalize()
            votants = rng.randint(35, 45)
            contre = rng.randint(0, 8)
            abstention = rng.randint(0, votants - contre - 18)
            pour = votants - contre - abstention
            lines += [
                "",
                "[[deliberation]]",
                f'numero = "{numero}"',
                f'objet = "{objet}"',
                f'matiere = "{rng.choice(codes)}"',
                'resultat = "adoptée"',
                f"vote = {{ effectif = 45, votants = {votants}, pour = {pour}, "
                f"contre = {contre}, abstention = {abstention} }}",
                f"mise_en_ligne = {day + timedelta(2)}",
                f"prefecture = {day + timedelta(1)}",
                f'resume = """\n{_text(rng, sentence)}\n"""',
            ]
            _pdf(folder / "pdf" / f"{numero}.pdf", objet, _text(rng, sentence))
        _create(folder / "seances" / f"{day.isoformat()}.toml", "\n".join(lines) + "\n")
    first_day, days = first.date(), (LAST_DAY - first.date()).days
    for n in range(arretes):
        signed = first_day + timedelta(days=rng.randrange(days))
        numero = f"A{signed.year}-{n + 1:05d}"
        objet = phrase(rng, 4, 10).capitalize()
        text = [
            f'type = "{rng.choice(("arrêté", "arrêté", "décision"))}"',
            f'numero = "{numero}"',
            f'objet = "{objet}"',
            f'matiere = "{rng.choice(codes)}"',
            f"date = {signed}",
            f"mise_en_ligne = {min(signed + timedelta(1), LAST_DAY)}",
            f'resume = """\n{_text(rng, sentence)}\n"""',
            "",
            "[auteur]",
            'prenom = "Frédéric"',
            'nom = "Leturque"',
            'qualite = "Maire d\'Arras"',
        ]
        _create(folder / "arretes" / f"{numero}.toml", "\n".join(text) + "\n")
        _pdf(folder / "pdf" / f"{numero}.pdf", objet, _text(rng, sentence))
    return seances, deliberations, arretes


def write_bare_articles(actes, articles):
    """The same acts as a bare Pelican site would publish them: an article per act and per
    séance (categories « Actes » and « Séances »), the PDF as a static file. Case (a) builds
    them, so that the acts are in the corpus of both sides of the comparison (pages would not
    do: the simple theme lists every page in its menu, on every page)."""

    def act_article(entry, kind, day):
        numero = entry["numero"]
        lines = [
            f"Title: {kind} {numero} : {entry['objet']}",
            f"Date: {day}",
            "Category: Actes",
            f"Slug: acte-{numero.lower()}",
            "",
            f"- Numéro : {numero}",
            f"- Matière : {entry['matiere']}",
            f"- Mis en ligne le {entry['mise_en_ligne']}",
            "",
            entry["resume"].strip(),
            "",
            f"[Texte officiel (PDF)]({{static}}/actes/pdf/{numero}.pdf)",
        ]
        (articles / f"acte-{numero.lower()}.md").write_text("\n".join(lines) + "\n", "utf-8")

    for path in sorted((actes / "seances").glob("*.toml")):
        seance = tomllib.loads(path.read_text("utf-8"))
        day = seance["date"].date()
        listed = []
        for entry in seance.get("deliberation", []):
            act_article(entry, "Délibération", day)
            target = f"{{filename}}/articles/acte-{entry['numero'].lower()}.md"
            listed.append(f"- [{entry['objet']}]({target})")
        head = f"Title: Séance du {day}\nDate: {day}\nCategory: Séances\nSlug: seance-{day}\n\n"
        (articles / f"seance-{day}.md").write_text(head + "\n".join(listed) + "\n", "utf-8")
    for path in sorted((actes / "arretes").glob("*.toml")):
        entry = tomllib.loads(path.read_text("utf-8"))
        act_article(entry, entry["type"].capitalize(), entry["date"])
