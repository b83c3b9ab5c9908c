"""French dates through Babel: these machines have no fr_FR system locale, so strftime
and Pelican's LOCALE would print English month names."""

from functools import lru_cache

from babel.dates import format_date, format_datetime

LOCALE = "fr_FR"


@lru_cache(maxsize=4096)  # lists repeat the same dates; Babel's formatting is the costly part
def date_fr(value, pattern="d MMMM y"):
    """``date(2013, 1, 31)`` → ``"31 janvier 2013"`` (Babel/CLDR pattern)."""
    return format_date(value, pattern, locale=LOCALE)


def datetime_fr(value, pattern="d MMMM y 'à' H 'h' mm"):
    """``datetime(2013, 1, 30, 18, 30)`` → ``"30 janvier 2013 à 18 h 30"``."""
    return format_datetime(value, pattern, locale=LOCALE)
