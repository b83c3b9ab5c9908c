"""The pages of the RGAA sample as a visitor gets them: for `invoke publish` and the tests.

Static pages are read from the built site. formsvc's are asked of ``render``, which the
caller gives (`invoke publish` and the tests pass formsvc's own, formsvc/echantillon.py): the
publication knows formsvc's addresses (commune.FORMSVC_PREFIXES), never its insides. A page
``render`` cannot show without a signed-in agent is left to the tests and listed as such. A
static page the site no longer has (an act withdrawn, an article renamed) is listed too: the
grid is to update, not the publication to stop.
"""

from pathlib import Path

from commune import FORMSVC_PREFIXES


class Unrendered(Exception):
    """A formsvc page of the sample did not come as the grid describes it."""


def pages(grid, site, render):
    """({page id: HTML}, [pages left to the tests], [static pages the site no longer has])
    for the sample of ``grid``.

    ``render(adresse, etat)``: the HTML of a formsvc page in the grid's state, or None when
    it needs a signed-in agent; a ValueError when it cannot show that page in that state.
    """
    found, left, missing = {}, [], []
    for page in grid.pages:
        if page.adresse.startswith(FORMSVC_PREFIXES):
            try:
                html = render(page.adresse, page.etat)
            except ValueError as error:
                raise Unrendered(str(error)) from error
            if html is None:
                left.append(page)
            else:
                found[page.id] = html
            continue
        target = Path(site) / page.adresse.lstrip("/")
        target = target / "index.html" if page.adresse.endswith("/") else target
        if target.is_file():
            found[page.id] = target.read_text(encoding="utf-8")
        else:
            missing.append(page)
    return found, left, missing
