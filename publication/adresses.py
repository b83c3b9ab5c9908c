"""The record of every address the site has published, so that none ever breaks.

Each build writes, beside the site, ``_publication/adresses.json`` (its addresses, the file
each one comes from, and the redirections and withdrawals in force) and
``_publication/redirections.map`` (the same redirections for nginx's ``map``). A publication
reads the record already on the server and compares: an address that would vanish is
redirected automatically when its source file now lives at another address (a changed
title), kept when ``content/data/redirections.toml`` declares where it goes or that it is
withdrawn, and otherwise stops the publication, naming it. The addresses that only showed
example acts are withdrawn (410) by themselves when the commune replaces the examples.
"""

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from publication.liens import url_of

FOLDER = "_publication"
RECORD = f"{FOLDER}/adresses.json"
MAP = f"{FOLDER}/redirections.map"
# Not addresses anyone links to: the search index, fingerprinted theme files, this folder,
# and the later pages of paginated lists, whose number follows the number of articles.
NOT_RECORDED = ("pagefind/", "theme/", f"{FOLDER}/", "drafts/")
GONE = "410"
EXAMPLE_GONE = "Exemple retiré : ce n'était pas un acte de la commune."


@dataclass
class Record:
    """Addresses (with their source file or None), redirections and withdrawals."""

    adresses: dict = field(default_factory=dict)
    redirections: dict = field(default_factory=dict)
    retraits: dict = field(default_factory=dict)
    exemples: list = field(default_factory=list)  # addresses showing only example acts

    def to_json(self):
        data = {
            "version": 1,
            "adresses": dict(sorted(self.adresses.items())),
            "redirections": dict(sorted(self.redirections.items())),
            "retraits": dict(sorted(self.retraits.items())),
            "exemples": sorted(self.exemples),
        }
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    @classmethod
    def from_json(cls, text):
        data = json.loads(text)
        return cls(
            data.get("adresses", {}),
            data.get("redirections", {}),
            data.get("retraits", {}),
            data.get("exemples", []),
        )


def is_recorded(relative):
    if relative.startswith(NOT_RECORDED):
        return False
    parts = relative.split("/")
    return not ("page" in parts[:-1] and parts[parts.index("page") + 1].isdigit())


def addresses(output, written_sources):
    """Every recorded address of the built site → the source file it comes from, or None.

    Sources are kept relative to the content folder (``articles/x.md``): the same file has
    the same name whatever the folder is called on the machine that publishes.
    """
    found = {}
    for folder, dirs, files in os.walk(output):  # faster than Path.rglob on 5,000 files
        prefix = os.path.relpath(folder, output).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        dirs[:] = [d for d in dirs if f"{prefix}{d}/" not in NOT_RECORDED]
        for name in files:
            relative = prefix + name
            if is_recorded(relative):
                source = written_sources.get(relative)
                found[url_of(relative)] = source.split("/", 1)[-1] if source else None
    return found


@dataclass
class Comparison:
    """What a publication changes to the addresses already published."""

    record: Record
    automatic: list = field(default_factory=list)  # (old, new, source): a text was renamed
    examples: list = field(default_factory=list)  # addresses of example acts, now withdrawn
    vanished: list = field(default_factory=list)  # (address, source or None)


def compare(previous, current):
    """The record to publish, given the one on the server (``previous``, or None).

    Redirections keep their written target; chains are followed only when the nginx map is
    written, so that a page published again makes its old addresses lead to it again.
    """
    if previous is None:
        return Comparison(current)
    redirections = {**previous.redirections, **current.redirections}
    retraits = {**previous.retraits, **current.retraits}
    for address in current.redirections:  # what is declared now wins over the past
        retraits.pop(address, None)
    for address in current.retraits:
        redirections.pop(address, None)
    result = Comparison(
        Record(dict(current.adresses), redirections, retraits, list(current.exemples))
    )
    was_example = set(previous.exemples)
    now_at = {}
    for address, source in current.adresses.items():
        if source:
            now_at.setdefault(source, address)
    kept = set(current.adresses) | set(redirections) | set(retraits)
    for address, source in sorted(previous.adresses.items()):
        if address in kept:
            continue
        parent = _parent(address)
        if address in was_example:  # never a real act: gone, and said so (410)
            retraits[address] = EXAMPLE_GONE
            result.examples.append(address)
        elif source and source in now_at:  # the same text, at a new address
            redirections[address] = now_at[source]
            result.automatic.append((address, now_at[source], source))
        elif not source and parent in current.adresses:  # a tag or category page gone
            redirections[address] = parent
            result.automatic.append((address, parent, None))
        else:
            result.vanished.append((address, source))
    for address in set(redirections) | set(retraits):
        if address in current.adresses:  # a page at that address again: it is served
            redirections.pop(address, None)
            retraits.pop(address, None)
    return result


def _parent(address):
    """``/etiquettes/fetes/`` → ``/etiquettes/``; None for the site's root or a file."""
    if not address.endswith("/") or address == "/":
        return None
    return address.rstrip("/").rsplit("/", 1)[0] + "/"


def resolve(record, address):
    """Where ``address`` finally leads: an address of the site, https://…, GONE or None."""
    target, seen = record.redirections.get(address), {address}
    while target in record.redirections and target not in seen:
        seen.add(target)
        target = record.redirections[target]
    if target in record.retraits:
        return GONE
    if target in seen:
        return None  # a loop: nothing to serve
    return target


def nginx_map(record):
    """The lines of nginx's ``map $uri $site_redirection`` (410 for a withdrawal)."""
    lines = ["# Généré par la construction du site (publication/adresses.py) : ne pas modifier."]
    entries = {address: resolve(record, address) for address in record.redirections}
    entries.update(dict.fromkeys(record.retraits, GONE))
    for address, target in sorted(entries.items()):
        if target is None:
            continue
        for variant in _variants(address):
            lines.append(f'"{_escape(variant)}" "{_escape(target)}";')
    return "\n".join(lines) + "\n"


def _variants(address):
    """The forms a visitor may type for one address: with or without its slash."""
    if address.endswith("/") and address != "/":
        return [address, address.rstrip("/"), address + "index.html"]
    return [address]


def _escape(value):
    return value.replace("\\", "\\\\").replace('"', '\\"')


def write(output, record):
    folder = Path(output) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "adresses.json").write_text(record.to_json(), "utf-8")
    (folder / "redirections.map").write_text(nginx_map(record), "utf-8")


def read(output):
    """The record of a built or published site, or None when there is none."""
    path = Path(output) / RECORD
    return Record.from_json(path.read_text("utf-8")) if path.is_file() else None
