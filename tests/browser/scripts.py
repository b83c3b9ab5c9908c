"""The JavaScript the browser tests run in a page, in ``tests/browser/js/*.js``: one function
expression a file, read once, as ``page.evaluate`` takes it. The Python passes its arguments
and keeps the walks and the assertions."""

import functools
import json
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "js"


@functools.cache
def js(name):
    """The function of ``js/<name>.js``, for ``page.evaluate(js(name), arg)``."""
    source = (FOLDER / f"{name}.js").read_text(encoding="utf-8").strip()
    # A trailing semicolon would make it a statement, which evaluate does not call.
    return source.removesuffix(";")


def called(name, *args):
    """``js(name)`` called with ``args`` as one expression: for an init script, which takes no
    argument of its own."""
    return f"({js(name)})({', '.join(json.dumps(arg) for arg in args)})"
