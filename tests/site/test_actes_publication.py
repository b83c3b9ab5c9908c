"""`invoke publish` and the acts: what was published stays, changes are declared, or it refuses."""

import json
import shutil

import pytest

from publication import retenus
from tests.actes_pdf import make_pdf
from tests.site.builds import build, publish_anyway
from tests.site.pages import soup
from tests.site.registre import ARRETE, SEANCE, fresh_register, write_arrete, write_seance

URL = "actes/2013/d2013-101/"


@pytest.fixture
def target(tmp_path):
    """The web server's folder the tests publish to."""
    folder = tmp_path / "www"
    folder.mkdir()
    return folder


@pytest.fixture
def register(content_tree):
    """The test register (one séance, one arrêté) in place of the examples."""
    return fresh_register(content_tree)


def manifest(target):
    data = json.loads((target / "actes/manifeste.json").read_text(encoding="utf-8"))
    return {entry["numero"]: entry for entry in data["actes"]}, data


def real_seance(today, extra=""):
    """The test séance as a real one (not an example), put online ``today``."""
    text = SEANCE.format(extra=extra).replace("exemple = true\n", "")
    return text.replace("mise_en_ligne = 2013-04-10", f"mise_en_ligne = {today}")


def test_a_published_act_never_vanishes_nor_changes_silently(content_tree, target, register):
    today = retenus.now({}).date().isoformat()
    write_seance(content_tree, text=real_seance(today))
    assert publish_anyway(target, content_tree).returncode == 0
    first = manifest(target)[0]["D2013-101"]

    seance = real_seance(today).split("[[deliberation]]")[0]
    write_seance(content_tree, text=seance)  # the deliberation is gone from the register
    result = publish_anyway(target, content_tree)
    assert result.returncode == 1
    assert f"l'acte D2013-101 (mis en ligne le {today}) n'est plus dans le registre" in (
        result.output
    )

    write_seance(content_tree, text=real_seance(today))
    pdf = content_tree / "actes/pdf/D2013-101.pdf"
    shutil.copy(pdf, content_tree / "actes/pdf/D2013-101-v1.pdf")
    make_pdf(pdf, ["Acte D2013-101", "Texte de l'acte, corrige."])
    result = publish_anyway(target, content_tree)  # a new file, and no correction declared
    assert result.returncode == 1
    assert "le fichier de l'acte D2013-101 a changé sans correction déclarée" in result.output
    assert manifest(target)[0]["D2013-101"]["sha256"] == first["sha256"]  # nothing copied

    correction = (
        f'[[deliberation.correction]]\ndate = {today}\nmotif = "Erreur de plume"\n'
        'fichier_precedent = "D2013-101-v1.pdf"\n'
    )
    write_seance(content_tree, text=real_seance(today, extra=correction))
    result = publish_anyway(target, content_tree)
    assert result.returncode == 0, result.output
    entry = manifest(target)[0]["D2013-101"]
    assert entry["versions_precedentes"][0]["sha256"] == first["sha256"]
    old = target / URL / "d2013-101-v1.pdf"
    assert old.is_file()  # the replaced version stays downloadable
    page = soup(target, f"/{URL}").main
    assert "Erreur de plume" in page.get_text()
    assert page.select_one(f'a[href="/{URL}d2013-101-v1.pdf"]') is not None


def test_the_examples_may_go_once_the_real_register_replaces_them(content_tree, target, register):
    """The test register's séance and arrêté are marked as examples."""
    assert publish_anyway(target, content_tree).returncode == 0
    assert set(manifest(target)[0]) == {"D2013-101", "A2013-101"}
    shutil.rmtree(content_tree / "actes/seances")
    shutil.rmtree(content_tree / "actes/arretes")
    result = publish_anyway(target, content_tree)
    assert result.returncode == 0, result.output
    assert manifest(target)[0] == {}
    # Their pages answer « gone » (410): they were never acts of the commune.
    assert "Exemple retiré (410) : /actes/2013/a2013-101/" in result.output
    assert "Exemple retiré (410) : /conseil-municipal/seances/2013-04-08/" in result.output
    served = (target / "_publication/redirections.map").read_text(encoding="utf-8")
    assert '"/actes/2013/d2013-101/d2013-101.pdf" "410";' in served


def test_a_withdrawn_act_stays_recorded_as_withdrawn(content_tree, target, register):
    assert publish_anyway(target, content_tree).returncode == 0
    write_arrete(content_tree, extra='[retrait]\ndate = 2013-07-01\nmotif = "Annulé"\n')
    result = publish_anyway(target, content_tree)
    assert result.returncode == 0, result.output
    entry = manifest(target)[0]["A2013-101"]
    assert entry["etat"] == "retiré" and entry["retrait"] == {
        "date": "2013-07-01",
        "motif": "Annulé",
    }
    page = soup(target, "/actes/2013/a2013-101/").main
    assert "Acte retiré le" in page.get_text()


def test_an_act_to_put_online_later_is_held_back(content_tree, target, register):
    later = ARRETE.format(extra="").replace(
        "mise_en_ligne = 2013-04-11", "mise_en_ligne = 2030-01-02"
    )
    write_arrete(content_tree, text=later)
    result = publish_anyway(target, content_tree)
    assert result.returncode == 0, result.output
    assert "content/actes/arretes/A2013-101.toml : l'acte A2013-101 est à mettre en ligne" in (
        result.output
    )
    assert "A2013-101" not in manifest(target)[0]
    assert not (target / "actes/2013/a2013-101").exists()


def test_an_overdue_list_stops_the_publication_unless_the_reason_is_given(
    content_tree, target, register
):
    late = content_tree / "actes/seances/2013-05-13.toml"  # a real séance: no list online
    late.write_text("date = 2013-05-13T18:00:00\n", encoding="utf-8")
    result = publish_anyway(target, content_tree)
    assert result.returncode == 1
    assert "la liste des délibérations de la séance du 2013-05-13 devait être en ligne" in (
        result.output
    )
    reason = "Panne du logiciel des actes en mai"
    result = publish_anyway(target, content_tree, allow_late=reason)
    assert result.returncode == 0, result.output
    late = manifest(target)[1]["retards_acceptes"]
    assert late and late[0]["raison"] == reason


def test_an_act_published_for_the_first_time_goes_online_today(content_tree, target, register):
    """Its page says « Mis en ligne le … »: the appeal period runs from that day."""
    real = ARRETE.format(extra="").replace("exemple = true\n", "")
    write_arrete(content_tree, text=real)
    result = publish_anyway(target, content_tree)
    assert result.returncode == 1
    today = retenus.now({}).date().isoformat()
    assert (
        f"l'acte A2013-101 est publié pour la première fois aujourd'hui ({today}), mais son "
        "registre dit mise_en_ligne = 2013-04-11 : mettez la date du jour"
    ) in result.output
    write_arrete(
        content_tree, text=real.replace("mise_en_ligne = 2013-04-11", f"mise_en_ligne = {today}")
    )
    result = publish_anyway(target, content_tree)
    assert result.returncode == 0, result.output
    page = soup(target, "/actes/2013/a2013-101/").main
    online = page.select_one(f'time[datetime="{today}"]')
    assert "Mis en ligne le" in online.parent.get_text()


def test_a_withdrawal_takes_effect_on_its_date(content_tree, tmp_path, register):
    """Until its date the act still applies: the page announces the withdrawal, no more."""
    write_arrete(content_tree, extra='[retrait]\ndate = 2013-07-01\nmotif = "Annulé"\n')
    for now, shown, state in [
        ("2013-06-30T12:00:00", "Retrait prévu le", "en vigueur"),
        ("2013-07-01T08:00:00", "Acte retiré le", "retiré"),
    ]:
        output = tmp_path / now[:10]
        report = build(content_tree, output, PUBLICATION_NOW=now)
        assert report.ok, report.lines
        assert shown in soup(output, "/actes/2013/a2013-101/").main.get_text()
        assert manifest(output)[0]["A2013-101"]["etat"] == state
