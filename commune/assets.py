"""Fingerprinted names for the theme's static files: ``css/site.css`` → ``css/site.<hash>.css``.

A name that changes with the content can be cached for a year by browsers and by nginx; the
build writes the fingerprinted copies, and both the site and formsvc link to them.
"""

import hashlib
from functools import lru_cache
from pathlib import Path

FINGERPRINTED = {".css", ".js", ".svg"}


@lru_cache(maxsize=256)
def _digest(path, _mtime_ns):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:10]


def fingerprinted(static_root, relative):
    """The fingerprinted relative name of ``relative`` (a file under ``static_root``)."""
    path = Path(static_root) / relative
    if path.suffix not in FINGERPRINTED:
        return relative
    digest = _digest(str(path), path.stat().st_mtime_ns)
    return str(Path(relative).with_suffix(f".{digest}{path.suffix}"))
