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
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

INDICATORS = {"filename", "static", "attach", "category", "tag", "index", "author"}
# Tags and attributes whose value is a URL the visitor follows or the browser fetches.
TAG = re.compile(
    r"<(a|link|img|script|source|iframe|form|area|video|audio|track|embed|object|input)\b"
    r"([^>]*)>",
    re.IGNORECASE,
)
URL_ATTRIBUTE = re.compile(
    r"\b(href|src|action|poster|data)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.IGNORECASE
)
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


def _sought(content, shown_path, path):
    """Where the target was looked for, as the editor sees it: content/pages/x.md."""
    top = shown_path.split("/", 1)[0]  # "content", or the name of another content folder
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


def missing_references(content, shown_path, source_text):
    """Problems with the ``{…}`` references of one content object (before rendering)."""
    problems = []
    for match in content._get_intrasite_link_regex().finditer(content._content or ""):
        what, value, written = match.group("what"), match.group("value"), match.group("path")
        line = line_of(source_text, written)
        where = f"ligne {line} : " if line else ""
        if what not in INDICATORS:
            problems.append(
                Problem(
                    shown_path,
                    f"{where}{written} : « {{{what}}} » n'est pas reconnu ; écrivez "
                    "{filename} pour une page ou un article, {static} pour une image ou un "
                    "document",
                )
            )
        elif what in {"filename", "static", "attach"} and not _target_exists(content, what, value):
            kind = "le lien" if what == "filename" else "l'image ou le document"
            sought = _sought(content, shown_path, urlsplit(value).path)
            problems.append(
                Problem(
                    shown_path,
                    f"{where}{kind} {written} vise un fichier qui n'existe pas ({sought}) : "
                    "vérifiez le nom du fichier et son dossier",
                )
            )
    return problems


# --- After rendering ---------------------------------------------------------------------


def url_of(relative):
    """The address of an output file: ``a/b/index.html`` → ``/a/b/``."""
    url = "/" + relative
    return url[: -len("index.html")] if url.endswith("/index.html") or url == "/index.html" else url


def _references(text):
    for tag in TAG.finditer(text):
        name = tag.group(1).lower()
        for attribute in URL_ATTRIBUTE.finditer(tag.group(2)):
            value = attribute.group(2) if attribute.group(2) is not None else attribute.group(3)
            kind = "resource" if name in FETCHED or attribute.group(1).lower() == "src" else "link"
            if name == "link" and "stylesheet" in tag.group(2):
                kind = "resource"
            yield kind, html.unescape(value), attribute.group()


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
            pattern = ANCHOR.format(re.escape(html.escape(fragment)))
            self.ids[key] = re.search(pattern, self.text_of(relative)) is not None
        return self.ids[key]

    def file_for(self, path):
        """The output file served at ``path``, or None."""
        if path not in self.files:
            self.files[path] = self._file_for(path)
        return self.files[path]

    def _file_for(self, path):
        relative = unquote(path).lstrip("/")
        if relative and ".." in PurePosixPath(relative).parts:
            return None
        target = self.output / relative
        if path.endswith("/") or target.is_dir():
            target = target / "index.html"
            relative = (relative.rstrip("/") + "/index.html").lstrip("/")
        if relative in self.pages or target.is_file():
            return relative
        return None


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


def broken_links(output, pages=None, sources=None, served_elsewhere=(), portal_slugs=None):
    """Problems with the internal links of every page of ``output``.

    ``pages`` maps output paths to HTML (default: read the files); ``sources`` maps output
    paths to what produced them (publication.sources.Page): a link found in the text itself
    is blamed on the editor's file, one from the layout is listed once with its pages, and
    the layout of a draft's preview is not checked (it links to lists the draft is not in).
    ``served_elsewhere`` are address prefixes another service answers (formsvc);
    ``portal_slugs`` the démarches ``/portail/<slug>`` accepts.
    """
    output, sources = Path(output), sources or {}
    if pages is None:
        pages = {
            path.relative_to(output).as_posix(): path.read_text("utf-8", errors="replace")
            for path in output.rglob("*.html")
        }
    site = Site(output, pages)
    found = defaultdict(list)  # (where, message, from a source) → pages
    verdicts = {}  # a root-relative address gets the same verdict on every page
    for relative in sorted(pages):
        if relative.startswith(SKIPPED_FOLDERS):
            continue
        page_url = url_of(relative)
        source = sources.get(relative)
        for kind, value, written in _references(pages[relative]):
            in_text = source is not None and written in source.body
            if source is not None and source.unpublished and not in_text:
                continue
            if value.startswith("/") and not value.startswith("//"):
                key = (kind, value)
                if key not in verdicts:
                    verdicts[key] = _check(
                        site, "/", "", kind, value, served_elsewhere, portal_slugs
                    )
                message = verdicts[key]
            else:
                message = _check(
                    site, page_url, relative, kind, value, served_elsewhere, portal_slugs
                )
            if message:
                found[(source.source if in_text else None, message)].append(page_url)
    problems = []
    for (source, message), urls in found.items():
        if source:
            problems.append(Problem(source, message))
        else:
            shown = ", ".join(urls[:3]) + (f" et {len(urls) - 3} autre(s)" if len(urls) > 3 else "")
            problems.append(Problem(f"page {shown}", message, source=False))
    return sorted(problems, key=lambda p: (not p.source, p.where, p.message))


def _check(site, page_url, relative, kind, value, served_elsewhere, portal_slugs):
    value = value.strip()
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
            return _explain(kind, page_url, fragment, target)
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
        return _explain(kind, path, None, None)
    if parts.fragment and target.endswith(".html") and not site.has_anchor(target, parts.fragment):
        return _explain(kind, path, parts.fragment, target)
    return None
