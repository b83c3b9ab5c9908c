"""RGAA 4.1.2 criteria a program can decide on the pages of the sample, without a browser.

A page, as the checks see it (``read``): its HTML, the style sheets and the scripts it loads
from the built site (and the modules those import). Code tells three things about it.

**Where a criterion applies.** ``APPLIES`` says what makes criteria applicable on a page: where
its finder finds something, the criterion applies there (for a tuple, one of them at least: an
image is informative or decorative, so 1.1 or 1.2 applies, whichever a person judges it to
be). ``ONLY_WHERE`` says what criteria need: where its finder finds nothing, the criterion does
not apply. A criterion found in both with the same finder is decided by code alone (2.1 applies
exactly where the page has a frame, 13.3 exactly where it links an office document). Finders
return what they found, in words an editor can look for in the page.

Applicability is left to a person where the HTML cannot tell it: 1.4 and 1.5 (is an image a
CAPTCHA?), 1.6 and 1.8 (does an image need a long description, does it show text?), 3.1 and
3.3 (is information given by colour alone, is a component identified by its colour?), 8.7 (is
a passage written in another language? Proper nouns and words in the French dictionary are
not), 9.4 beyond <q> and <blockquote> (is a sentence a quotation?), 10.9 and 10.10 (is
information given by shape or position?), 10.13, 10.14 and 12.11 (content appearing on hover
or focus), 11.3 and 11.11 (same function, possible suggestions), 12.2 to 12.5 (which pages form
a set, RGAA special cases such as the home page), 12.7, 13.2, 13.5 and 13.6 (is a text cryptic:
ASCII art, emoticons, abbreviations). Accesskeys do not make 12.10 apply: the RGAA glossary
says they need a modifier key already.

**Where a criterion fails.** Each check returns the problems it finds, as French sentences.
Finding none does not always prove a criterion met (an alternative may be present and still
say nothing: only a person can judge); finding one always proves it failed. ``CHECKS`` read the
page's HTML; ``STYLE_CHECKS`` read its style sheets and scripts too (10.5, 10.6, 13.9).
``duplicate_titles`` and ``consistent_navigation`` compare the pages of the sample (8.6, 12.2,
12.4, 12.5); ``hover_only``, ``animations``, ``orientation_hiding`` and ``script_features``
read the theme's files.

**Where code cannot judge.** A criterion marked « automatique » in the reference is judged by
code alone on the pages the grid says so of; ``UNDECIDED`` says what takes that away on a
page: a script that may open a window (13.2: does it wait for the visitor's action?) leaves
the criterion to a person there. 12.7 is judged in two halves: the skip link's place and
target here (``CHECKS``), its display on focus in Chromium (tests/browser/test_rgaa.py).

``applies``, ``cannot_apply`` and ``undecided`` read APPLIES, ONLY_WHERE and UNDECIDED for one
page; ``check_sample`` runs every check on the pages of a sample. ``verdict`` holds the grid's
declarations against them, with one set of rules for ``invoke publish``, which refuses on
what it finds (publication/publier.py: an editor's missing alternative, an empty link or an
image pasted into a page said to have none never goes online unnoticed), and for the tests,
which run it on every page of the sample, the agent's included
(tests/site/test_rgaa_echantillon.py).

**Where the code is.** ``page`` reads a page (``read``, ``Page``: lxml's parser, through
publication.markup) and holds the helpers every check shares; ``css`` reads its style sheets
with tinycss2 (``rules``, selectors compiled by cssselect2, media queries), ``shorthands``
reads the longhands a shorthand sets, ``cascade`` matches the rules to the elements with
cssselect2 and computes what wins and what is inherited (``Cascade``). One module per group of
RGAA themes holds its finders and checks: ``medias`` (images, frames, media, tables: themes 1,
2, 4, 5), ``couleurs`` (10.5), ``liens`` (links and scripts: 6, 7), ``elements`` (8),
``structuration`` (9, 12.6), ``mise_en_forme`` (10), ``formulaires`` (11), ``navigation``
(12), ``consultation`` (13). ``registre`` holds APPLIES, ONLY_WHERE, CHECKS, STYLE_CHECKS and
what runs them; ``verdict`` what the grid declares against what they find. What the rest of
the project calls is available here, as ``criteres.check``; the rest stays in its module.
"""

from .consultation import animations, linked_pdfs, orientation_hiding, tagged_pdf
from .couleurs import colours
from .elements import duplicate_titles
from .liens import script_features
from .mise_en_forme import hover_only, link_visibility
from .navigation import consistent_navigation, main_menu
from .page import parse, read
from .registre import (
    APPLIES,
    CHECKS,
    ONLY_WHERE,
    STYLE_CHECKS,
    UNDECIDED,
    applies,
    cannot_apply,
    check,
    check_sample,
    undecided,
)
from .verdict import verdict

__all__ = [
    "APPLIES",
    "CHECKS",
    "ONLY_WHERE",
    "STYLE_CHECKS",
    "UNDECIDED",
    "animations",
    "applies",
    "cannot_apply",
    "check",
    "check_sample",
    "colours",
    "consistent_navigation",
    "duplicate_titles",
    "hover_only",
    "link_visibility",
    "linked_pdfs",
    "main_menu",
    "orientation_hiding",
    "parse",
    "read",
    "script_features",
    "tagged_pdf",
    "undecided",
    "verdict",
]
