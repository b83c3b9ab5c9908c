"""Request references: 8 characters a resident can read out on the phone without confusion."""

import secrets

# No 0/O, 1/I/L, nor U/V: letters and digits that look or sound alike are left out.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
LENGTH = 8


def new_reference():
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def grouped(reference):
    """``K7QM4XD2`` → ``K7QM-4XD2``, as shown to people."""
    return f"{reference[:4]}-{reference[4:]}"


def normalize(text):
    """What a person typed (« k7qm 4xd2 ») → ``K7QM4XD2``, or None if it cannot be one."""
    cleaned = "".join(c for c in text.upper() if c.isalnum())
    ok = len(cleaned) == LENGTH and all(c in ALPHABET for c in cleaned)
    return cleaned if ok else None
