"""Building and publishing the site for its editors: French messages, checks, addresses.

Pelican's plugins (``plugins/``) connect these checks to the build; ``tasks.py`` and the
editor's preview (``apercu/``) run the build through :mod:`publication.construction`.
"""
