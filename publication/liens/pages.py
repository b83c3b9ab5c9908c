"""After rendering: every internal address of the built pages, ``#fragments`` included, leads
to a file of the output (or to a service that answers it, such as formsvc).

Each page is read once by lxml (publication.markup), which says what it links to and fetches,
``srcset`` and style sheets included, and which fragments it answers to.
"""

import sys
import zlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from publication import markup

from .probleme import Problem

SKIPPED_FOLDERS = ("pagefind/",)  # Pagefind's own bundle


def url_of(relative):
    """The address of an output file: ``a/b/index.html`` → ``/a/b/``."""
    url = "/" + relative
    return url[: -len("index.html")] if url.endswith("/index.html") or url == "/index.html" else url


@dataclass(frozen=True)
class Seen:
    """What the check learnt of a page, kept from one build to the next: the page's checksum,
    its root-relative addresses, its other addresses and the fragments it answers to."""

    key: int
    roots: frozenset
    others: tuple
    ids: frozenset


class Site:
    """The built pages of an output folder: the fragments each answers to, the files."""

    def __init__(self, output, pages, memory):
        self.output = Path(output)
        self.pages = pages  # relative path → HTML text
        self.ids = {}
        self.files = {}
        self.memory = memory

    def text_of(self, relative):
        text = self.pages.get(relative)
        if text is None:
            path = self.output / relative
            text = self.pages[relative] = (
                path.read_text("utf-8", errors="replace") if path.is_file() else ""
            )
        return text

    def has_anchor(self, relative, fragment):
        """True if the page has an element with this id (or an ``<a name>``)."""
        if relative not in self.ids:
            self.ids[relative] = markup.ids(markup.tree(self.text_of(relative)))
        return fragment in self.ids[relative]

    def file_for(self, path):
        """The output file served at ``path``, or None."""
        if path not in self.files:
            self.files[path] = self._file_for(path)
        return self.files[path]

    def _file_for(self, path):
        relative = unquote(path).lstrip("/")
        if relative and ".." in relative.split("/"):
            return None
        if path.endswith("/"):
            relative += "index.html"
        if relative in self.pages:  # a page of this build: no need to ask the disk
            return relative
        if f"{relative}/index.html" in self.pages:  # /ecoles without its slash
            return f"{relative}/index.html"
        if relative.endswith(".html"):
            return None  # a page an earlier build left behind does not count
        return relative if (self.output / relative).is_file() else None


def _explain(kind, path, fragment, resolved):
    if resolved is None:
        if kind == markup.RESOURCE:
            return (
                f"le fichier {path} n'existe pas (déposez-le dans content/images/ ou corrigez "
                "son nom)"
            )
        return f"le lien vers {path} mène à une page qui n'existe pas (vérifiez l'adresse)"
    return (
        f"le lien vers {path}#{fragment} mène à une page qui n'a pas d'ancre « {fragment} » "
        "(vérifiez le titre de section visé)"
    )


def _leaves_the_site(url):
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc) or url.startswith("//")


def broken_links(
    output, pages=None, sources=None, served_elsewhere=(), portal_slugs=None, memory=None
):
    """Problems with the internal links of every page of ``output``.

    ``pages`` maps output paths to HTML (default: read the files); ``sources`` maps output
    paths to what produced them (publication.sources.Page): a link found in the text itself
    is blamed on the editor's file, one from the layout is listed once with its pages, and
    the layout of a draft's preview is not checked (it links to lists the draft is not in).
    ``served_elsewhere`` are address prefixes another service answers (formsvc);
    ``portal_slugs`` the démarches ``/portail/<slug>`` accepts. ``memory`` (a dict the
    caller keeps from one build to the next) remembers what each page holds (``Seen``): a
    page whose text has not changed is not read again, only its addresses are checked.
    """
    output, sources = Path(output), sources or {}
    if pages is None:
        pages = {
            path.relative_to(output).as_posix(): path.read_text("utf-8", errors="replace")
            for path in output.rglob("*.html")
        }
    memory = {} if memory is None else memory
    site = Site(output, pages, memory)
    found = defaultdict(list)  # (where, message, from a source) → pages
    verdicts = {}  # a root-relative address gets the same verdict on every page

    def verdict_of(value):
        if value not in verdicts:
            verdicts[value] = _check(site, "/", "", value, served_elsewhere, portal_slugs)
        return verdicts[value]

    remembered, searched = [], []
    for relative in sorted(pages):
        if relative.startswith(SKIPPED_FOLDERS):
            continue
        text, source = site.text_of(relative), sources.get(relative)
        key = zlib.crc32(text.encode("utf-8", "surrogatepass"))
        known = memory.get(relative)
        if isinstance(known, Seen) and known.key == key and not (source and source.unpublished):
            remembered.append((relative, known))
            site.ids[relative] = known.ids
        else:
            searched.append((relative, key))
    # The pages seen before: each distinct address once, then only the pages that hold
    # one that now leads nowhere are read again (to say which element holds it).
    failing = {v for v in set().union(*(k.roots for _r, k in remembered)) if verdict_of(v)}
    for relative, known in remembered:
        page_url = url_of(relative)
        if not failing.isdisjoint(known.roots) or any(
            _check(site, page_url, relative, v, served_elsewhere, portal_slugs)
            for v in known.others
        ):
            searched.append((relative, known.key))
    in_texts = {}  # a source's text → the addresses it holds
    for relative, key in searched:
        page_url, root = url_of(relative), markup.tree(site.text_of(relative))
        site.ids[relative] = markup.ids(root)
        source = sources.get(relative)
        preview_only = source is not None and source.unpublished
        if source is not None and source.body not in in_texts:
            in_texts[source.body] = {r.url for r in markup.references(markup.tree(source.body))}
        in_text = in_texts[source.body] if source is not None else set()
        roots, others = set(), []
        for reference in markup.references(root):
            value = reference.url
            # A draft's page is a preview: only its text is checked, not the layout.
            if _leaves_the_site(value) or (preview_only and value not in in_text):
                continue
            if value[:1] == "/" and value[:2] != "//":
                roots.add(sys.intern(value))
                verdict = verdict_of(value)
            else:
                others.append(value)
                verdict = _check(site, page_url, relative, value, served_elsewhere, portal_slugs)
            if verdict is None:
                continue
            message = verdict if isinstance(verdict, str) else _explain(reference.kind, *verdict)
            blamed = source.source if value in in_text else None
            found[(blamed, message)].append(page_url)
        if not preview_only:  # a draft's page was only partly read
            memory[relative] = Seen(
                key, frozenset(roots), tuple(dict.fromkeys(others)), site.ids[relative]
            )
    for relative in set(memory) - set(pages):
        del memory[relative]
    problems = []
    for (source, message), urls in found.items():
        if source:
            problems.append(Problem(source, message))
        else:
            urls = sorted(set(urls))
            shown = ", ".join(urls[:3]) + (f" et {len(urls) - 3} autre(s)" if len(urls) > 3 else "")
            problems.append(Problem(f"page {shown}", message, source=False))
    return sorted(problems, key=lambda p: (not p.source, p.where, p.message))


def _check(site, page_url, relative, value, served_elsewhere, portal_slugs):
    """None if ``value`` leads somewhere; else a message, or ``(path, fragment, target)``
    for :func:`_explain`, which words it by the kind of element."""
    value = value.strip()
    if value.startswith("#"):  # a section of the same page (the skip link of every page…)
        fragment = value[1:]
        if not fragment or fragment == "top" or site.has_anchor(relative, fragment):
            return None
        return page_url, fragment, relative
    if _leaves_the_site(value):
        return None  # another site, mailto:, tel:… (third-party fetches: strict_metadata)
    if value.startswith(("{", "|")) and value.count("}") + value.count("|") >= 1:
        return f"la référence {value} n'a pas été remplacée (fichier introuvable)"
    parts = urlsplit(value)
    path = parts.path
    if not path:
        target, fragment = relative, parts.fragment
        if not fragment or fragment == "top":
            return None
        if not site.has_anchor(target, fragment):
            return page_url, fragment, target
        return None
    if not path.startswith("/"):
        path = urlsplit(urljoin(page_url, path)).path
    prefix = next((p for p in served_elsewhere if path.startswith(p) or path + "/" == p), None)
    if prefix:
        if portal_slugs is not None and prefix == "/portail/":
            slug = path[len(prefix) :].strip("/")
            if slug and slug not in portal_slugs:
                return (
                    f"le lien vers {path} vise une démarche qui n'existe pas dans "
                    "content/data/demarches.toml"
                )
        return None
    target = site.file_for(path)
    if target is None:
        return path, None, None
    if parts.fragment and target.endswith(".html") and not site.has_anchor(target, parts.fragment):
        return path, parts.fragment, target
    return None
