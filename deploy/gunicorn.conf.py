"""gunicorn settings for formsvc (systemd: deploy/systemd/formsvc.service).

FORMSVC_BIND and FORMSVC_WORKERS override the address and the number of workers; every other
formsvc setting comes from the FORMSVC_* environment (docs/configuration.md).
"""

import os

wsgi_app = "formsvc:create_app()"
# Loopback only: nginx in front reads whole requests before passing them on, so a slow or idle
# client never holds one of the few sync workers below. Reached directly, two idle connections
# would stall both for `timeout` seconds. On several machines, bind a private address that
# only the nginx server can reach, never a public one.
bind = os.environ.get("FORMSVC_BIND", "127.0.0.1:8001")
# The default is formsvc's too (WORKERS in formsvc/config.py, which warns at start-up when
# more than one process would count the rate limits in memory://); not imported from there,
# so that the master loads no formsvc code and a reload (HUP) gets new code.
workers = int(os.environ.get("FORMSVC_WORKERS", "2"))
worker_class = "sync"
timeout = 30  # seconds: a request slower than this is a bug; the worker is replaced
graceful_timeout = 20  # seconds given to a worker to finish its request on restart
keepalive = 5  # seconds, behind nginx's keepalive upstream
# Workers are not recycled: a new worker costs ~0.9 s of imports (a p99 spike under load), and
# with in-memory rate limits (FORMSVC_RATELIMIT_STORAGE_URI=memory://) it would start with
# empty counts (bench/formsvc.py, docs/benchmarks.md). Production keeps the counts in Redis.
max_requests = 0
# No client address, user agent or referrer in the access log: nothing personal to keep.
accesslog = "-"
access_log_format = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms'
errorlog = "-"
# gunicorn's control socket (in the user's home) is not used: systemd manages the service,
# and several instances on one machine would share the same socket path.
control_socket_disable = True
# formsvc's own warnings (an unreachable Redis or database, a mail retried) go to stderr with
# gunicorn's: gunicorn's defaults plus a root logger, without double lines.
logconfig_dict = {
    "root": {"level": "INFO", "handlers": ["error_console"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},
    },
}
