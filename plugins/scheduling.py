"""Drafts and scheduled articles: previewed by editors, never published before their time.

An article dated in the future is *scheduled*: the first publication on or after its date
puts it online. In the development build (``PUBLICATION = False``) it is built at its own
address but listed nowhere, like a draft; a publication (``PUBLICATION = True``) builds
neither drafts nor scheduled articles and reports each one it held back, with why.
``PUBLICATION_NOW`` (ISO date-time, Paris time) fixes "now" for tests.
"""

import datetime
import logging
import zoneinfo

from pelican import signals

from commune.dates import date_fr
from publication import sources

logger = logging.getLogger(__name__)
_held = []  # (source, reason) of the current build


def now(settings):
    zone = zoneinfo.ZoneInfo(settings.get("TIMEZONE") or "Europe/Paris")
    fixed = settings.get("PUBLICATION_NOW")
    if fixed:
        value = datetime.datetime.fromisoformat(str(fixed))
        return value if value.tzinfo else value.replace(tzinfo=zone)
    return datetime.datetime.now(zone)


def scheduled(article, moment):
    date = article.date
    if date.tzinfo is None:
        date = date.replace(tzinfo=moment.tzinfo)
    return date > moment


def hold(content, reason):
    content.held_back = reason
    _held.append((sources.shown_path(content.source_path, content.settings), reason))


def sort_articles(generator):
    settings = generator.settings
    moment = now(settings)
    future = [a for a in generator.articles if scheduled(a, moment)]
    for article in future:
        article.scheduled = True
    generator.articles = [a for a in generator.articles if a not in future]
    if not settings.get("PUBLICATION"):
        generator.hidden_articles = [*generator.hidden_articles, *future]
        return
    for article in future:
        hold(article, f"programmé pour le {date_fr(article.date)}")
    for draft in [*generator.drafts, *generator.drafts_translations]:
        hold(draft, "brouillon (Status: draft)")
    generator.drafts, generator.drafts_translations = [], []


def sort_pages(generator):
    if not generator.settings.get("PUBLICATION"):
        return
    for page in [*generator.draft_pages, *generator.draft_translations]:
        hold(page, "brouillon (Status: draft)")
    # The context holds these very lists (Pelican's _update_context): empty them in place.
    del generator.draft_pages[:]
    del generator.draft_translations[:]


def start(pelican):
    _held.clear()


def report(pelican):
    pelican.held_back = sorted(_held)


def register():
    signals.initialized.connect(start)
    signals.article_generator_pretaxonomy.connect(sort_articles)
    signals.page_generator_finalized.connect(sort_pages)
    signals.finalized.connect(report)
