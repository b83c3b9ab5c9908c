"""HTTP hardening: security headers on every response, the real client IP behind proxies, and
the body size limit held for chunked bodies too."""

import io

from flask import request
from werkzeug.middleware.proxy_fix import ProxyFix

# No inline script or style anywhere; the search page's WebAssembly is a static-site concern.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def add_headers(response):
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    # Pages of formsvc carry personal data or one-time tokens: never cache them.
    response.headers.setdefault("Cache-Control", "no-store")
    if request.is_secure:
        # The same as nginx's (deploy/nginx/http.conf): one policy for the whole site.
        response.headers.setdefault(
            "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
        )
    return response


class ChunkedBodyLimit:
    """Refuse a chunked request body over MAX_CONTENT_LENGTH with a 413, as for a declared one.

    A chunked body has no Content-Length. Werkzeug then reads it through a stream that stops
    at the limit without saying so (LimitedStream.readall): the form would be parsed from the
    first 64 KB only, and a request padded at its end would go through as if nothing was cut.
    Here such a body is read first, one byte past the limit at most, and handed on with its
    length: over the limit, Werkzeug answers 413 (the French page of formsvc/errors.py).
    Behind nginx this never happens (nginx sends bodies with their length); it guards gunicorn
    reached directly.
    """

    def __init__(self, wsgi_app, max_bytes):
        self.wsgi_app = wsgi_app
        self.max_bytes = max_bytes

    def __call__(self, environ, start_response):
        limit = self.max_bytes()
        chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        # wsgi.input_terminated: the server (gunicorn, Werkzeug's) has decoded the chunks and
        # ends the stream; without it, reading could wait for ever on a raw socket.
        if limit is not None and chunked and environ.get("wsgi.input_terminated"):
            body = read_at_most(environ["wsgi.input"], limit + 1)
            environ["wsgi.input"] = io.BytesIO(body)
            environ["CONTENT_LENGTH"] = str(len(body))
            # The body now has a length: with « chunked » left, Werkzeug would ignore it.
            del environ["HTTP_TRANSFER_ENCODING"]
        return self.wsgi_app(environ, start_response)


def read_at_most(stream, size):
    """Up to ``size`` bytes of ``stream``, however short its reads."""
    parts, left = [], size
    while left > 0:
        part = stream.read(min(left, 64 * 1024))
        if not part:
            break
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def flask_settings(production):
    """Flask's own settings for formsvc; test_config can still override them."""
    return {
        "SESSION_COOKIE_NAME": "formsvc_session",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "MAX_CONTENT_LENGTH": 64 * 1024,  # bytes: a 5,000-character message is ~20 KB at most
        # Seconds. 20 hours: a limit at least that long is one a user need not be able to
        # extend (WCAG 2.2.1, RGAA 13.1.3), so that a resident who writes slowly, or leaves
        # the form open overnight, is never told it expired before the next day.
        "WTF_CSRF_TIME_LIMIT": 20 * 3600,
    }


def init_app(app):
    app.after_request(add_headers)
    app.wsgi_app = ChunkedBodyLimit(app.wsgi_app, lambda: app.config["MAX_CONTENT_LENGTH"])
    proxies = app.config["PROXY_COUNT"]
    if proxies:
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_port=proxies
        )
