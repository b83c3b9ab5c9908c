"""A rebuild (``invoke build``, with its cache) reuses an act's page only when nothing it
shows has changed: an edit of the act, of the commune's data or of the theme shows at once."""

import re
import shutil

from tests.site.builds import build
from tests.support import ROOT

PAGE = "actes/2013/a2013-015/index.html"


def rebuild(content, output):
    report = build(content, output, LOAD_CONTENT_CACHE=True)
    assert report.ok, report.lines
    return (output / PAGE).read_text(encoding="utf-8")


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_rebuilt_act_page_shows_every_change(content_tree, tmp_path):
    output = tmp_path / "output"
    first = rebuild(content_tree, output)
    assert rebuild(content_tree, output) == first  # nothing changed: the same page

    edit(content_tree / "actes/arretes/A2013-015.toml", "de 8 h à 17 h", "de 7 h à 18 h")
    assert "de 7\u00a0h à 18\u00a0h" in rebuild(content_tree, output)

    session = content_tree / "actes/seances/2013-01-14.toml"
    edit(session, "tablettes ou d'ordinateurs portables", "tablettes numériques")
    rebuild(content_tree, output)
    for listing in ("actes/2013/", "actes/matieres/5-2/", "conseil-municipal/seances/2013-01-14/"):
        assert "tablettes numériques" in (output / listing / "index.html").read_text("utf-8")

    edit(content_tree / "data/commune.toml", 'slogan = "', 'slogan = "Bienvenue : ')
    assert "Bienvenue" in rebuild(content_tree, output)

    (output / PAGE).write_text("abîmée", encoding="utf-8")  # a page changed on the disk
    assert re.search(r"<h1>Circulation", rebuild(content_tree, output))

    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    report = build(content_tree, output, LOAD_CONTENT_CACHE=True, THEME=str(theme))
    assert report.ok, report.lines
    edit(theme / "templates/actes/acte.html", "Ce que décide l’acte", "Ce que l’acte décide")
    report = build(content_tree, output, LOAD_CONTENT_CACHE=True, THEME=str(theme))
    assert report.ok, report.lines
    assert "Ce que l’acte décide" in (output / PAGE).read_text(encoding="utf-8")
