"""Rate limits on form submissions, per client IP (after ProxyFix: the real one)."""

import time

from flask import current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address


def init_app(app, *blueprints):
    """Limit POSTs to each of ``blueprints`` to FORMSVC_RATELIMIT_POST per client IP."""
    limiter = Limiter(
        get_remote_address,
        app=app,
        storage_uri=app.config["RATELIMIT_STORAGE_URI"],
        headers_enabled=True,
        strategy="moving-window",
    )
    for blueprint in blueprints:
        limiter.limit(lambda: current_app.config["RATELIMIT_POST"], methods=["POST"])(blueprint)
    app.extensions["formsvc_limiter"] = limiter
    return limiter


def seconds_until_retry():
    """Seconds before the client may POST again, from the limit it just hit."""
    limiter = current_app.extensions["formsvc_limiter"]
    limit = limiter.current_limit
    if limit is None:
        return 60
    return max(1, int(limit.reset_at - time.time()))
