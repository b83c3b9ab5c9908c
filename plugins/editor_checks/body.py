"""The text of one Markdown file, checked on the HTML the reader already made of it.

A broken table or a heading at the wrong level does not stop Markdown: it publishes raw
pipes, or a page whose outline a screen reader cannot follow (RGAA 9.1). An image from
another site makes every visitor's browser call that site (RGAA, privacy). Each check is a
regular-expression pass over the HTML, run only when a cheap test says it may find
something; the source is read again only to give the line of a problem found (the build
benchmark reads 2,000 articles: docs/benchmarks.md). Headings and what the page makes the
browser fetch are read from the HTML as the link check reads it (publication.markup, lxml):
one way to read HTML for checks; the line-based checks (tables, lists) stay on the text.
"""

import functools
import html
import re

from publication import markup

PRE = re.compile(r"<pre\b.*?</pre>|<code\b.*?</code>", re.S | re.I)
TAG = re.compile(r"<[^>]+>")
LEADING_TAGS = re.compile(r"^(?:\s*<[a-z][^>]*>)+", re.I)
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
SOURCE_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)|^\s*<h[1-6]\b", re.I)
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
QUOTE_MARKS = re.compile(r"^[ \t>]*")
CODE_SPAN = re.compile(r"`+[^`]*`+")
LINK_TARGET = re.compile(r"\]\([^)]*\)")
# What Markdown left as text: a list glued to the paragraph above it (Python-Markdown wants a
# blank line before a list, 4 spaces before a sub-list), a link with a space before "(".
LITERAL_ITEM = re.compile(r"^(?:[-*+]|\d{1,3}\.)[ \t]+\S", re.M)
LITERAL_LIST = (
    "liste affichée telle quelle, tirets ou numéros compris : laissez une ligne vide entre "
    "le paragraphe et la liste"
)
SOURCE_ITEM = re.compile(r"^[ \t>]*(?:[-*+]|\d{1,3}\.)[ \t]+\S")
SPACED_LINK = re.compile(
    r"\[[^\]\n]+\][ \t]+\((?:https?:|mailto:|/|\{filename\}|\{static\})[^)\s]*\)?"
)
# An address on another site (with or without its scheme).
REMOTE = re.compile(r"(?:https?:)?//[^\s\"'<>,]+", re.I)
NOUNS = {
    "img": "l'image",
    "picture": "l'image",
    "image": "l'image",
    "use": "l'image",
    "input": "l'image",
    "video": "la vidéo",
    "audio": "le son",
    "source": "le fichier audio ou vidéo",
    "track": "le fichier de sous-titres",
    "iframe": "le cadre intégré (iframe)",
    "frame": "le cadre intégré (frame)",
    "embed": "l'objet intégré (embed)",
    "object": "l'objet intégré (object)",
    "script": "le script",
    "link": "la ressource (link)",
    "style": "l'image de fond (style)",
}
SCRIPTS = {"script", "link"}
FILES = {"img", "picture", "image", "use", "input", "video", "audio", "source", "track", "style"}


def problems(content, lines, start, images):
    """``ligne N : …`` for each problem of the text; ``start``: index of its first line;
    ``images``: the folder for images as editors see it (content/images/)."""
    found = []
    if "|" in content:
        found += _broken_tables(content, lines, start)
    if "<table" in content:
        found += _extra_cells(lines, start)
    # The text's HTML as the checks read it (publication.markup), parsed once, if needed.
    tree = functools.cache(lambda: markup.tree(content))
    if "<h" in content:
        found += _headings(tree(), lines, start)
    if "//" in content or "<img" in content:
        found += _resources(tree(), lines, start, images)
    if LITERAL_ITEM.search(content) or "] (" in content:
        found += _literal_markdown(content, lines, start)
    return [text for _line, text in sorted(found, key=lambda pair: pair[0] or 0)]


def _broken_tables(content, lines, start):
    """Paragraphs whose lines start with "|": rows Markdown did not take for a table."""
    firsts, previous = [], False
    for line in _outside_code(content).split("\n"):
        text = LEADING_TAGS.sub("", line)
        row = text.startswith("|") and TAG.sub("", text).count("|") >= 2
        if row and (not previous or text != line):  # "<p>|…" starts another paragraph
            firsts.append(text)
        previous = row
    candidates = [  # the first line of each run of "|" lines
        i
        for i in range(start, len(lines))
        if _row(lines[i]).startswith("|") and not (i > start and _row(lines[i - 1]).startswith("|"))
    ]
    found = []
    for i in _pair(firsts, candidates, lines):
        if i is not None:
            advice = _table_advice(lines, i, start)
            message = f"ligne {i + 1} : tableau mal formé, il s'afficherait avec ses « | » : "
            found.append((i, message + advice))
    return found


def _table_advice(lines, i, start):
    row = _row(lines[i])
    before = lines[i - 1] if i > start else ""
    after = _row(lines[i + 1]) if i + 1 < len(lines) else ""
    if before.strip() and not _row(before).startswith("|"):
        return "laissez une ligne vide avant le tableau (et pas de tableau dans une liste)"
    if not _separator(after):
        return (
            "ajoutez sous sa première ligne la ligne de séparation, par ex. « | --- | --- | » "
            "(un --- par colonne)"
        )
    if _cells(after) != _cells(row):
        return (
            f"la ligne de séparation (ligne {i + 2}) a {_cells(after)} colonne(s) et la "
            f"première ligne {_cells(row)} : mettez-en autant"
        )
    return "vérifiez la ligne vide avant lui et sa ligne de séparation « | --- | --- | »"


def _extra_cells(lines, start):
    """Rows with more cells than their table's header: Markdown drops the extra cells."""
    found = []
    for i in range(start + 1, len(lines)):
        if not (_separator(_row(lines[i])) and "|" in lines[i - 1]):
            continue
        width = _cells(_row(lines[i - 1]))
        for j in range(i + 1, len(lines)):
            row = _row(lines[j])
            if not row.strip() or "|" not in row:
                break
            if _cells(row) > width:
                message = (
                    f"ligne {j + 1} : cette ligne du tableau a {_cells(row)} cases et son "
                    f"en-tête {width} : les cases en trop ne s'afficheraient pas ; ajoutez la "
                    "colonne à l'en-tête et à la ligne de séparation, ou retirez la case"
                )
                found.append((j, message))
                break
    return found


def _headings(root, lines, start):
    """Level 1 is the page's title (RGAA 9.1): the text starts at 2 and skips no level."""
    headings = [(int(h.tag[1]), "".join(h.itertext())) for h in root.iter(*HEADINGS)]
    previous, wrong = 0, []  # 0: the page's own title, just above the text
    for index, (level, _text) in enumerate(headings):
        if level == 1 or level > max(previous, 1) + 1:
            wrong.append((index, level, previous))
        previous = level
    if not wrong:
        return []
    candidates = [i for i in range(start, len(lines)) if _source_heading(lines, i)]
    where = _pair([_key(text) for _level, text in headings], candidates, lines, keyed=True)
    found = []
    for index, level, previous in wrong:
        line = where[index] if index < len(where) else None  # an unclosed <hN> in raw HTML
        marks = "#" * level
        if level == 1:
            text = (
                "titre de niveau 1 (« # ») dans le texte : le titre de la page (Title) est "
                "le seul de ce niveau ; commencez les sections par « ## »"
            )
        elif previous == 0:
            text = (
                f"titre de niveau {level} (« {marks} ») juste sous le titre de la page : "
                "commencez par « ## », sans sauter de niveau"
            )
        else:
            text = (
                f"titre de niveau {level} (« {marks} ») après un titre de niveau {previous} : "
                f"ne sautez pas de niveau, écrivez « {'#' * (previous + 1)} »"
            )
        found.append((line, _at(line) + text))
    return found


def _resources(root, lines, start, images):
    """Files the page would load from another site; and images with no text alternative."""
    found, position = [], start
    for reference in markup.references(root):
        if reference.kind != markup.RESOURCE or not REMOTE.match(reference.url):
            continue
        element, _, attribute = reference.where.partition(" ")
        if attribute == "style" or element == "style":
            element = "style"  # a background image: style="…url(…)" or a <style> element
        line = _line_with(lines, reference.url, position)
        position = line if line is not None else position
        found.append((line, _remote(line, element, reference.url, images)))
    for image in root.iter("img"):
        if image.get("alt") is None:
            line = _line_with(lines, image.get("src") or "<img", start)
            message = (
                "image sans texte de remplacement (attribut alt) : décrivez ce qu'elle "
                'montre dans alt="…", ou écrivez alt="" si elle est décorative'
            )
            found.append((line, _at(line) + message))
    return found


def _literal_markdown(content, lines, start):
    """List items and links that Markdown left as plain text."""
    content = _outside_code(content)
    firsts, previous = [], False  # the first item of each list left as text
    for line in content.split("\n") if LITERAL_ITEM.search(content) else ():
        item = bool(LITERAL_ITEM.match(line))
        if item and not previous:
            firsts.append(line)
        previous = item
    candidates = [i for i in range(start, len(lines)) if SOURCE_ITEM.match(lines[i])]
    found = []
    for i in _pair(firsts, candidates, lines):
        if i is not None:
            found.append((i, f"ligne {i + 1} : {LITERAL_LIST}"))
    for link in SPACED_LINK.findall(content):
        link = html.unescape(link)
        line = _line_with(lines, link, start)
        problem = "collez la parenthèse au crochet, [texte](adresse), sinon il s'affiche tel quel"
        found.append((line, f"{_at(line)}lien mal formé « {link} » : {problem}"))
    return found


def _remote(line, element, url, images):
    shown = url if len(url) <= 100 else url[:99] + "…"
    if element in FILES:
        folder = images.split("/", 1)[-1]  # content/images/ → images/
        advice = f"déposez le fichier dans {images} et appelez-le avec {{static}}/{folder}"
        advice += "nom-du-fichier"
    elif element in SCRIPTS:
        advice = "retirez-le : les styles et les scripts du site viennent de son thème"
    else:
        advice = (
            "mettez à la place un simple lien vers la page de cet autre site (ou déposez le "
            f"fichier dans {images})"
        )
    noun = NOUNS.get(element, "le fichier")
    return (
        f"{_at(line)}{noun} {shown} vient d'un autre site : le site ne fait appel à "
        f"aucun autre site (vie privée des visiteurs) ; {advice}"
    )


def _at(line):
    """``ligne N : `` for a line index, or nothing when the line was not found."""
    return f"ligne {line + 1} : " if line is not None else ""


def _pair(wanted, candidates, lines, keyed=False):
    """The source line of each wanted HTML fragment, in document order: the next candidate
    line with the same words, else simply the next candidate."""
    found, position = [], 0
    for fragment in wanted:
        key = fragment if keyed else _html_key(fragment)
        same = (
            j for j in range(position, len(candidates)) if _source_key(lines[candidates[j]]) == key
        )
        hit = next(same, position if position < len(candidates) else None)
        found.append(candidates[hit] if hit is not None else None)
        position = hit + 1 if hit is not None else position
    return found


def _source_heading(lines, i):
    if SOURCE_HEADING.match(lines[i]):
        return True
    return (
        bool(lines[i].strip())
        and i + 1 < len(lines)
        and bool(SETEXT_UNDERLINE.match(lines[i + 1]))
        and not _row(lines[i]).startswith("|")
    )


def _outside_code(content):
    return PRE.sub("", content) if "<pre" in content or "<code" in content else content


def _line_with(lines, text, start):
    """Index of the first line from ``start`` containing ``text`` (then from the top)."""
    for first in (start, 0):
        for i in range(first, len(lines)):
            if text in lines[i]:
                return i
    return None


def _row(line):
    return QUOTE_MARKS.sub("", line)


def _separator(row):
    row = row.strip()
    return "-" in row and "|" in row and set(row) <= set("|:- \t")


def _cells(row):
    """Cells of a table row, as Markdown counts them (pipes in `code` or escaped excluded)."""
    row = CODE_SPAN.sub("", row.strip()).replace("\\|", "")
    return row.removeprefix("|").removesuffix("|").count("|") + 1


def _key(text):
    return "".join(char for char in text.casefold() if char.isalnum())


def _html_key(fragment):
    return _key(html.unescape(TAG.sub("", fragment)))


def _source_key(line):
    return _key(TAG.sub("", LINK_TARGET.sub("]", line)))
