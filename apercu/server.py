"""The preview on one local address: the site from memory, formsvc, and the reload events.

Like nginx in production (deploy/nginx), formsvc answers its own prefixes and the static
site everything else, with the same 301 for a missing slash and the same 404 page; the
redirections declared in ``content/data/redirections.toml`` are followed too. Each page
gets the preview's notices and reload script (apercu/chrome.py).
"""

import json
import mimetypes
import socket
import sys
from pathlib import Path
from urllib.parse import unquote

from werkzeug.wrappers import Request, Response

from apercu import chrome
from commune import FORMSVC_PREFIXES, a_confirmer
from commune.dates import date_fr
from publication import construction

HEARTBEAT = 15  # seconds between two keep-alive comments on the event stream
NO_STORE = {"Cache-Control": "no-store"}  # a reload must show the latest build


class PreviewSite:
    """The WSGI application of ``make serve``."""

    def __init__(self, engine, builder=None, formsvc=None):
        self.engine, self.builder, self.formsvc = engine, builder, formsvc

    def __call__(self, environ, start_response):
        request = Request(environ)
        path = request.path
        if path.startswith("/__apercu/"):
            response = self.internal(path)
        elif self.formsvc is not None and (
            path.startswith(FORMSVC_PREFIXES) or path + "/" in FORMSVC_PREFIXES
        ):
            return self.formsvc_response(environ, start_response)
        else:
            response = self.site(path)
        return response(environ, start_response)

    # --- The static site, from the current generation ------------------------------------

    def site(self, path):
        engine, generation = self.engine, self.engine.current
        if generation is None:
            page = chrome.error_page(engine.version, engine.errors)
            return Response(page, 503, mimetype="text/html", headers=NO_STORE)
        declared = generation.redirections
        if path in declared.redirections:
            return Response(status=301, headers={"Location": declared.redirections[path]})
        relative = unquote(path).lstrip("/")
        name = relative + "index.html" if path.endswith("/") else relative
        if name in generation.jobs:
            return self.page(generation, name)
        if not path.endswith("/") and f"{relative}/index.html" in generation.jobs:
            return Response(status=301, headers={"Location": path + "/"})
        output = Path(generation.settings["OUTPUT_PATH"])
        if (name in generation.statics or name.startswith(("theme/", "pagefind/"))) and (
            ".." not in Path(name).parts and (output / name).is_file()
        ):
            kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return Response((output / name).read_bytes(), mimetype=kind, headers=NO_STORE)
        if path in declared.retraits and "410.html" in generation.jobs:
            return self.page(generation, "410.html", 410)
        if "404.html" in generation.jobs:
            return self.page(generation, "404.html", 404)
        return Response("Page introuvable", 404, mimetype="text/plain")

    def page(self, generation, name, status=200):
        try:
            text = generation.render(name)
        except Exception as error:  # a template that fails on this page: say where, in French
            line = construction.describe(error, Path.cwd())
            page = chrome.error_page(self.engine.version, [line], rendering=True)
            return Response(page, 500, mimetype="text/html", headers=NO_STORE)
        kind = mimetypes.guess_type(name)[0] or "text/html"
        if not name.endswith(".html"):
            return Response(text, status, mimetype=kind, headers=NO_STORE)
        engine = self.engine
        page = chrome.inject(
            text,
            engine.version,
            errors=engine.errors,
            problems=engine.problems,
            banner=banner(generation.content_of(name)),
            placeholders=generation.placeholders,
        )
        return Response(page, status, mimetype="text/html", headers=NO_STORE)

    # --- formsvc, with the values to confirm flagged as on the site ----------------------

    def formsvc_response(self, environ, start_response):
        response = Response.from_app(self.formsvc, environ)
        generation = self.engine.current
        if response.mimetype == "text/html" and generation is not None:
            marker = a_confirmer.Marker([f.value for f in generation.placeholders])
            response.set_data(marker.mark(response.get_data(as_text=True)))
        return response(environ, start_response)

    # --- The preview's own addresses -----------------------------------------------------

    def internal(self, path):
        if path == "/__apercu/evenements":
            return Response(self.events(), mimetype="text/event-stream", headers=NO_STORE)
        if path == chrome.SCRIPT:
            return Response(chrome.RELOAD_SCRIPT, mimetype="text/javascript", headers=NO_STORE)
        if path == chrome.STYLESHEET:
            return Response(chrome.STYLES, mimetype="text/css", headers=NO_STORE)
        if path == "/__apercu/etat":
            return Response(
                json.dumps(self.state(), ensure_ascii=False),
                mimetype="application/json",
                headers=NO_STORE,
            )
        return Response("Introuvable", 404, mimetype="text/plain")

    def state(self):
        """What tests and benchmarks wait for: the version shown, and whether work remains."""
        engine, current = self.engine, self.engine.current
        return {
            "version": engine.version,
            "generation": current.number if current else 0,
            "ecrite": engine.materialized,
            "occupe": bool(self.builder and self.builder.busy),
            "erreurs": engine.errors,
            "problemes": engine.problems,
        }

    def events(self):
        """Server-sent events: the current version now, then each new one as it comes."""
        engine, sent = self.engine, None
        while True:
            with engine.changed:
                if engine.version == sent:
                    engine.changed.wait(HEARTBEAT)
                version = engine.version
            if version != sent:
                sent = version
                yield f"data: {version}\n\n"
            else:
                yield ": en attente\n\n"


def banner(content):
    """The notice of a text that is not published: a draft, or one scheduled for later."""
    if content is None:
        return None
    if getattr(content, "status", None) == "draft":
        return (
            "Brouillon : ce texte n’est pas publié. Retirez la ligne « Status: draft » pour le "
            "publier."
        )
    if getattr(content, "scheduled", False):
        return (
            f"Programmé : ce texte sera mis en ligne par la première publication à partir du "
            f"{date_fr(content.date)}. D’ici là, il n’apparaît dans aucune liste."
        )
    return None


def ensure_free(host, port):
    """Stop with one French line if the port is taken (werkzeug would say it in English)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as werkzeug binds
        try:
            probe.bind((host, port))
        except OSError as error:
            sys.exit(
                f"Le port {port} est déjà utilisé ({error.strerror}) : un autre aperçu tourne "
                "peut-être. Arrêtez-le, ou choisissez un autre port : make serve PORT=8123"
            )
