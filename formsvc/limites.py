"""Rate limits on form submissions, per client IP (after ProxyFix: the real one)."""

import logging
import time

from flask import current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

log = logging.getLogger(__name__)


def split_counters(config):
    """Why this production set-up would count the limits in each process on its own, or None.

    With memory:// every gunicorn process, and every instance, keeps its own counts: an
    address gets the documented limits once per process (issue 14: 10 posts a minute went
    through where 5 are documented).
    """
    if config["ENV"] != "production" or not config["RATELIMIT_STORAGE_URI"].startswith("memory://"):
        return None
    reasons = []
    if config["WORKERS"] > 1:
        reasons.append(f"{config['WORKERS']} processus gunicorn (FORMSVC_WORKERS)")
    if config["DATABASE_URL"].startswith("postgresql"):
        # PostgreSQL is what several instances share (docs/exploitation.md).
        reasons.append("une base PostgreSQL, donc sans doute plusieurs instances")
    if not reasons:
        return None
    return (
        "limites de débit comptées dans chaque processus (FORMSVC_RATELIMIT_STORAGE_URI="
        f"memory://) avec {' et '.join(reasons)} : chaque processus compte de son côté, et une "
        "même adresse obtient plusieurs fois les limites annoncées (envois de formulaire, "
        "connexions). Partagez les compteurs avec Redis : "
        "FORMSVC_RATELIMIT_STORAGE_URI=redis://127.0.0.1:6379/0 (docs/exploitation.md)."
    )


def init_app(app):
    """Make the app's limiter; blueprints then ask for their limits (limit_posts, limit).

    When the shared storage (Redis) is unreachable, each process counts on its own in memory
    and logs it, instead of refusing every POST (Flask-Limiter issues #319, #417); it goes
    back to the shared counts when the storage answers again.
    """
    problem = split_counters(app.config)
    if problem:
        log.warning(problem)
    uri = app.config["RATELIMIT_STORAGE_URI"]
    options = {}
    if uri.startswith(("redis://", "rediss://")):
        # Fail fast: a dead Redis must not hold a resident's request for long.
        options = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
    limiter = Limiter(
        get_remote_address,
        app=app,
        storage_uri=uri,
        storage_options=options,
        headers_enabled=False,  # Retry-After is set by our own 429 and 503 pages
        strategy="moving-window",
        in_memory_fallback_enabled=True,
        swallow_errors=True,
    )
    app.extensions["formsvc_limits_fallback"] = MovingWindowRateLimiter(MemoryStorage())
    app.extensions["formsvc_limiter"] = limiter
    return limiter


def limit(app, blueprint, setting, methods):
    """Limit ``methods`` on every route of ``blueprint`` to the FORMSVC_<setting> per client."""
    limiter = app.extensions["formsvc_limiter"]
    limiter.limit(lambda: current_app.config[setting], methods=methods)(blueprint)


def limit_posts(app, blueprint):
    limit(app, blueprint, "RATELIMIT_POST", ["POST"])


def in_words(seconds):
    """A French « dans … » for a delay: « dans 1 minute », « dans 3 heures »."""
    minutes = -(-seconds // 60)
    if minutes < 60:
        return f"dans {minutes} minute{'s' if minutes > 1 else ''}"
    hours = -(-minutes // 60)
    return f"dans {hours} heure{'s' if hours > 1 else ''}"


def seconds_until_retry():
    """Seconds before the client may POST again, from the limit it just hit."""
    limiter = current_app.extensions["formsvc_limiter"]
    limit = limiter.current_limit
    if limit is None:
        return 60
    return max(1, int(limit.reset_at - time.time()))


def strategy_call(method, *args):
    """Call the rate-limit strategy (sign-in throttling), falling back to this process's own
    memory when the shared storage fails, as the form limits do."""
    limiter = current_app.extensions["formsvc_limiter"]
    try:
        return getattr(limiter.limiter, method)(*args)
    except Exception:
        log.warning("rate-limit storage unreachable: counting sign-ins in this process")
        return getattr(current_app.extensions["formsvc_limits_fallback"], method)(*args)
