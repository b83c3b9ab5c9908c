"""Random tokens given to a browser or a resident, and the hash the database keeps of them.

The database stores a token's SHA-256 only, and finds the row by it: a copy of the database
opens no session, draft or follow-up link. A fast unsalted hash is enough for values drawn at
random with 128 bits or more (never for passwords: formsvc/comptes/mots_de_passe.py).
"""

import hashlib
import secrets


def new_token(nbytes=32):
    """A URL-safe random token of ``nbytes`` random bytes."""
    return secrets.token_urlsafe(nbytes)


def token_hash(token):
    """The SHA-256 of ``token``, in hexadecimal (64 characters): what the database keeps."""
    return hashlib.sha256(token.encode()).hexdigest()
