"""What the preview adds to a page: its errors, a draft's or scheduled text's notice, the
values still to confirm, and the script that reloads the page after each save.

Everything added sits between ``<!-- apercu -->`` and ``<!-- /apercu -->``: :func:`strip`
gives back the page exactly as a build writes it.
"""

import html
import re

START, END = "<!-- apercu -->", "<!-- /apercu -->"
ADDED = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)
MAIN = re.compile(r"<main\b[^>]*>", re.IGNORECASE)
BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
STYLESHEET = "/__apercu/apercu.css"
SCRIPT = "/__apercu/rechargement.js"


def strip(page):
    """``page`` without what the preview added."""
    return ADDED.sub("", page)


def _items(lines):
    return "".join(f"<li>{html.escape(line)}</li>" for line in lines)


def notices(errors=(), problems=(), banner=None, placeholders=()):
    """The HTML of the preview's notices (empty when there is nothing to say)."""
    parts = []
    if errors:
        parts.append(
            '<div class="apercu-alerte" role="alert"><p><strong>La dernière modification '
            f"n’a pas pu être prise en compte ({len(errors)} problème(s)).</strong> "
            "Cette page montre la dernière version correcte. Corrigez le fichier puis "
            "enregistrez : la page se mettra à jour toute seule.</p>"
            f'<ul class="apercu-lignes">{_items(errors)}</ul></div>'
        )
    if problems:
        parts.append(
            '<div class="apercu-alerte"><p><strong>À corriger avant la publication '
            f"({len(problems)} problème(s)).</strong></p>"
            f'<ul class="apercu-lignes">{_items(problems)}</ul></div>'
        )
    if banner:
        parts.append(f'<p class="apercu-bandeau">{html.escape(banner)}</p>')
    if placeholders:
        parts.append(
            '<details class="apercu-a-confirmer"><summary>Aperçu : '
            f"{len(placeholders)} valeur(s) à confirmer avant la mise en ligne</summary>"
            f'<ul class="apercu-lignes">{_items(map(str, placeholders))}</ul></details>'
        )
    return "".join(parts)


def inject(page, version, **kwargs):
    """``page`` with the preview's stylesheet, notices and reload script."""
    top = f'{START}<link rel="stylesheet" href="{STYLESHEET}">{notices(**kwargs)}{END}'
    bottom = f'{START}<script src="{SCRIPT}" data-version="{version}"></script>{END}'
    anchor = MAIN.search(page) or BODY.search(page)
    at = anchor.end() if anchor else 0
    page = page[:at] + top + page[at:]
    closing = page.lower().rfind("</body>")
    if closing < 0:
        return page + bottom
    return page[:closing] + bottom + page[closing:]


def error_page(version, errors, rendering=False):
    """The page shown when there is no page to show: the site is being built for the first
    time, could not be built, or this page fails to render. It reloads by itself."""
    if rendering:
        title = "Cette page n’a pas pu être affichée"
    elif errors:
        title = "Le site n’a pas pu être construit"
    else:
        title = "Construction de l’aperçu en cours : la page s’affichera toute seule"
    return inject(
        '<!doctype html>\n<html lang="fr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Aperçu : {title}</title></head><body><main>"
        f"<h1>{title}</h1></main></body></html>\n",
        version,
        errors=errors,
    )


RELOAD_SCRIPT = """\
// Reloads the page when the preview has something new to show (apercu/server.py).
(function () {
  "use strict";
  var version = document.currentScript.dataset.version;
  if (!window.EventSource) { return; }
  var events = new EventSource("/__apercu/evenements");
  events.onmessage = function (event) {
    if (event.data !== version) {
      events.close();
      window.location.reload();
    }
  };
}());
"""

STYLES = """\
/* The preview's notices (apercu/chrome.py): never part of the published site. */
.apercu-alerte, .apercu-bandeau, .apercu-a-confirmer {
  margin: 0 0 1.5rem; padding: 1rem; border: 4px solid #b00020; background: #fff4f4;
  color: #1a1a1a; overflow-wrap: anywhere;
}
.apercu-bandeau { border-color: #8a5a00; background: #fff8e5; font-weight: bold; }
.apercu-a-confirmer { border-color: #8a5a00; background: #fff8e5; }
.apercu-lignes { margin: 0.5rem 0 0; padding-left: 1.25rem; font-family: monospace; }
mark.a-confirmer { background: #ffd54f; color: #1a1a1a; padding: 0 0.25em; }
"""
