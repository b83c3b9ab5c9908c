"""A setting renamed keeps working under its former name for one release, with a warning."""

import pytest

from commune.reglages import AncienNom, with_former_names
from formsvc.config import from_environment

RENAMED = {"FORMSVC_ACCEPT_OUTSIDE_SESSIONS": "FORMSVC_ACCEPT_OUTSIDE_CRENEAUX"}


def test_the_former_name_is_still_read_and_the_warning_gives_the_new_one():
    with pytest.warns(AncienNom) as warned:
        settings = from_environment({"FORMSVC_ACCEPT_OUTSIDE_SESSIONS": "false"})
    assert settings["ACCEPT_OUTSIDE_CRENEAUX"] is False
    (warning,) = warned
    assert str(warning.message).startswith(
        "FORMSVC_ACCEPT_OUTSIDE_SESSIONS est l'ancien nom de FORMSVC_ACCEPT_OUTSIDE_CRENEAUX"
    )


def test_when_both_names_are_set_the_new_one_counts_and_the_warning_says_so():
    environ = {"FORMSVC_ACCEPT_OUTSIDE_SESSIONS": "false", "FORMSVC_ACCEPT_OUTSIDE_CRENEAUX": "1"}
    with pytest.warns(AncienNom, match="c'est lui qui compte"):
        settings = from_environment(environ)
    assert settings["ACCEPT_OUTSIDE_CRENEAUX"] is True


def test_new_names_alone_warn_nothing_and_the_environment_is_not_changed(recwarn):
    environ = {"FORMSVC_ACCEPT_OUTSIDE_CRENEAUX": "false"}
    assert from_environment(environ) == {"ACCEPT_OUTSIDE_CRENEAUX": False}
    assert with_former_names(environ, RENAMED) is environ
    assert not recwarn.list
