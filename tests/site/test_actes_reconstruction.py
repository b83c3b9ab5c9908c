"""A rebuild (``invoke build``, with its cache) reuses an act's page only when nothing it
shows has changed: an edit of the act, of the commune's data or of the theme shows at once."""

import shutil

from bs4 import BeautifulSoup

from tests.site.builds import build
from tests.support import ROOT

PAGE = "actes/2013/a2013-015/index.html"


def rebuild(content, output):
    """The act's page after a rebuild with the cache, as written."""
    report = build(content, output, LOAD_CONTENT_CACHE=True)
    assert report.ok, report.lines
    return (output / PAGE).read_text(encoding="utf-8")


def read(html):
    """A page as a reader's browser parses it."""
    return BeautifulSoup(html, "lxml")


def main_text(html):
    """What the main part of a page says, no-break spaces as spaces."""
    return read(html).main.get_text(" ").replace("\u00a0", " ")


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_rebuilt_act_page_shows_every_change(content_tree, tmp_path):
    output = tmp_path / "output"
    first = rebuild(content_tree, output)
    assert rebuild(content_tree, output) == first  # nothing changed: the same page

    edit(content_tree / "actes/arretes/A2013-015.toml", "de 8 h à 17 h", "de 7 h à 18 h")
    assert "de 7 h à 18 h" in main_text(rebuild(content_tree, output))

    seance = content_tree / "actes/seances/2013-01-14.toml"
    edit(seance, "tablettes ou d'ordinateurs portables", "tablettes numériques")
    rebuild(content_tree, output)
    for listing in ("actes/2013/", "actes/matieres/5-2/", "conseil-municipal/seances/2013-01-14/"):
        assert "tablettes numériques" in main_text((output / listing / "index.html").read_text())

    edit(content_tree / "data/commune.toml", 'slogan = "', 'slogan = "Bienvenue : ')
    assert "Bienvenue" in read(rebuild(content_tree, output)).select_one(".marque-slogan").text

    (output / PAGE).write_text("abîmée", encoding="utf-8")  # a page changed on the disk
    assert read(rebuild(content_tree, output)).h1.get_text().startswith("Circulation")

    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    report = build(content_tree, output, LOAD_CONTENT_CACHE=True, THEME=str(theme))
    assert report.ok, report.lines
    edit(theme / "templates/actes/acte.html", "Ce que décide l’acte", "Ce que l’acte décide")
    report = build(content_tree, output, LOAD_CONTENT_CACHE=True, THEME=str(theme))
    assert report.ok, report.lines
    headings = read((output / PAGE).read_text(encoding="utf-8")).select("main h2")
    assert "Ce que l’acte décide" in [h.get_text() for h in headings]
