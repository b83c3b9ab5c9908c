"""The Nu Html Checker (vnu.jar, pinned in package.json) over a built site.

Run by ``invoke publish`` before anything is copied, and by the tests on every build.
"""

import json
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
CHECKED = {".html", ".css", ".svg"}


class Unavailable(RuntimeError):
    """Java or vnu.jar is missing: the message says how to install them."""


def files(site):
    """The pages, stylesheets and SVG images of ``site`` (Pagefind's own bundle left out)."""
    site = Path(site)
    return sorted(p for p in site.rglob("*") if p.suffix in CHECKED and "pagefind" not in p.parts)


def errors(site):
    """The validator's errors, one line each: ``/page/index.html:12: message``."""
    if not VNU.is_file():
        raise Unavailable(f"{VNU.relative_to(ROOT)} manque : lancez « npm install » (ou make test)")
    if not shutil.which("java"):
        raise Unavailable("Java manque : apt-get install openjdk-17-jre-headless")
    site, checked = Path(site), files(site)
    command = [
        "java",
        "-jar",
        str(VNU),
        "--errors-only",
        "--format",
        "json",
        "--also-check-css",
        "--also-check-svg",
        *map(str, checked),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    report = result.stderr[result.stderr.find("{") :]  # after the JVM's own notices, if any
    try:
        messages = json.loads(report)["messages"]
    except (ValueError, KeyError):
        raise Unavailable(f"le validateur n'a pas répondu : {result.stderr[-300:]}") from None
    prefix = "file:" + str(site)
    return [
        f"{m.get('url', '?').removeprefix(prefix)}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] in {"error", "non-document-error"}
    ]
