"""The back-office accounts' passwords: argon2id at the cost the settings give.

The cost is a setting (ARGON2_TIME_COST, ARGON2_MEMORY_COST) so that the tests, which hash
hundreds of passwords, can lower it; production keeps argon2-cffi's defaults (RFC 9106's
low-memory choice). A hash carries its own parameters: one made at another cost still
verifies, and is remade at the current cost at the next sign-in (``needs_rehash``).
"""

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

from formsvc.config import ARGON2_PARALLELISM


def _hasher():
    """(hasher, dummy hash) of the current app, made at its first use."""
    made = current_app.extensions.get("formsvc_passwords")
    if made is None:
        hasher = PasswordHasher(
            time_cost=current_app.config["ARGON2_TIME_COST"],
            memory_cost=current_app.config["ARGON2_MEMORY_COST"],
            parallelism=ARGON2_PARALLELISM,
        )
        # Verified when the account does not exist, so that both answers take the same time:
        # it has the current cost too.
        made = hasher, hasher.hash(secrets.token_urlsafe(16))
        current_app.extensions["formsvc_passwords"] = made
    return made


def hash_password(password):
    return _hasher()[0].hash(password)


def verify(stored_hash, password):
    """Whether ``password`` matches ``stored_hash``; None (no such account) checks a dummy
    hash at the same cost and answers False."""
    hasher, dummy = _hasher()
    try:
        hasher.verify(stored_hash or dummy, password)
    except (VerificationError, InvalidHashError):
        return False
    return stored_hash is not None


def needs_rehash(stored_hash):
    """Whether the hash was made at another cost than the current one."""
    return _hasher()[0].check_needs_rehash(stored_hash)
