"""The editors' data files while formsvc runs: a new office hour is seen without a restart, a
mistake saved meanwhile never takes the form down."""

import logging
import os
import shutil

import pytest

from commune.datafiles import DataError
from tests.support import ROOT
from tests.support.clock import DURING_CRENEAU
from tests.support.pages import html_of
from tests.support.resident import FORM

ONLINE = "Le maire est en ligne"


@pytest.fixture
def data(tmp_path):
    shutil.copytree(ROOT / "content/data", tmp_path / "data")
    return tmp_path / "data"


def save(path, text):
    """Write ``text`` as an editor saves a file: a new modification time."""
    stat = path.stat()
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def encart(client):
    return html_of(client.get(FORM), 200).select_one(".encart").get_text(" ", strip=True)


def test_a_mistake_saved_while_formsvc_runs_keeps_the_last_correct_version(
    make_app, data, clock, caplog
):
    clock.now = DURING_CRENEAU
    client = make_app(CONTENT_DATA=str(data)).test_client()
    assert ONLINE in encart(client)
    permanences = data / "permanences.toml"
    correct = permanences.read_text(encoding="utf-8")
    # The word of version 0.1: the build refuses it, and formsvc logs it and goes on.
    save(permanences, correct.replace("[[creneau]]", "[[seance]]"))
    caplog.set_level(logging.ERROR)
    assert ONLINE in encart(client)
    assert ONLINE in encart(client)
    logged = [r.getMessage() for r in caplog.records if "permanences.toml" in r.getMessage()]
    assert logged == [
        f'{permanences}: champ "seance" s\'appelle désormais [[creneau]] : remplacez chaque '
        "[[seance]] par [[creneau]] ; formsvc garde la dernière version correcte de ce fichier"
    ]  # once per save, not at every page
    # Corrected without the office hour: seen at once, without a restart.
    save(permanences, correct.split("\n[[creneau]]")[0] + "\n")
    assert ONLINE not in encart(client)
    assert "Aucune permanence n’est prévue" in encart(client)


def test_a_mistake_present_at_start_stops_formsvc_naming_the_file(make_app, data):
    permanences = data / "permanences.toml"
    save(permanences, permanences.read_text(encoding="utf-8").replace("[[creneau]]", "[[seance]]"))
    with pytest.raises(DataError, match=r'permanences\.toml: champ "seance"'):
        make_app(CONTENT_DATA=str(data))
