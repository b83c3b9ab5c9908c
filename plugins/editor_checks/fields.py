"""The fields at the top of one Markdown file (its metadata), checked as the editor wrote them.

Pelican would guess ("31/01/2013" read as a date, a title written twice shown as a Python
list), or fail later without naming the file (a 266-character title ends in "File name too
long" when the page is written). Each problem here names its field or its line.
"""

import datetime
import re
from dataclasses import dataclass, field

from pelican.utils import slugify

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?")
STATUSES = ("published", "draft", "hidden")
CONTACTS = ("mairie", "dpo")
REQUIRED = {"article": ("title", "date", "category", "summary"), "page": ("title",)}
KNOWN = {
    "article": {"title", "date", "modified", "category", "tags", "slug", "summary", "status"},
    "page": {
        "title",
        "slug",
        "summary",
        "status",
        "template",
        "url",
        "save_as",
        "contact",
        "accueil",
    },
}
ALL_FIELDS = KNOWN["article"] | KNOWN["page"]
# Pelican joins the lines of a formatted field; any other field written on two lines (or
# twice) becomes a Python list, shown as "['Fête', 'Autre']" or cut to its first line.
MULTILINE = {"summary"}
# Characters: an address must stay readable, and a file name far below the system's 255
# bytes. The build benchmark's corpus has slugs of up to 87 characters (bench/build.py).
SLUG_MAX_LENGTH = 100
UNSAFE_PATH = re.compile(r"[\s\\:]")  # spaces, Windows separators, "https://"
PLAIN_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# Python-Markdown's own patterns (markdown/extensions/meta.py): where its fields stop.
META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
META_MORE = re.compile(r"^[ ]{4,}(?P<value>.*)")
# What an editor meant as a field: one word, accents allowed, maybe a space, then a colon.
FIELD_LIKE = re.compile(r"^[ ]{0,3}(?P<key>[^\W\d_][\w-]*)(?P<space>[ \t]*):(?:\s|$)")


@dataclass
class Header:
    """Where each field is written, and the lines that Markdown will not read as fields."""

    lines: dict = field(default_factory=dict)  # field -> line numbers where it is written
    continued: dict = field(default_factory=dict)  # field -> first indented line continuing it
    notes: list = field(default_factory=list)  # problems found on lines of the header
    lost: set = field(default_factory=set)  # fields written, but read as text
    end: int = 0  # index of the first line of the text


def read_header(lines, kind):
    """Read the top of a file the way Python-Markdown's ``meta`` extension does."""
    header = Header()
    first = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    if first:  # Markdown reads fields only from the very first line
        lost = [_meta_field(line) for line in _block(lines, first)]
        lost = list(dict.fromkeys(name for name in lost if name))
        if lost:
            header.lost.update(lost)
            header.notes.append(
                f"ligne 1 : le fichier commence par une ligne vide, alors les champs qui la "
                f"suivent ({_names(lost)}) sont lus comme du texte ; supprimez cette ligne vide"
            )
        return header
    header.end = _block_end(lines, 0)
    key, broken, explained, after_break = None, None, False, []
    for i, line in enumerate(lines[: header.end]):
        number, meta = i + 1, META_LINE.match(line)
        if broken is None and meta:
            key = meta["key"].lower()
            header.lines.setdefault(key, []).append(number)
            continue
        if broken is None and key and META_MORE.match(line):
            header.continued.setdefault(key, number)
            continue
        if broken is None:  # Markdown stops reading fields here: the text starts
            broken = number
        like = FIELD_LIKE.match(line)
        name = like["key"].lower() if like else None
        if like and like["space"] and name in ALL_FIELDS:
            header.lost.add(name)
            explained = explained or number == broken
            header.notes.append(
                f"ligne {number} : « {like['key']} : » a une espace avant les deux-points ; "
                f"écrivez « {like['key']}: » (sinon ce champ et ceux qui le suivent sont lus "
                "comme du texte)"
            )
        elif number == broken and like:  # a field name Markdown does not take: « Résumé: »
            explained = True
            header.notes.append(f'champ "{name}" inconnu ({_possible(kind)})')
        elif _meta_field(line):
            header.lost.add(_meta_field(line))
            after_break.append(_meta_field(line))
    if broken is not None:
        header.end = broken - 1
    if after_break and not explained:
        header.notes.append(
            f"ligne {broken} : cette ligne n'est pas de la forme « Champ: valeur », alors les "
            f"champs écrits après elle ({_names(after_break)}) sont lus comme du texte ; "
            "corrigez-la, ou mettez une ligne vide entre les champs et le texte"
        )
    return header


def problems(kind, meta, header, slugs):
    """The problems of one file's fields, each as ``champ "x" …`` or ``ligne N : …``;
    ``meta``: Markdown's fields (name → lines), ``slugs``: a ``Slugs`` for the site."""
    found = list(header.notes)
    values = {name: lines[0].strip() for name, lines in meta.items() if lines}
    for name in sorted(values.keys() - KNOWN[kind]):
        found.append(f'champ "{name}" inconnu ({_possible(kind)})')
    for name, numbers in sorted(header.lines.items()):
        if len(numbers) > 1 and name in KNOWN[kind]:
            where = ", ".join(map(str, numbers[:-1])) + f" et {numbers[-1]}"
            found.append(
                f'champ "{name}" écrit {len(numbers)} fois (lignes {where}) ; gardez-en un'
            )
    for name, number in sorted(header.continued.items()):
        if name not in MULTILINE and name in KNOWN[kind] and len(header.lines[name]) == 1:
            found.append(
                f'champ "{name}" continué sur la ligne {number} (ligne en retrait) ; '
                "écrivez-le sur une seule ligne"
            )
    for name in REQUIRED[kind]:
        if not "".join(meta.get(name, [])).strip() and name not in header.lost:
            found.append(f'champ "{name}" manquant')
    for name in ("date", "modified"):
        problem = values.get(name) and check_date(values[name])
        if problem:
            found.append(f'champ "{name}" {problem}')
    found += _other_values(values, meta)
    found += _address(values, slugs)
    found += _taxonomy(values, slugs)
    return found


def check_date(raw):
    if not ISO_DATE.fullmatch(raw):
        return f"invalide « {raw} » (format attendu AAAA-MM-JJ)"
    try:
        datetime.datetime.fromisoformat(raw)
    except ValueError:
        return f"invalide « {raw} » (cette date n'existe pas)"
    return None


class Slugs:
    """Pelican's slugify with the site's settings, as for a title (SLUG), a CATEGORY or a
    TAG; remembered, since the same few categories and tags come back in every article."""

    def __init__(self, settings):
        self.settings = settings
        slug_subs = settings.get("SLUG_REGEX_SUBSTITUTIONS") or ()
        self.subs = {
            kind: settings.get(f"{kind}_REGEX_SUBSTITUTIONS", slug_subs)
            for kind in ("SLUG", "CATEGORY", "TAG")
        }
        self.known = {}

    def __call__(self, text, kind="SLUG"):
        key = (text, kind)
        if key not in self.known:
            self.known[key] = slugify(
                text,
                regex_subs=self.subs[kind],
                preserve_case=self.settings.get("SLUGIFY_PRESERVE_CASE", False),
                use_unicode=self.settings.get("SLUGIFY_USE_UNICODE", False),
            )
        return self.known[key]


def _other_values(values, meta):
    found = []
    status = values.get("status") or "published"
    if status not in STATUSES:
        allowed = ", ".join(STATUSES)
        found.append(f'champ "status" invalide « {status} » (valeurs possibles : {allowed})')
    order = values.get("accueil") or "1"
    if not order.isdigit():
        found.append(
            f'champ "accueil" invalide « {order} » (un numéro d\'ordre attendu, par ex. 1)'
        )
    for contact in (c.strip() for c in ",".join(meta.get("contact", [])).split(",")):
        if contact and contact not in CONTACTS:
            found.append(
                f'champ "contact" invalide « {contact} » (valeurs possibles : mairie, dpo)'
            )
    for name in ("save_as", "url"):
        path = values.get(name)
        if path and (path.startswith("/") or ".." in path.split("/") or UNSAFE_PATH.search(path)):
            found.append(
                f'champ "{name}" invalide « {path} » (un chemin dans le site, sans « / » au '
                "début, sans « .. » ni espace, par ex. 404.html)"
            )
    date, modified = values.get("date"), values.get("modified")
    valid = date and modified and not check_date(date) and not check_date(modified)
    if valid and modified < date:
        found.append(
            f'champ "modified" « {modified} » avant la date de publication « {date} » : '
            "une mise à jour vient après la publication ; corrigez l'une des deux"
        )
    return found


def _address(values, slugs):
    """The slug: given, or derived from the title as Pelican will (SLUGIFY_SOURCE)."""
    slug = values.get("slug")
    if slug:
        if not PLAIN_SLUG.fullmatch(slug) and slug != slugs(slug):
            example = slugs(slug)[:SLUG_MAX_LENGTH].strip("-")
            example = f", par ex. « {example} »" if example else ""
            return [
                f'champ "slug" invalide « {slug} » (seulement des lettres minuscules sans '
                f"accent, des chiffres et des tirets{example})"
            ]
        if len(slug) > SLUG_MAX_LENGTH:
            return [
                f'champ "slug" trop long : {len(slug)} caractères (au plus {SLUG_MAX_LENGTH}) ; '
                "raccourcissez-le"
            ]
        return []
    title = values.get("title")
    if slugs.settings.get("SLUGIFY_SOURCE") != "title" or not title:
        return []
    derived = slugs(title)
    if not derived:
        return [
            'champ "title" sans lettre ni chiffre : on ne peut pas en tirer l\'adresse de la '
            "page ; ajoutez un champ Slug (par ex. Slug: fete-de-la-musique)"
        ]
    if len(derived) > SLUG_MAX_LENGTH:
        return [
            f'champ "title" trop long : l\'adresse tirée du titre ferait {len(derived)} '
            f"caractères (au plus {SLUG_MAX_LENGTH}) ; ajoutez un champ Slug court"
        ]
    return []


def _taxonomy(values, slugs):
    """One category; tags split as Pelican does; each with an address (categories/x/)."""
    found = []
    category = values.get("category")
    if category and re.search("[,;]", category):
        found.append(
            f"champ \"category\" « {category} » : un article n'a qu'une catégorie ; gardez-en "
            "une (les autres mots peuvent aller dans Tags)"
        )
    elif category:
        slug = slugs(category, "CATEGORY")
        found += _name_problems("category", "la catégorie", category, slug, "")
    tags = values.get("tags", "")
    if ";" in tags and "," in tags:  # Pelican splits on ";" if there is one, else on ","
        found.append(
            f'champ "tags" « {tags} » mêle virgules et points-virgules ; séparez les '
            "étiquettes par des virgules seulement"
        )
        return found
    for tag in filter(None, map(str.strip, re.split("[,;]", tags))):
        found += _name_problems("tags", "l'étiquette", tag, slugs(tag, "TAG"), ", ou retirez-la")
    return found


def _name_problems(field, noun, name, slug, or_remove):
    if not slug:
        return [
            f'champ "{field}" : {noun} « {name} » n\'a ni lettre ni chiffre ; écrivez-la avec '
            f"des lettres{or_remove}"
        ]
    if len(slug) > SLUG_MAX_LENGTH:
        return [
            f'champ "{field}" : {noun} « {name[:40]}… » est trop longue ({len(slug)} caractères '
            f"dans son adresse, au plus {SLUG_MAX_LENGTH}) ; quelques mots suffisent"
        ]
    return []


def _possible(kind):
    return "champs possibles : " + ", ".join(sorted(KNOWN[kind]))


def _names(fields):
    return ", ".join(name.capitalize() for name in fields)


def _meta_field(line):
    meta = META_LINE.match(line)
    return meta["key"].lower() if meta and meta["key"].lower() in ALL_FIELDS else None


def _block(lines, start):
    return lines[start : _block_end(lines, start)]


def _block_end(lines, start):
    return next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
