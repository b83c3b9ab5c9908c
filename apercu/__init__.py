"""The editors' preview (``make serve``): the site rebuilt on every save, errors in the page.

- :mod:`apercu.engine` keeps the site in memory and renders a page when it is asked for;
- :mod:`apercu.watcher` turns saves into rebuilds, one more whenever a save lands during one;
- :mod:`apercu.server` serves the preview, formsvc and the reload events on one address;
- :mod:`apercu.chrome` is what the preview adds to a page: the errors, the reload script.
"""
