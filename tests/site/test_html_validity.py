"""Every generated page is valid HTML for the Nu Html Checker (vnu.jar, pinned in package.json)."""

import json
import shutil
import subprocess

from tests.conftest import ROOT

VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"


def test_every_page_stylesheet_and_svg_is_valid(site):
    assert VNU.is_file(), f"{VNU} manque : lancez `make test`, qui l'installe avec npm"
    assert shutil.which("java"), "Java manque : apt-get install openjdk-17-jre-headless"
    checked = [p for p in site.rglob("*") if p.suffix in {".html", ".css", ".svg"}]
    checked = [p for p in checked if "pagefind" not in p.parts]  # Pagefind's own UI bundle
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            "--also-check-css",
            "--also-check-svg",
            *map(str, checked),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr)["messages"]
    errors = [
        f"{m.get('url', '?').removeprefix('file:' + str(site))}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] in {"error", "non-document-error"}
    ]
    assert len(checked) > 30
    assert not errors, "\n".join(errors)
