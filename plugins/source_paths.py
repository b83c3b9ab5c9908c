"""Each text's path relative to content/, computed once instead of on every URL.

Pelican derives every ``url`` and ``save_as`` from ``get_relative_source_path()``, which
calls ``os.path.relpath`` and ``abspath`` each time: 30,000 times per build of 2,000
articles, about a tenth of a cached rebuild (docs/benchmarks.md). The answer depends only
on the file's path and on ``PATH``, which never change once the object exists.
"""

from pelican import signals


def remember_relative_path(content):
    original = content.get_relative_source_path
    known = {}

    def get_relative_source_path(source_path=None):
        if source_path is not None:
            return original(source_path)
        if "path" not in known:
            known["path"] = original()
        return known["path"]

    content.get_relative_source_path = get_relative_source_path


def register():
    signals.content_object_init.connect(remember_relative_path)
