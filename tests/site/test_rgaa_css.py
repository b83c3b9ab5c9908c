"""The RGAA checks read style sheets as a browser does (tinycss2, cssselect2) and images as
Pillow does: each case here is one the hand-written reader of November 2026 got wrong, so that
a page passed or failed a criterion for a reason no visitor would see."""

import io
import os

import pytest
from PIL import Image

from publication import criteres
from tests.site.rgaa import page_of

SENTENCE = '<p>Écrivez au <a href="/contact/">maire</a> ce soir.</p>'
TEXT = "body { color: #1b1b1b; background: #fff; } "


def page(body, css, site=None):
    return page_of(f'<main id="contenu"><h1>Titre</h1>{body}</main>', css, site=site)


# -- 10.6: which declaration reaches a link, and what it says -------------------------------


@pytest.mark.parametrize(
    ("css", "body", "expected"),
    [
        # :not() and :is() weigh as their heaviest argument, not as all of them: the later
        # rule, of equal weight, underlines the link.
        (
            "p a:not(.x, .y) { text-decoration: none; color: #1b1b1b; } "
            "p a.lien { text-decoration: underline; }",
            SENTENCE.replace("<a ", '<a class="lien" '),
            [],
        ),
        (
            ":is(p, .x, .y) a { text-decoration: none; color: #1b1b1b; } "
            "p a.lien { text-decoration: underline; }",
            SENTENCE.replace("<a ", '<a class="lien" '),
            [],
        ),
        # Every CSS colour is read: a named colour of the 148, hsl().
        (
            "body { color: #639; background: #fff; } a { text-decoration: none; "
            "color: rebeccapurple; }",
            SENTENCE,
            ["lien « maire » signalé par sa couleur seule, à 1.0:1 du texte qui l'entoure"],
        ),
        (
            TEXT + "a { text-decoration: none; color: hsl(0 0% 11%); }",
            SENTENCE,
            ["lien « maire » signalé par sa couleur seule, à 1.0:1 du texte qui l'entoure"],
        ),
        # A custom property set on an ancestor, not on the root, reaches the link.
        (
            TEXT + ".encart { --lien: #222; } a { text-decoration: none; color: var(--lien); }",
            f'<div class="encart">{SENTENCE}</div>',
            ["lien « maire » signalé par sa couleur seule, à 1.1:1 du texte qui l'entoure"],
        ),
        # Bold type inherited from the element around the link marks it.
        (
            TEXT + ".fort { font-weight: 700; } a { text-decoration: none; color: #1b1b1b; }",
            SENTENCE.replace("<a ", '<span class="fort"><a ').replace("</a>", "</a></span>"),
            [],
        ),
        # A border below, whatever shorthand draws it, marks the link.
        (
            TEXT + "a { text-decoration: none; color: #1b1b1b; border-bottom: 0.1em solid; }",
            SENTENCE,
            [],
        ),
        (
            TEXT + "a { text-decoration: none; color: #1b1b1b; border-style: solid; "
            "border-width: 0 0 2px; }",
            SENTENCE,
            [],
        ),
        (
            TEXT + "a { text-decoration: none; color: #1b1b1b; border-bottom: 2px solid "
            "transparent; }",
            SENTENCE,
            ["lien « maire » signalé par sa couleur seule, à 1.0:1 du texte qui l'entoure"],
        ),
        # « not print » is for the screen.
        (
            TEXT + "@media not print { a { text-decoration: none; color: #1b1b1b; } }",
            SENTENCE,
            ["lien « maire » signalé par sa couleur seule, à 1.0:1 du texte qui l'entoure"],
        ),
    ],
    ids=[
        "not-list",
        "is-list",
        "rebeccapurple",
        "hsl",
        "variable-on-ancestor",
        "inherited-bold",
        "border-bottom-em",
        "border-longhands",
        "transparent-border",
        "not-print",
    ],
)
def test_a_link_s_marks_are_read_as_a_browser_shows_them(css, body, expected):
    found = criteres.link_visibility(page(body, css))
    assert [p.split(" (")[0] for p in found] == expected


def test_a_link_that_stands_out_only_by_colour_needs_a_mark_on_hover_and_focus():
    css = TEXT + "a { text-decoration: none; color: #1a6dd8; } "
    assert criteres.link_visibility(page(SENTENCE, css)) == [
        "lien « maire » signalé par sa couleur seule, sans autre marque au survol",
        "lien « maire » signalé par sa couleur seule, sans autre marque au focus",
    ]
    # A hover rule that only colours the border drawn at rest shows it: a mark.
    drawn = css + "a { border-bottom: 2px solid transparent; } a:hover, a:focus-visible { "
    drawn += "border-bottom-color: currentcolor; }"
    assert criteres.link_visibility(page(SENTENCE, drawn)) == []


# -- 10.5: the background behind a text, from the background shorthand ----------------------


@pytest.mark.parametrize(
    ("css", "expected"),
    [
        (
            ".encart { color: #1b1b1b; background: rgb(255 255 255 / 0%); }",
            [
                "« .encart » donne une couleur au texte sans couleur de fond, ni sur l'élément ni "
                "sur un parent"
            ],
        ),
        (".encart { color: #1b1b1b; background: url(/motif.png) no-repeat #f3f2f1; }", []),
        (
            "body { color: #1b1b1b; } .encart { background: url(/motif.png) no-repeat; }",
            [
                "« body » donne une couleur au texte sans couleur de fond, ni sur l'élément ni "
                "sur un parent",
                "« .encart » met une image de fond sans couleur de fond derrière",
            ],
        ),
        (".encart { color: #1b1b1b; background: hsl(40 10% 95%); }", []),
    ],
    ids=["transparent", "image-and-colour", "image-alone", "hsl"],
)
def test_a_text_colour_comes_with_the_background_the_shorthand_gives(css, expected):
    assert criteres.colours(page('<p class="encart">Horaires</p>', css)) == expected


# -- 13.7, 13.8: images that move ----------------------------------------------------------


def _image(kind, animated, **options):
    frames = [Image.new("RGB", (8, 8), colour) for colour in ("red", "blue")]
    data = io.BytesIO()
    if animated:
        frames[0].save(data, format=kind, save_all=True, append_images=frames[1:], **options)
    else:
        frames[0].save(data, format=kind, **options)
    return data.getvalue()


# A colour profile of 9 KB before the animation chunk, as a photo editor writes it.
PROFILE = os.urandom(9000)


@pytest.mark.parametrize(
    ("name", "data", "moves"),
    [
        ("anime.gif", _image("GIF", True), True),
        ("anime.png", _image("PNG", True, icc_profile=PROFILE), True),
        ("anime.webp", _image("WEBP", True, icc_profile=PROFILE), True),
        # A comment holding the bytes of a frame's header is not a second frame.
        ("fixe.gif", _image("GIF", False, comment=b"\x21\xf9\x04", transparency=0), False),
        ("fixe.png", _image("PNG", False), False),
    ],
    ids=["gif", "apng", "webp", "static-gif", "static-png"],
)
def test_an_animated_image_makes_13_8_apply(tmp_path, name, data, moves):
    (tmp_path / name).write_bytes(data)
    shown = page(f'<p><img src="/{name}" alt="Plan"></p>', TEXT, site=tmp_path)
    assert ("13.8" in criteres.applies(shown)) is moves
