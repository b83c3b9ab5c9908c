"""What a publication leaves out, and why: drafts, scheduled articles, acts not yet online.

The plugins that hold something back note it here; ``invoke publish`` prints the list.
"""

import datetime
import zoneinfo

_held = []  # (source as the editor sees it, reason), for the current build


def reset():
    _held.clear()


def hold(source, reason):
    _held.append((source, reason))


def held():
    return sorted(_held)


def now(settings):
    """The moment a publication is made (Paris time); ``PUBLICATION_NOW`` fixes it in tests."""
    zone = zoneinfo.ZoneInfo(settings.get("TIMEZONE") or "Europe/Paris")
    fixed = settings.get("PUBLICATION_NOW")
    if fixed:
        value = datetime.datetime.fromisoformat(str(fixed))
        return value if value.tzinfo else value.replace(tzinfo=zone)
    return datetime.datetime.now(zone)
