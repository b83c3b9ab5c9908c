"""A built site and formsvc on one local URL, as nginx serves them in production: formsvc
for its prefixes, the built static site (``output/``) for everything else.

Used by the browser tests; the editors' preview (apercu/server.py) serves the site from
memory instead, and production uses nginx (deploy/).
"""

import mimetypes
from pathlib import Path

from werkzeug.security import safe_join
from werkzeug.wrappers import Request, Response

from commune import FORMSVC_PREFIXES


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
