"""French dates through Babel: these machines have no fr_FR system locale, so strftime
and Pelican's LOCALE would print English month names."""

import re
from functools import lru_cache

from babel.dates import (
    format_date,
    format_datetime,
    get_date_format,
    get_datetime_format,
    get_time_format,
)

from commune.typographie import typeset

LOCALE = "fr_FR"
NAMED = {"full", "long", "medium", "short"}  # Babel's named formats, not patterns
# A quoted literal ('à', '' for a quote) or a run of one pattern letter (d, MMMM, y…).
FIELD = re.compile(r"'(?:[^']|'')*'|([A-Za-z])\1*")


@lru_cache(maxsize=64)
def first_of_month(pattern):
    """``pattern`` writing the first day of a month « 1er », as French prose does.

    Only the day field ``d`` changes ("dd" is zero-padded, for numbers), and only when the
    month is not a number: « 1er juin 2030 », « dimanche 1er », but « 1/6/2030 ».
    """
    fields = [m.group(0) for m in FIELD.finditer(pattern) if m.group(1)]
    if any(f[0] in "ML" and len(f) <= 2 for f in fields):
        return pattern
    return FIELD.sub(lambda m: "d'er'" if m.group(0) == "d" else m.group(0), pattern)


def _date_pattern(pattern):
    return get_date_format(pattern, LOCALE).pattern if pattern in NAMED else pattern


def _datetime_pattern(pattern):
    if pattern not in NAMED:
        return pattern
    date, time = get_date_format(pattern, LOCALE), get_time_format(pattern, LOCALE)
    return (
        get_datetime_format(pattern, LOCALE)
        .replace("{1}", date.pattern)
        .replace("{0}", time.pattern)
    )


@lru_cache(maxsize=4096)  # lists repeat the same dates; Babel's formatting is the costly part
def date_fr(value, pattern="d MMMM y"):
    """``date(2013, 1, 31)`` → ``"31 janvier 2013"`` (Babel/CLDR pattern), no-break spaces."""
    pattern = _date_pattern(pattern)
    if value.day == 1:
        pattern = first_of_month(pattern)
    return typeset(format_date(value, pattern, locale=LOCALE), html=False)


def datetime_fr(value, pattern="d MMMM y 'à' H 'h' mm"):
    """``datetime(2013, 1, 30, 18, 30)`` → ``"30 janvier 2013 à 18 h 30"``, no-break spaces."""
    pattern = _datetime_pattern(pattern)
    if value.day == 1:
        pattern = first_of_month(pattern)
    return typeset(format_datetime(value, pattern, locale=LOCALE), html=False)
