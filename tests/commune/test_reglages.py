"""A setting renamed keeps working under its former name for one release, with a warning."""

import pytest

from commune.reglages import RENAMED, AncienNom, setting, with_former_names
from formsvc.config import from_environment
from tests.support import ROOT


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


@pytest.mark.parametrize(
    ("former", "new"),
    [("ARRAS_PUBLISH_TARGET", "SITE_PUBLISH_TARGET"), ("ARRAS_DEBUG", "SITE_DEBUG")],
)
def test_the_kit_s_settings_lost_the_town_s_name_and_still_read_the_former_one(former, new):
    with pytest.warns(AncienNom, match=f"{former} est l'ancien nom de {new}"):
        assert setting({former: "web@serveur:/srv/site/output"}, new) == (
            "web@serveur:/srv/site/output"
        )


def test_new_names_alone_warn_nothing_and_the_environment_is_not_changed(recwarn):
    environ = {"FORMSVC_ACCEPT_OUTSIDE_CRENEAUX": "false", "SITE_PUBLISH_TARGET": "/srv/site"}
    assert from_environment(environ) == {"ACCEPT_OUTSIDE_CRENEAUX": False}
    assert setting(environ, "SITE_PUBLISH_TARGET") == "/srv/site"
    assert with_former_names(environ, {"SITE_PUBLISH_TARGET", "SITE_DEBUG"}) is environ
    assert setting({}, "SITE_DEBUG", "0") == "0"
    assert not recwarn.list


def test_a_former_name_read_by_another_part_warns_nothing_here(recwarn):
    # formsvc does not read the publication's settings: no warning about them at its start.
    assert from_environment({"ARRAS_PUBLISH_TARGET": "/srv/site"}) == {}
    assert not recwarn.list


def test_every_renamed_setting_is_documented_with_its_former_name():
    documented = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    missing = [
        f"{former} → {new}"
        for former, new in RENAMED.items()
        if f"| `{former}` | `{new}` |" not in documented
    ]
    assert not missing, f"docs/configuration.md (« Noms changés ») ne dit pas : {missing}"
