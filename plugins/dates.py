"""Jinja filters ``date_fr`` and ``datetime_fr``: French dates through Babel, not the locale."""

from pelican import signals

from commune import dates


def add_filters(generator):
    generator.env.filters.update(date_fr=dates.date_fr, datetime_fr=dates.datetime_fr)


def register():
    signals.generator_init.connect(add_filters)
