"""Encryption at rest of personal data, with Fernet keys that can be rotated.

``FORMSVC_ENCRYPTION_KEYS`` lists keys, comma-separated: the first encrypts, every one
decrypts, so a new key can be put first while older rows are still readable.
"""

from cryptography.fernet import Fernet, MultiFernet

from formsvc.config import ConfigError


class Cipher:
    def __init__(self, keys):
        try:
            fernets = [Fernet(k.strip().encode()) for k in keys.split(",") if k.strip()]
        except (ValueError, TypeError):
            raise ConfigError(
                "FORMSVC_ENCRYPTION_KEYS: clé Fernet invalide (32 octets en base64 url-safe ; "
                "créez-en une avec `flask --app formsvc keys generate`)"
            ) from None
        if not fernets:
            raise ConfigError("FORMSVC_ENCRYPTION_KEYS: aucune clé")
        self._fernet = MultiFernet(fernets)

    def encrypt(self, text):
        """Encrypt a string; None stays None (an absent phone is not a secret)."""
        if text is None:
            return None
        return self._fernet.encrypt(text.encode()).decode()

    def decrypt(self, token):
        if token is None:
            return None
        return self._fernet.decrypt(token.encode()).decode()

    def rotate(self, token):
        """Re-encrypt ``token`` with the first key."""
        return None if token is None else self._fernet.rotate(token.encode()).decode()
