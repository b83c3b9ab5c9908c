"""HTTP hardening: security headers on every response, the real client IP behind proxies."""

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
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    return response


def flask_settings(production):
    """Flask's own settings for formsvc; test_config can still override them."""
    return {
        "SESSION_COOKIE_NAME": "formsvc_session",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "MAX_CONTENT_LENGTH": 64 * 1024,  # bytes: a 5,000-character message is ~20 KB at most
        "WTF_CSRF_TIME_LIMIT": 4 * 3600,  # seconds: time enough to write a long message
    }


def init_app(app):
    app.after_request(add_headers)
    proxies = app.config["PROXY_COUNT"]
    if proxies:
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_port=proxies
        )
