"""Helpers to read the built site the way a visitor's browser would."""

from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup


def html_files(site):
    return sorted(Path(site).rglob("*.html"))


def soup(site, url_path):
    """Parse the page served at ``url_path`` ("/actualites/" → actualites/index.html)."""
    return BeautifulSoup(file_for(site, url_path).read_text(encoding="utf-8"), "lxml")


def file_for(site, url_path):
    """The file a static web server answers with for ``url_path``, or None."""
    relative = urlsplit(url_path).path.lstrip("/")
    target = Path(site) / relative
    if url_path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def page_url(site, html_file):
    """The pretty URL of a built file: output/a/b/index.html → "/a/b/"."""
    relative = Path(html_file).relative_to(site).as_posix()
    return "/" + relative.removesuffix("index.html")
