"""The mayor's online office hours (« créneaux ») as the editors write them."""

import pytest

from commune import permanences
from commune.datafiles import DataError

SERVICE = '[service]\nnom = "Cabinet du maire"\ndelai = "15 jours"\n'


def write(tmp_path, text):
    path = tmp_path / "permanences.toml"
    path.write_text(SERVICE + text, encoding="utf-8")
    return path


def test_office_hours_are_read_in_order_and_the_current_one_is_found(tmp_path):
    path = write(
        tmp_path,
        "[[creneau]]\ndebut = 2013-02-27T18:30:00\nfin = 2013-02-27T20:30:00\n"
        "[[creneau]]\ndebut = 2013-01-30T18:30:00\nfin = 2013-01-30T20:30:00\n",
    )
    loaded = permanences.load(path)
    assert [c.debut.day for c in loaded.creneaux] == [30, 27]
    during = loaded.creneaux[0].debut.replace(hour=19)
    assert loaded.current(during) == loaded.creneaux[0]
    assert loaded.next(during) == loaded.creneaux[1]


def test_the_former_word_seance_stops_the_build_saying_how_to_rename_it(tmp_path):
    path = write(tmp_path, "[[seance]]\ndebut = 2013-01-30T18:30:00\nfin = 2013-01-30T20:30:00\n")
    with pytest.raises(DataError) as error:
        permanences.load(path)
    assert str(error.value) == (
        f'{path}: champ "seance" s\'appelle désormais [[creneau]] : remplacez chaque '
        "[[seance]] par [[creneau]]"
    )


def test_overlapping_office_hours_are_refused_naming_the_day(tmp_path):
    path = write(
        tmp_path,
        "[[creneau]]\ndebut = 2013-01-30T18:30:00\nfin = 2013-01-30T20:30:00\n"
        "[[creneau]]\ndebut = 2013-01-30T20:00:00\nfin = 2013-01-30T21:00:00\n",
    )
    with pytest.raises(DataError, match="deux créneaux se chevauchent le 2013-01-30"):
        permanences.load(path)
