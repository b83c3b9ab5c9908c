"""What decides where criteria apply (``APPLIES``, ``ONLY_WHERE``, read by ``applies`` and
``cannot_apply``), what fails (``CHECKS``, ``STYLE_CHECKS``, run by ``check`` on one page and
``check_sample`` on the pages of a sample) and where code cannot judge (``UNDECIDED``, read by
``undecided``). The package's docstring says how to read them.
"""

from .consultation import (
    _moving,
    _office_documents,
    _possibly_flashing,
    _possibly_moving,
    _refresh,
    _time_limits,
    moving_content,
    orientation_lock,
)
from .couleurs import _colours_declared, colours
from .elements import (
    _always,
    _direction_changes,
    _language_changes,
    _text_in_body,
    doctype,
    duplicate_titles,
    language,
    language_codes,
    presentational_tags,
    reading_direction,
    title,
)
from .formulaires import (
    _buttons,
    _choice_lists,
    _controlled_fields,
    _fields,
    _grouped_choices,
    _groupings,
    _personal_fields,
    _posted_forms,
    autocomplete,
    buttons,
    labels,
)
from .liens import (
    _feature,
    _links,
    _noscript_alternatives,
    _scripted_components,
    _scripts,
    _status_messages,
    _window_openers,
    explicit_links,
    link_names,
)
from .medias import (
    _captioned_images,
    _described_images,
    _frames,
    _images,
    _non_temporal_media,
    _possible_non_temporal_media,
    _sounding_autoplay,
    _tables,
    _tables_with_headers,
    _temporal_media,
    _titled_frames,
    _titled_tables,
    frames,
    images,
    table_headers,
)
from .mise_en_forme import (
    _focusable,
    _hidden_content,
    _possibly_hidden,
    _running_links,
    _styled,
    link_visibility,
    presentation,
)
from .navigation import consistent_navigation, navigation_systems, skip_link
from .page import _shown, read
from .structuration import _lists, _quotations, headings, landmarks, structure

# Where the finder finds something, the criterion applies (a tuple: one of them at least).
APPLIES = {
    ("1.1", "1.2"): _images,  # informative or decorative: a person says which
    "1.7": _described_images,
    "1.9": _captioned_images,
    "2.1": _frames,
    "2.2": _titled_frames,
    "3.2": _text_in_body,
    ("4.7", "4.11", "4.13"): _temporal_media,
    "4.10": _sounding_autoplay,
    ("4.8", "4.12"): _non_temporal_media,
    ("5.3", "5.6"): _tables,  # a layout table, or a data table
    ("5.4", "5.8"): _titled_tables,  # a data table's title, or a layout table misusing one
    ("5.6", "5.8"): _tables_with_headers,  # a data table's headers, or a layout table's misuse
    "6.1": _links,
    "6.2": _links,
    "7.1": _scripted_components,
    "7.2": _noscript_alternatives,
    "7.3": _scripted_components,
    "7.5": _status_messages,
    "8.1": _always,
    "8.2": _always,
    "8.3": _always,
    "8.5": _always,
    "8.8": _language_changes,
    "8.9": _always,
    "8.10": _direction_changes,
    "9.1": _always,
    "9.2": _always,
    "9.3": _lists,
    "9.4": _quotations,
    "10.1": _always,
    "10.2": _styled,
    "10.3": _styled,
    "10.4": _text_in_body,
    "10.5": _colours_declared,
    "10.6": lambda page: [f"lien « {_shown(a)} »" for a in _running_links(page)],
    "10.7": _focusable,
    "10.8": _hidden_content,
    "10.11": _always,
    "10.12": _text_in_body,
    "11.1": _fields,
    "11.2": _fields,
    "11.4": _fields,
    "11.5": _grouped_choices,
    "11.6": _groupings,
    "11.7": _groupings,
    "11.8": _choice_lists,
    "11.9": _buttons,
    "11.10": _controlled_fields,
    "11.13": _personal_fields,
    "12.8": _focusable,
    "12.9": _focusable,
    "13.1": _refresh,
    "13.3": _office_documents,
    "13.8": _moving,
    "13.9": _always,
    "13.10": _feature("plusieurs doigts", "trajectoire"),
    "13.11": _feature("pointeur"),
    "13.12": _feature("mouvement de l'appareil"),
}


# Where the finder finds nothing, the criterion does not apply.
ONLY_WHERE = {
    **{n: _images for n in ("1.1", "1.2", "1.3", "1.4", "1.6", "1.7", "1.8", "1.9")},
    "2.1": _frames,
    "2.2": _titled_frames,
    **{n: _temporal_media for n in ("4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7", "4.11")},
    "4.10": _sounding_autoplay,
    **{n: _possible_non_temporal_media for n in ("4.8", "4.9", "4.12")},
    "4.13": lambda page: _temporal_media(page) + _possible_non_temporal_media(page),
    **{f"5.{n}": _tables for n in range(1, 9)},
    "6.1": _links,
    "6.2": _links,
    **{f"7.{n}": _scripts for n in range(1, 6)},
    "8.8": _language_changes,
    "8.10": _direction_changes,
    "10.2": _styled,
    "10.3": _styled,
    "10.5": _colours_declared,
    "10.6": _links,
    "10.7": _focusable,
    "10.8": _possibly_hidden,
    **{f"11.{n}": _fields for n in range(1, 14) if n != 9},
    "11.9": _buttons,
    # 11.12 concerns a form that modifies or deletes data, or has legal or financial
    # consequences (WCAG 3.3.4): whether a form does is a person's judgement, not the
    # presence of personal fields (sending a message to the mayor does none of these).
    "11.12": _posted_forms,
    "12.8": _focusable,
    "12.9": _focusable,
    "12.10": _feature("clavier"),
    "13.1": _time_limits,
    "13.3": _office_documents,
    "13.4": _office_documents,
    "13.7": _possibly_flashing,
    "13.8": _possibly_moving,
    "13.10": _feature("plusieurs doigts", "trajectoire"),
    "13.11": _feature("pointeur"),
    "13.12": _feature("mouvement de l'appareil"),
}


def applies(page):
    """{criteria: [what makes them apply]} on ``page`` (a Page), from APPLIES."""
    return {key: found for key, find in APPLIES.items() if (found := find(page))}


def cannot_apply(page):
    """The criteria that cannot apply on ``page``: what they need is not there (ONLY_WHERE)."""
    return [numero for numero, find in ONLY_WHERE.items() if not find(page)]


def undecided(page):
    """{criterion: [why]} for the criteria code cannot judge on ``page`` (UNDECIDED)."""
    return {numero: found for numero, find in UNDECIDED.items() if (found := find(page))}


# Criterion → its check, on the parsed page (8.1 reads the HTML text itself).
CHECKS = {
    "1.1": images,
    "2.1": frames,
    "5.6": table_headers,
    "6.1": explicit_links,
    "6.2": link_names,
    "8.3": language,
    "8.5": title,
    "8.8": language_codes,
    "8.9": presentational_tags,
    "8.10": reading_direction,
    "9.1": headings,
    "9.2": structure,
    "10.1": presentation,
    "11.1": labels,
    "11.9": buttons,
    "11.13": autocomplete,
    "12.1": navigation_systems,
    "12.6": landmarks,
    "12.7": skip_link,
    "13.8": moving_content,
}


# Where the finder finds something, code cannot judge the criterion, which it judges
# everywhere else (a criterion « automatique »): a person does, and the grid's evidence there
# must be a verification, not the tests alone.
UNDECIDED = {
    "13.2": _window_openers,  # a script may open a window: after the visitor's action?
}


# Criterion → its check on the page with its style sheets and scripts (a Page).
STYLE_CHECKS = {
    "10.5": colours,
    "10.6": link_visibility,
    "13.9": orientation_lock,
}


def check(html, site=None):
    """{criterion: [problems]} for one page (its HTML, or a Page), reading the style sheets and
    scripts it loads from ``site``; criteria without a problem left out."""
    page = read(html, site)
    found = {"8.1": doctype(page.html)} | {numero: run(page.soup) for numero, run in CHECKS.items()}
    found |= {numero: run(page) for numero, run in STYLE_CHECKS.items()}
    return {numero: problems for numero, problems in found.items() if problems}


def check_sample(pages, home=None, titled=None):
    """{page id: {criterion: [problems]}} for the pages ``{page id: Page}`` of a sample: each
    page's own checks, 8.6 among the pages ``titled`` (ids of the pages that need a title of
    their own: all by default) and 12.2, 12.4, 12.5 across pages (``home``: the home page's id).
    """
    found = {page_id: check(page) for page_id, page in pages.items()}
    titled = list(pages) if titled is None else titled
    for page_id, problems in duplicate_titles({i: pages[i] for i in titled}).items():
        found[page_id]["8.6"] = problems
    for page_id, more in consistent_navigation(pages, home).items():
        for numero, problems in more.items():
            found[page_id].setdefault(numero, []).extend(problems)
    return found
