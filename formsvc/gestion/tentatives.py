"""Sign-in throttling: failed attempts, passwords and codes alike, are counted per (account,
client IP) and per client IP in the rate-limit storage (shared in Redis when there are several
instances): a stranger's wrong passwords slow down their own address, never the owner signing
in from another. Wrong codes are also counted per account, whatever the address: only someone
who has the password can type one.
"""

import time

from flask import current_app, request
from limits import parse

from formsvc.limites import in_words, strategy_call

# Wrong codes per account, from any address. Only someone who has the password gets this
# far; at this pace, guessing a 6-digit code has less than one chance in a thousand a day.
CODE_LIMIT_ACCOUNT = "10 per hour"


def client_ip():
    """The client's address: the real one behind PROXY_COUNT trusted proxies (ProxyFix)."""
    return request.remote_addr or "inconnue"


def throttles(email, code=False):
    """The counters a failed attempt for ``email`` from this client adds to."""
    config = current_app.config
    ip = client_ip()
    found = [
        (parse(config["LOGIN_LIMIT_ACCOUNT"]), "connexion-compte-ip", email[:254], ip),
        (parse(config["LOGIN_LIMIT_IP"]), "connexion-ip", ip),
    ]
    if code:
        found.append((parse(CODE_LIMIT_ACCOUNT), "code-compte", email))
    return found


def seconds_blocked(limits):
    """0 if one more attempt may be made, else the seconds to wait."""
    waits = [
        strategy_call("get_window_stats", item, *keys).reset_time - time.time()
        for item, *keys in limits
        if not strategy_call("test", item, *keys)
    ]
    return max(1, int(max(waits))) if waits else 0


def count_failure(limits):
    for item, *keys in limits:
        strategy_call("hit", item, *keys)


def too_many(wait):
    return f"Trop de tentatives de connexion. Réessayez {in_words(wait)}."


def retry_after(wait):
    return {"Retry-After": str(wait)} if wait else {}
