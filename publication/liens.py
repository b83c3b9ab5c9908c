"""Links and images that resolve: in the sources before rendering, in the output after it.

Two checks, both naming the editor's file whenever a link comes from one:

- :func:`missing_references`: ``{filename}``/``{static}`` references whose target is not in
  ``content/`` (checked before rendering, so Pelican never prints its English warning);
- :func:`broken_links`: every internal ``href``/``src`` of the built pages, ``#fragments``
  included, against the files of the output.
"""

import html
import os
import posixpath
import re
import sys
import zlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

INDICATORS = {"filename", "static", "attach", "category", "tag", "index", "author"}
# Tags and attributes whose value is a URL the visitor follows or the browser fetches.
URL_VALUE = re.compile(
    r"""\s(href|src|action|poster|data)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE
)
TAG_NAME = re.compile(r"<(\w+)")
ELSEWHERE = ("http://", "https://", "mailto:", "tel:", "//", "data:")
ANCHOR = r"""\s(?:id|name)\s*=\s*["']{}["']"""
FETCHED = {"img", "script", "source", "iframe", "video", "audio", "track", "embed", "object"}
SKIPPED_FOLDERS = ("pagefind/",)  # Pagefind's own bundle


@dataclass(frozen=True)
class Problem:
    """A link that leads nowhere: ``where`` is the source file, or the page when generated."""

    where: str
    message: str
    source: bool = True

    def __str__(self):
        return f"{self.where}: {self.message}"


def line_of(text, needle):
    """The 1-based line of ``needle`` in ``text``, or None."""
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else None


def _lookup(content, key, path):
    """Pelican's own lookup of a ``{filename}``/``{static}`` target (pelican/contents.py)."""
    if path.startswith("/"):
        path = path[1:]
    else:
        path = content.get_relative_source_path(os.path.join(content.relative_dir, path))
    return content._context[key].get(path)


def _sought(content, path):
    """Where the target was looked for, as the editor sees it: content/pages/x.md."""
    top = os.path.basename(os.path.normpath(content.settings["PATH"]))  # usually "content"
    if path.startswith("/"):
        return f"{top}{path}"
    return posixpath.normpath(f"{top}/{content.relative_dir}/{path}")


def _target_exists(content, what, value):
    key = "generated_content" if what == "filename" else "static_content"
    path = urlsplit(value).path
    for candidate in (path, unquote(path), urlsplit(html.unescape(value)).path):
        found = _lookup(content, key, candidate)
        if found is None and what == "filename":
            found = _lookup(content, "static_content", candidate)
        # Pelican makes a static object for any {static} target, even a missing file.
        if found is not None and os.path.exists(found.source_path):
            return True
    return False


def missing_references(content):
    """``(reference as written, problem)`` for the ``{…}`` references of a content object
    that lead nowhere (checked before rendering)."""
    problems = []
    for match in content._get_intrasite_link_regex().finditer(content._content or ""):
        what, value, written = match.group("what"), match.group("value"), match.group("path")
        if what not in INDICATORS:
            problems.append(
                (
                    written,
                    f"{written} : « {{{what}}} » n'est pas reconnu ; écrivez {{filename}} pour "
                    "une page ou un article, {static} pour une image ou un document",
                )
            )
        elif what == "filename" and _lookup(content, "static_content", urlsplit(value).path):
            fixed = written.replace("{filename}", "{static}", 1)
            problems.append(
                (
                    written,
                    f"{written} vise une image ou un document : écrivez {fixed} ({{filename}} "
                    "est pour les pages et les articles)",
                )
            )
        elif what in {"filename", "static", "attach"} and not _target_exists(content, what, value):
            kind = "le lien" if what == "filename" else "l'image ou le document"
            sought = _sought(content, urlsplit(value).path)
            problems.append(
                (
                    written,
                    f"{kind} {written} vise un fichier qui n'existe pas ({sought}) : vérifiez le "
                    "nom du fichier et son dossier",
                )
            )
    return problems


def located(shown_path, source_text, found):
    """Problems naming the file and, where the reference is found in it, the line."""
    problems = []
    for written, message in found:
        line = line_of(source_text, written)
        problems.append(Problem(shown_path, (f"ligne {line} : " if line else "") + message))
    return problems


# --- After rendering ---------------------------------------------------------------------


def url_of(relative):
    """The address of an output file: ``a/b/index.html`` → ``/a/b/``."""
    url = "/" + relative
    return url[: -len("index.html")] if url.endswith("/index.html") or url == "/index.html" else url


def _kind(text, position, attribute):
    """ "link" or "resource" (fetched by the browser), or None if not inside a tag at all."""
    opened = text.rfind("<", 0, position)
    if opened < 0 or text.rfind(">", 0, position) > opened:
        return None  # text that only looks like an attribute (a code sample)
    tag = TAG_NAME.match(text, opened)
    name = tag.group(1).lower() if tag else ""
    if name in FETCHED or attribute in {"src", "poster", "data"}:
        return "resource"
    end = text.find(">", position)
    if name == "link" and "stylesheet" in text[opened:end]:
        return "resource"
    return "link"


class Site:
    """The built pages of an output folder: their ids and the files that exist."""

    def __init__(self, output, pages):
        self.output = Path(output)
        self.pages = pages  # relative path → HTML text
        self.ids = {}
        self.files = {}

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
        key = (relative, fragment)
        if key not in self.ids:
            text, escaped = self.text_of(relative), html.escape(fragment)
            self.ids[key] = f' id="{escaped}"' in text or (  # the common case, at C speed
                re.search(ANCHOR.format(re.escape(escaped)), text) is not None
            )
        return self.ids[key]

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
        if kind == "resource":
            return (
                f"le fichier {path} n'existe pas (déposez-le dans content/images/ ou corrigez "
                "son nom)"
            )
        return f"le lien vers {path} mène à une page qui n'existe pas (vérifiez l'adresse)"
    return (
        f"le lien vers {path}#{fragment} mène à une page qui n'a pas d'ancre « {fragment} » "
        "(vérifiez le titre de section visé)"
    )


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
    caller keeps from one build to the next) remembers the addresses of each page: a page
    whose text has not changed is not searched again, only its addresses are checked.
    """
    output, sources = Path(output), sources or {}
    if pages is None:
        pages = {
            path.relative_to(output).as_posix(): path.read_text("utf-8", errors="replace")
            for path in output.rglob("*.html")
        }
    memory = {} if memory is None else memory
    site = Site(output, pages)
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
        if known and known[0] == key and not (source and source.unpublished):
            remembered.append((relative, known))
        else:
            searched.append((relative, key))
    # The pages seen before: each distinct address once, then only the pages that hold
    # one that now leads nowhere are searched again (to say where the link is).
    failing = {v for v in set().union(*(k[1] for _r, k in remembered)) if verdict_of(v)}
    for relative, (key, roots, others) in remembered:
        page_url = url_of(relative)
        if not failing.isdisjoint(roots) or any(
            _check(site, page_url, relative, v, served_elsewhere, portal_slugs) for v in others
        ):
            searched.append((relative, key))
    for relative, key in searched:
        page_url, text = url_of(relative), site.text_of(relative)
        source = sources.get(relative)
        preview_only = source is not None and source.unpublished
        roots, others = set(), []
        for match in URL_VALUE.finditer(text):
            value = match.group(2) if match.group(2) is not None else match.group(3)
            if value.startswith(ELSEWHERE):
                continue  # another site, mailto:, tel: (third-party fetches: strict_metadata)
            if "&" in value:
                value = html.unescape(value)
            # The text is looked at only for a link that needs blaming, or a draft's page.
            in_text = preview_only and match.group() in source.body
            if preview_only and not in_text:
                continue
            if value[:1] == "/" and value[:2] != "//":
                roots.add(sys.intern(value))
                verdict = verdict_of(value)
            else:
                others.append(value)
                verdict = _check(site, page_url, relative, value, served_elsewhere, portal_slugs)
            if verdict is None:
                continue
            kind = _kind(text, match.start(), match.group(1).lower())
            if kind is None:
                continue
            message = verdict if isinstance(verdict, str) else _explain(kind, *verdict)
            in_text = in_text or (source is not None and match.group() in source.body)
            found[(source.source if in_text else None, message)].append(page_url)
        if not preview_only:  # a draft's page was only partly searched
            memory[relative] = (key, frozenset(roots), tuple(dict.fromkeys(others)))
    for relative in set(memory) - set(pages):
        del memory[relative]
    problems = []
    for (source, message), urls in found.items():
        if source:
            problems.append(Problem(source, message))
        else:
            urls = sorted(urls)
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
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or value.startswith("//"):
        return None  # another site, mailto:, tel:… (third-party fetches: strict_metadata)
    if value.startswith(("{", "|")) and value.count("}") + value.count("|") >= 1:
        return f"la référence {value} n'a pas été remplacée (fichier introuvable)"
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
