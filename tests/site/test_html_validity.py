"""Every generated page is valid HTML for the Nu Html Checker (vnu.jar, pinned in package.json)."""

from publication import validation


def test_every_page_stylesheet_and_svg_is_valid(site):
    assert len(validation.files(site)) > 30
    problems = validation.errors(site)
    assert not problems, "\n".join(problems)
