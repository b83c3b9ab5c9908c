"""Pages kept from the last build when nothing they show has changed (the acts' pages).

Pelican renders every page on each build, even from its content cache. For the acts it is
most of their cost on a rebuild: 2,000 acts are 2,000 pages whose data rarely change
(docs/benchmarks.md). A page is kept — read back from the output instead of rendered — when:

- its data (the act's view: text, dates, file fingerprint, addresses) are the same;
- the build's inputs are the same: every file of the theme, of the site's code (plugins,
  ``publication``, ``commune``) and of ``content/data/``, by path, time of change and size,
  and the settings (the commune's identity, menus, addresses…);
- the page on disk is the one this memory wrote (same time of change and size).

Only with ``LOAD_CONTENT_CACHE`` (``invoke build``): a publication and the editors' preview
render every page. A kept page still goes through the checks, like a rendered one.
"""

import dataclasses
import datetime
import hashlib
import json
import os
from pathlib import Path

import commune
import publication

VERSION = 1


def _stable(value):
    """A JSON-able stand-in for a setting, the same from one process to the next."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, set | frozenset):
        return sorted(map(str, value))
    if isinstance(value, Path | datetime.date | datetime.timedelta):
        return str(value)
    return type(value).__name__  # a function or a module: its code is in the file list


def inputs_signature(settings, code_folders=()):
    """One fingerprint of what every page of the build depends on besides its own data."""
    digest = hashlib.sha256()
    folders = [
        settings["THEME"],
        os.path.join(settings["PATH"], "data"),
        os.path.dirname(commune.__file__),
        os.path.dirname(publication.__file__),
        *code_folders,
    ]
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                stat = os.stat(os.path.join(root, name))
                digest.update(f"{root}/{name}|{stat.st_mtime_ns}|{stat.st_size}\n".encode())
    digest.update(json.dumps(settings, sort_keys=True, default=_stable).encode())
    return digest.hexdigest()


class KeptPages:
    def __init__(self, cache_file, output_path, signature):
        self.cache_file, self.output_path = Path(cache_file), output_path
        self.signature, self.now = signature, {}
        try:
            data = json.loads(self.cache_file.read_text("utf-8"))
        except (OSError, ValueError):
            data = {}
        same = data.get("version") == VERSION and data.get("signature") == signature
        self.known = data.get("pages", {}) if same else {}

    @staticmethod
    def key(data):
        return hashlib.sha256(repr(data).encode()).hexdigest()

    def kept(self, name, data):
        """The HTML of page ``name`` from the last build if ``data`` are unchanged, or None."""
        key = self.key(data)
        known = self.known.get(name)
        path = os.path.join(self.output_path, name)
        try:
            stat = os.stat(path)
            if known != [key, stat.st_mtime_ns, stat.st_size]:
                return None
            with open(path, encoding="utf-8") as page:
                text = page.read()
        except (OSError, UnicodeDecodeError):
            return None
        self.now[name] = known
        return text

    def written(self, name, data):
        """Note that page ``name`` was just rendered from ``data``."""
        stat = os.stat(os.path.join(self.output_path, name))
        self.now[name] = [self.key(data), stat.st_mtime_ns, stat.st_size]

    def save(self):
        data = {"version": VERSION, "signature": self.signature, "pages": self.now}
        self.cache_file.parent.mkdir(parents=True, exist_ok=True)
        partial = self.cache_file.with_suffix(".tmp")
        partial.write_text(json.dumps(data), "utf-8")
        os.replace(partial, self.cache_file)
