"""What nginx adds around the site: security headers, caching, compression, no cookie."""

import re
import urllib.error
import urllib.request

import pytest

pytestmark = pytest.mark.integration


def head(stack, path, **headers):
    request = urllib.request.Request(stack.url + path, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.headers


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


def test_fingerprinted_assets_are_cached_for_a_year_and_compressed(stack):
    html = urllib.request.urlopen(stack.url + "/", timeout=10).read().decode()
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
    try:
        urllib.request.urlopen(stack.url + "/nulle-part/", timeout=10)
    except urllib.error.HTTPError as error:
        assert error.code == 404
        assert "Page introuvable" in error.read().decode()
    else:
        raise AssertionError("404 attendu")
