"""The editors' preview: never stuck, every save built, errors in the page, idle when idle."""

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import tasks
from tests.apercu.preview import Preview, free_pair, site_only
from tests.support import ROOT, wait_until

ARTICLE = "articles/2013-01-22-ecoles-haut-debit.md"
ARTICLE_URL = "/actualites/2013/ecoles-haut-debit/"


@pytest.fixture
def preview(tmp_path):
    """The preview of the site alone: what these tests look at needs no formsvc."""
    with Preview(tmp_path, formsvc=False) as running:
        yield running


@pytest.fixture
def make_serve(tmp_path):
    """Everything `make serve` starts (``invoke dev``): the preview, formsvc, the outbox
    worker, the local SMTP server."""
    with Preview(tmp_path) as running:
        yield running


def page(preview, path):
    return BeautifulSoup(preview.text(path), "lxml")


def test_an_error_shows_in_the_page_and_the_preview_recovers_once_fixed(preview):
    state = preview.change(preview.edit, ARTICLE, "Date: 2013-01-22", "Date: 22/01/2013")
    expected = (
        'content/articles/2013-01-22-ecoles-haut-debit.md: champ "date" invalide « 22/01/2013 » '
        "(format attendu AAAA-MM-JJ)"
    )
    assert state["erreurs"] == [expected]
    alert = page(preview, ARTICLE_URL).select_one('[role="alert"]')
    assert expected in alert.get_text()
    assert "dernière version correcte" in alert.get_text()
    # Fixed, and edited in the same save: the preview takes both.
    text = (preview.content / ARTICLE).read_text(encoding="utf-8")
    fixed = text.replace("Date: 22/01/2013", "Date: 2013-01-22") + "\nUn paragraphe ajouté.\n"
    state = preview.change(preview.save, ARTICLE, fixed)
    assert state["erreurs"] == []
    shown = page(preview, ARTICLE_URL)
    assert shown.select_one('[role="alert"]') is None
    assert "Un paragraphe ajouté." in shown.select_one("main").get_text()
    # The terminal showed the line once per failing build, and no traceback.
    assert expected in preview.log
    assert "Traceback" not in preview.log


def test_the_same_error_again_is_shown_again(preview):
    """Pelican's log filter prints a message once per process: the preview must not."""
    for _ in range(2):
        state = preview.change(preview.edit, ARTICLE, "Category: ", "Categorie: ")
        assert any('champ "categorie" inconnu' in line for line in state["erreurs"])
        preview.change(preview.edit, ARTICLE, "Categorie: ", "Category: ")
    assert preview.log.count('champ "categorie" inconnu') == 2


def test_every_save_is_built_even_one_made_during_a_build(preview):
    # A title change rebuilds everything; a text saved while that build runs must follow.
    since = preview.state()["version"]
    preview.edit(ARTICLE, "Title: ", "Title: Nouveau titre : ")
    wait_until(lambda: preview.state()["occupe"], 10, "the full rebuild never ran", 0.005)
    original = (preview.content / "pages/ecoles.md").read_text(encoding="utf-8")
    during = original.replace("\n\n", "\n\nTexte enregistré pendant la construction.\n\n", 1)
    preview.save("pages/ecoles.md", during)
    preview.settled(since)
    assert "pendant la construction" in page(preview, "/ecoles/").select_one("main").get_text()
    assert "Nouveau titre" in page(preview, "/").select_one("main").get_text()
    for n in range(1, 6):  # five quick saves: the last one wins, none is lost on the way
        version = preview.state()["version"]
        preview.save("pages/ecoles.md", original.replace("\n\n", f"\n\nVersion {n}.\n\n", 1))
        time.sleep(0.05)  # an editor's quick saves, one after the other: not a wait
    preview.settled(version)
    wait_until(
        lambda: "Version 5." in page(preview, "/ecoles/").select_one("main").get_text(),
        15,
        "the last of five quick saves is not shown",
        interval=0.1,
    )


def cpu_seconds(group):
    """User and system time of every process of a process group, in seconds."""
    ticks = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:  # field 5 of stat: the process group
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def test_the_preview_uses_no_processor_while_nothing_changes(make_serve):
    """A busy loop (the old preview spun at 50–100 % after an error) shows here at once; the
    rest of `make serve` (formsvc, the outbox worker, the SMTP server) is measured too."""
    preview = make_serve
    preview.change(preview.edit, ARTICLE, "Date: 2013-01-22", "Date: 22/01/2013")  # an error
    before, start = cpu_seconds(preview.process.pid), time.monotonic()
    time.sleep(3)  # the span measured, not a wait for something
    used = cpu_seconds(preview.process.pid) - before
    assert used / (time.monotonic() - start) < 0.05, f"{used:.2f} s of CPU in 3 s"


def test_drafts_and_scheduled_articles_are_previewed_apart_with_a_notice(preview):
    article = (preview.content / ARTICLE).read_text(encoding="utf-8")
    future = article.replace("Date: 2013-01-22", "Date: 2030-06-01").replace(
        "Slug: ecoles-haut-debit", "Slug: plus-tard"
    )
    draft = article.replace("Slug: ecoles-haut-debit", "Slug: brouillon\nStatus: draft")
    preview.change(preview.save, "articles/plus-tard.md", future)
    preview.change(preview.save, "articles/brouillon.md", draft)
    scheduled = page(preview, "/actualites/2030/plus-tard/")
    notice = scheduled.select_one(".apercu-bandeau").get_text()
    assert "Programmé" in notice and "2030" in notice
    assert page(preview, "/drafts/brouillon/").select_one(".apercu-bandeau") is not None
    home = page(preview, "/")
    assert "/actualites/2030/plus-tard/" not in str(home.select("main a"))
    assert "2030" not in home.select_one("main").get_text()


def test_values_to_confirm_are_marked_in_the_preview(preview):
    shown = page(preview, "/")
    contact = shown.select_one('footer a[href^="mailto:"]')
    assert contact.find_next_sibling("mark", class_="a-confirmer") is not None
    listed = shown.select_one("details.apercu-a-confirmer").get_text()
    assert "content/data/commune.toml, ligne" in listed
    social = page(preview, "/reseaux-sociaux/").select('main a[href="https://www.facebook.com/"]')
    assert social and all(a.find_next_sibling("mark") for a in social)


def test_declared_redirections_are_followed_in_the_preview(preview):
    preview.change(
        preview.save,
        "data/redirections.toml",
        '[[redirection]]\nde = "/ancienne-page/"\nvers = "/ecoles/"\n',
    )
    status, headers, _body = preview.get("/ancienne-page/")
    assert (status, headers["Location"]) == (301, "/ecoles/")


def listening(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


# `make serve` writes the checkout's output/ (as test_liens.py's plain `invoke build` does):
# under pytest-xdist's --dist loadgroup, the tests of this group share one worker.
@pytest.mark.xdist_group("checkout-output")
def test_make_serve_port_moves_every_service_and_two_run_side_by_side(tmp_path):
    """`make serve PORT=…` as an editor types it, beside a second preview on another port."""
    port = free_pair()
    make = Preview(tmp_path / "make", port=port, command=["make", "-s", "serve", f"PORT={port}"])
    with make, Preview(tmp_path / "other") as other:
        assert make.port != other.port
        for running in (make, other):
            home = page(running, "/")
            assert home.select_one('link[rel="canonical"]')["href"] == f"{running.url}/"
            form = page(running, "/formulaires/permanence/")  # formsvc, on the same port
            assert form.select_one('form[method="post"][action="/formulaires/permanence/"]')
            assert listening(running.port + 25), "the local SMTP server is not on PORT + 25"


def test_a_build_error_prints_french_lines_and_no_traceback(tmp_path, capsys):
    """`invoke build`'s function (what the preview's first build and `publish` do too) on a
    broken file; into a folder of the test's, where the command would write output/."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    broken = content / ARTICLE
    broken.write_text(broken.read_text(encoding="utf-8").replace("Summary:", "Resume:"))
    with pytest.raises(SystemExit) as stop:
        tasks.run_build(
            tasks.CONFIG["settings_base"],
            PATH=str(content),
            OUTPUT_PATH=str(tmp_path / "output"),
            CACHE_PATH=str(tmp_path / "cache"),
        )
    printed = capsys.readouterr()
    assert printed.out.splitlines() == [
        'content/articles/2013-01-22-ecoles-haut-debit.md: champ "resume" inconnu (champs '
        "possibles : category, date, modified, slug, status, summary, tags, title)",
        'content/articles/2013-01-22-ecoles-haut-debit.md: champ "summary" manquant',
    ]
    assert stop.value.code == (
        "La construction a échoué : corrigez ce que disent les lignes ci-dessus "
        "(voir docs/guide-redaction.md, « Les messages d’erreur »)."
    )
    assert printed.err == ""  # no traceback, no English line


def own_theme_settings(folder):
    """A settings file like pelicanconf.py, with a copy of the theme a test may break."""
    shutil.copytree(ROOT / "theme", folder / "theme")
    settings = folder / "reglages.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
        f"THEME = {str(folder / 'theme')!r}\nPLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n",
        encoding="utf-8",
    )
    return settings


def test_a_template_that_fails_is_shown_and_the_preview_goes_on(tmp_path):
    settings = own_theme_settings(tmp_path)
    port = free_pair()
    with Preview(
        tmp_path, port=port, command=site_only(tmp_path, port, "--settings", str(settings))
    ) as preview:
        template = tmp_path / "theme/templates/article.html"
        good = template.read_text(encoding="utf-8")
        preview.change(
            template.write_text,
            good.replace("{% block content %}", "{% block content %}{{ article.rien.du.tout }}", 1),
        )
        status, _headers, body = preview.get(ARTICLE_URL)
        shown = BeautifulSoup(body, "lxml")
        assert status == 500
        assert (
            "theme/templates/article.html, ligne" in shown.select_one('[role="alert"]').get_text()
        )
        assert "Traceback" not in preview.log
        preview.change(template.write_text, good)  # fixed: the preview follows at once
        assert "Un paragraphe ajouté." not in page(preview, ARTICLE_URL).main.get_text()
        preview.change(preview.edit, ARTICLE, "\n\n", "\n\nUn paragraphe ajouté.\n\n")
        assert "Un paragraphe ajouté." in page(preview, ARTICLE_URL).main.get_text()


def test_a_save_made_during_the_first_build_is_built(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    for n in range(300):  # a first build long enough to save a file during it
        (content / "articles" / f"lot-{n:03d}.md").write_text(
            f"Title: Actualité {n}\nDate: 2013-02-01\nCategory: Vie municipale\n"
            f"Summary: Résumé {n}.\n\nTexte {n}.\n",
            encoding="utf-8",
        )
    port = free_pair()
    preview = Preview(tmp_path, port=port, command=site_only(tmp_path, port))
    preview.start()
    try:

        def first_build_running():  # the server answers at once, while it builds
            try:
                state = preview.state()
            except OSError:
                return False  # not listening yet
            return state["occupe"] and state["generation"] == 0

        wait_until(first_build_running, 30, lambda: preview.log, interval=0.01)
        preview.edit(ARTICLE, "\n\n", "\n\nEnregistré pendant la première construction.\n\n")
        preview.settled(0, timeout=120)
        wait_until(
            lambda: "pendant la première construction" in preview.text(ARTICLE_URL),
            60,
            lambda: preview.log,
            interval=0.2,
        )
    finally:
        preview.stop()


def test_a_port_already_in_use_is_said_in_french(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        (tmp_path / "content").mkdir()
        result = subprocess.run(
            site_only(tmp_path, port), cwd=ROOT, capture_output=True, text=True, timeout=60
        )
    assert result.returncode == 1
    assert f"Le port {port} est déjà utilisé" in result.stderr
    assert "make serve PORT=" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
