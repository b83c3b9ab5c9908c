"""French typography: no line break inside guillemets or before double punctuation."""

import pytest

from tests.site.pages import soup


def test_article_text_keeps_guillemets_with_their_words(site):
    text = soup(site, "/actualites/2013/label-ville-internet-2013/").select_one("main").get_text()
    assert "«\u00a0villes numériques\u00a0»" in text
    assert "« villes" not in text


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            "<p>Qui ? Le maire : oui ; non !</p>",
            "<p>Qui\u202f? Le maire\u00a0: oui\u202f; non\u202f!</p>",
        ),
        (
            '<a href="/x?a=1" title="« t »">« lien »</a>',
            '<a href="/x?a=1" title="« t »">«\u00a0lien\u00a0»</a>',
        ),
        ("<pre><code>a ? b : c</code></pre> d ?", "<pre><code>a ? b : c</code></pre> d\u202f?"),
        ("https://exemple.fr", "https://exemple.fr"),
    ],
)
def test_typeset_touches_text_only(html, expected):
    from plugins.french_typography import typeset

    assert typeset(html) == expected
