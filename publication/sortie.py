"""Checks of a built site, then its record of addresses (the build's last step).

Run by the ``sortie`` plugin at the end of ``invoke build``/``publish``, and by the
editor's preview in the background once it has written the pages.
"""

import os

from commune import demarches
from commune.datafiles import DataError
from publication import adresses, redirections, sources
from publication.liens import broken_links, url_of
from publication.sources import shown_path


def portal_slugs(settings):
    """The slugs ``/portail/<slug>`` accepts, or None when the data file cannot be read."""
    try:
        path = os.path.join(settings["PATH"], "data", "demarches.toml")
        return {d.slug for d in demarches.load(path).demarches}
    except DataError:
        return None  # the data_files plugin reports the broken file; any slug passes here


def finish(output, settings, written, pages=None, memory=None):
    """Problems (French lines) with the links and redirections of ``output``; writes the record.

    ``written`` maps output paths to what produced them (publication.sources.pages());
    ``pages`` the HTML of the pages when the caller has them in memory; ``memory`` what the
    link check remembers of each page between builds (publication.liens.broken_links).
    """
    served_elsewhere = tuple(settings.get("FORMSVC_PREFIXES", ()))
    problems = [
        str(problem)
        for problem in broken_links(
            output,
            pages=pages,
            sources=written,
            served_elsewhere=served_elsewhere,
            portal_slugs=portal_slugs(settings),
            memory=memory,
        )
    ]
    path = os.path.join(settings["PATH"], "data", redirections.NAME)
    try:
        declared = redirections.load(path, shown_path(path, settings))
    except DataError as error:
        return [*problems, str(error)]
    found = adresses.addresses(output, {name: page.source for name, page in written.items()})
    problems += [str(p) for p in redirections.check(declared, found, served_elsewhere)]
    shown_only_examples = sorted({url_of(name) for name in sources.examples()} & found.keys())
    adresses.write(
        output,
        adresses.Record(
            found, dict(declared.redirections), dict(declared.retraits), shown_only_examples
        ),
    )
    return problems
