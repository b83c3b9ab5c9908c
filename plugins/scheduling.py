"""Drafts and scheduled articles: previewed by editors, never published before their time.

An article dated in the future is *scheduled*: the first publication on or after its date
puts it online. In the development build (``PUBLICATION = False``) it is built at its own
address but listed nowhere, like a draft; a publication (``PUBLICATION = True``) builds
neither drafts nor scheduled articles and reports each one it held back, with why.
The images and documents that only such texts link to are not published either.
``PUBLICATION_NOW`` (ISO date-time, Paris time) fixes "now" for tests.
"""

import logging

from pelican import signals

from commune.dates import date_fr
from publication import retenus, sources
from publication.retenus import now

logger = logging.getLogger(__name__)


def scheduled(article, moment):
    date = article.date
    if date.tzinfo is None:
        date = date.replace(tzinfo=moment.tzinfo)
    return date > moment


def hold(content, reason):
    content.held_back = reason
    retenus.hold(sources.shown_path(content.source_path, content.settings), reason)


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


def withhold_their_files(generator):
    """At publication, a file (image, document) only held-back texts link to stays home."""
    if not generator.settings.get("PUBLICATION"):
        return
    contents = {id(c): c for c in generator.context["generated_content"].values()}.values()
    held = [c for c in contents if getattr(c, "held_back", None)]
    if not held:
        return
    held_ids = {id(c) for c in held}
    wanted = set().union(*(c.get_static_links() for c in contents if id(c) not in held_ids))
    only_held = set().union(*(c.get_static_links() for c in held)) - wanted
    for static in list(generator.staticfiles):
        if static.get_relative_source_path() in only_held:
            generator.staticfiles.remove(static)  # the context holds this very list
            generator.context["static_content"].pop(static.get_relative_source_path(), None)
            retenus.hold(
                sources.shown_path(static.source_path, static.settings),
                "seuls des textes non publiés s'en servent",
            )


def start(pelican):
    retenus.reset()


def report(pelican):
    pelican.held_back = retenus.held()


def register():
    signals.initialized.connect(start)
    signals.article_generator_pretaxonomy.connect(sort_articles)
    signals.page_generator_finalized.connect(sort_pages)
    signals.static_generator_finalized.connect(withhold_their_files)
    signals.finalized.connect(report)
