"""The whole site on one local URL, as nginx serves it in production: formsvc for its
prefixes, the built static site (``output/``) for everything else.

Used by ``make serve`` and by the browser tests; production uses nginx (deploy/) instead.
"""

import argparse
import mimetypes
from pathlib import Path

from werkzeug.security import safe_join
from werkzeug.serving import run_simple
from werkzeug.wrappers import Request, Response

FORMSVC_PREFIXES = ("/formulaires/", "/portail/", "/gestion/")


class StaticSite:
    """Serves a built Pelican site: ``/a/`` → ``a/index.html``, unknown paths → 404.html."""

    def __init__(self, root):
        self.root = Path(root)

    def __call__(self, environ, start_response):
        request = Request(environ)
        path = safe_join(str(self.root), request.path.lstrip("/"))
        target = Path(path) if path else None
        if target and target.is_dir():
            if not request.path.endswith("/"):
                location = request.path + "/"
                return Response(status=301, headers={"Location": location})(environ, start_response)
            target = target / "index.html"
        if target is None or not target.is_file():
            body = (
                (self.root / "404.html").read_bytes() if (self.root / "404.html").exists() else b""
            )
            return Response(body, 404, mimetype="text/html")(environ, start_response)
        mimetype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        response = Response(target.read_bytes(), mimetype=mimetype)
        return response(environ, start_response)


class LocalSite:
    def __init__(self, app, output):
        self.app, self.static = app, StaticSite(output)

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path.startswith(FORMSVC_PREFIXES) or path + "/" in FORMSVC_PREFIXES:
            return self.app(environ, start_response)
        return self.static(environ, start_response)


def main():
    from formsvc import create_app

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--output", default="output", help="the built site")
    args = parser.parse_args()
    print(f"Site et formulaires sur http://{args.host}:{args.port}/ (Ctrl+C pour arrêter)")
    run_simple(args.host, args.port, LocalSite(create_app(), args.output), threaded=True)


if __name__ == "__main__":
    main()
