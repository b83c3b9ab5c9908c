"""axe-core on a page shown in Chromium: its violations, and what it cannot decide alone.

axe's « incomplete » results (contrast of a text over an image, a gradient or a box laid over
another…) need a person. Each is recorded in the accessibility grid with the person's verdict
(``[[axe_a_verifier]]`` in content/data/accessibilite.toml, read by commune/accessibilite.py):
a result the grid does not record fails, and the message gives the entry to write; an entry
whose element is shown while axe no longer reports it fails too (stale).
"""

import functools
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

from commune import accessibilite
from tests.browser.scripts import js
from tests.support import ROOT

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations", "incomplete"],
}
GRID_FILE = accessibilite.DEFAULT_PATH.relative_to(ROOT)


@functools.cache
def grid():
    return accessibilite.load()


def run(page):
    """axe-core's results on ``page``: ``{"violations": […], "incomplete": […]}``."""
    return Axe().run(page, options=AXE_OPTIONS).response


def target(node):
    """axe's name for an element: its CSS selector (through frames and shadow roots, joined)."""
    return " > ".join(map(str, node["target"]))


def describe(violations):
    """One block per violation: id, help, link, then each offending node's target and fix."""
    lines = [f"{len(violations)} violation(s) axe-core :"]
    for violation in violations:
        lines.append(f"- {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {target(node)} : {summary}")
    return "\n".join(lines)


def to_review(page, incomplete, entries=None):
    """What the grid lacks or no longer needs for ``page``: (the entries to write for the
    results axe leaves to a person, the grid's entries axe no longer reports)."""
    path = urlsplit(page.url).path
    if entries is None:
        entries = grid().axe_a_verifier
    recorded = [entry for entry in entries if entry.concerne(path)]
    reported = {
        (rule["id"], target(node)): (rule, node) for rule in incomplete for node in rule["nodes"]
    }
    unrecorded = [
        entry_to_write(path, *reported[key])
        for key in reported
        if not any((entry.regle, entry.cible) == key for entry in recorded)
    ]
    stale = [
        entry
        for entry in recorded
        if (entry.regle, entry.cible) not in reported and page.evaluate(js("shown"), entry.cible)
    ]
    return unrecorded, stale


def entry_to_write(path, rule, node):
    """The grid's entry for one result axe leaves to a person, once the person has judged."""
    why = " ; ".join(
        check["message"]
        for check in node.get("any", []) + node.get("all", []) + node.get("none", [])
    )
    return "\n".join(
        [
            f"# axe-core : {rule['help']} ({why or rule['description']})",
            "[[axe_a_verifier]]",
            f'regle = "{rule["id"]}"',
            f'page = "{path}"  # <reference> à la place d’une partie qui change',
            f"cible = {_toml_string(target(node))}",
            'verdict = "…"  # conforme ou non conforme, vu par une personne',
            'procedure = "…"  # ce qu’elle a fait et constaté',
            'controle = "…"  # le [[controle]] : outil, rôle, date',
        ]
    )


def _toml_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def review_report(unrecorded, stale):
    """The lines saying what the grid must gain or lose, or []."""
    report = []
    if unrecorded:
        report.append(
            f"{len(unrecorded)} résultat(s) qu'axe-core ne sait pas juger seul : faites-les "
            f"vérifier par une personne, puis ajoutez à {GRID_FILE} :\n" + "\n\n".join(unrecorded)
        )
    if stale:
        report.append(
            f"{len(stale)} entrée(s) [[axe_a_verifier]] de {GRID_FILE} qu'axe-core ne signale "
            "plus (l'élément est affiché) : retirez-les :\n"
            + "\n".join(f"    {entry.regle} sur {entry.page} : {entry.cible}" for entry in stale)
        )
    return report
