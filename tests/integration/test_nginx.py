"""What nginx adds around the site: security headers, caching, compression, no cookie."""

import re
import shutil

import pytest

from tests.site.builds import build
from tests.support import ROOT, wait_until
from tests.support.http_client import HttpClient
from tests.support.pages import html_of

pytestmark = pytest.mark.integration


def head(stack, path, **headers):
    """(status, headers) of ``path``, redirects not followed."""
    answer = HttpClient(stack.url).get(path, headers=headers)
    return answer.status_code, answer.headers


def text(stack, path):
    answer = HttpClient(stack.url).get(path)
    assert answer.status_code == 200, (path, answer.status_code)
    return answer.text


def test_static_pages_carry_security_headers_and_no_cookie(stack):
    status, headers = head(stack, "/recherche/")
    assert status == 200
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self' 'wasm-unsafe-eval'" in csp and "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in headers  # plain http here: HSTS only on TLS
    assert "Set-Cookie" not in headers
    assert headers["Cache-Control"] == "public, max-age=300"


def test_calendars_are_served_as_utf8_icalendar(stack):
    html = text(stack, "/agenda/")
    event = re.search(r'href="(/agenda/\d{4}/[a-z0-9-]+/)"', html).group(1)
    one = event + event.rstrip("/").rsplit("/", 1)[1] + ".ics"  # the event's own calendar
    for path in ("/agenda.ics", one):
        status, headers = head(stack, path)
        assert status == 200
        assert headers["Content-Type"] == "text/calendar; charset=utf-8", path
        assert headers["X-Content-Type-Options"] == "nosniff"


def test_fingerprinted_assets_are_cached_for_a_year_and_compressed(stack):
    html = text(stack, "/")
    css = re.search(r'href="(/theme/css/site\.[0-9a-f]{10}\.css)"', html).group(1)
    status, headers = head(stack, css, **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["Content-Encoding"] == "gzip"
    assert "Content-Security-Policy" in headers


def test_formsvc_answers_with_its_own_headers_behind_nginx(stack):
    status, headers = head(stack, "/formulaires/permanence/")
    assert status == 200
    assert headers["Cache-Control"] == "no-store"
    assert headers.get_all("Content-Security-Policy") == [headers["Content-Security-Policy"]]
    assert "Secure" in headers["Set-Cookie"] and "HttpOnly" in headers["Set-Cookie"]


def test_unknown_address_gets_the_site_404_page(stack):
    answer = HttpClient(stack.url).get("/nulle-part/")
    assert html_of(answer, 404).select_one("h1").get_text() == "Page introuvable"


def response(stack, path):
    """(status, Location, body) of ``path``, redirections not followed."""
    answer = HttpClient(stack.url).get(path)
    return answer.status_code, answer.headers.get("Location"), answer.text


def test_old_addresses_redirect_and_withdrawn_ones_are_gone(stack, tmp_path):
    """content/data/redirections.toml → the build's nginx map → 301 and 410 by nginx itself."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "data/redirections.toml").write_text(
        '[[redirection]]\nde = "/actualites/2013/ancien-titre/"\nvers = "/ecoles/"\n\n'
        '[[retrait]]\nadresse = "/actualites/2013/retiree/"\nmotif = "Publiée par erreur"\n',
        encoding="utf-8",
    )
    assert build(content, stack.root / "output").ok
    stack.reload_nginx()
    expected = {
        "/actualites/2013/ancien-titre/": 301,
        "/actualites/2013/ancien-titre": 301,
        "/actualites/2013/retiree/": 410,
    }
    # The reload is asynchronous: an old worker may answer a while longer. Settled when the
    # new answers come twice in a row.
    seen = []

    def settled():
        seen.append({url: response(stack, url)[0] for url in expected} == expected)
        return seen[-2:] == [True, True]

    wait_until(settled, 10, "nginx did not reload its redirections", interval=0.2)
    for typed in ("/actualites/2013/ancien-titre/", "/actualites/2013/ancien-titre"):
        status, location, _body = response(stack, typed)
        assert (status, location.removeprefix(stack.url)) == (301, "/ecoles/"), typed
    gone = HttpClient(stack.url).get("/actualites/2013/retiree/")
    assert "Page retirée" in html_of(gone, 410).select_one("h1").get_text()
    assert response(stack, "/_publication/adresses.json")[0] == 404  # not for visitors
    assert response(stack, "/ecoles/")[0] == 200
