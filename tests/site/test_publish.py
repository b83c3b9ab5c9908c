"""`invoke publish`: a strict production build, indexed, copied; a failed build copies nothing."""

import os
import shutil
import subprocess
import sys

from tests.conftest import ROOT


def publish(target, content=None):
    command = [sys.executable, "-m", "invoke", "publish"]
    if content:
        command += ["--content", str(content)]
    env = {**os.environ, "ARRAS_PUBLISH_TARGET": str(target)}
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def test_publish_builds_for_production_and_copies_the_site(tmp_path):
    target = tmp_path / "www"
    target.mkdir()
    (target / "stale.html").write_text("old page")
    result = publish(target)
    assert result.returncode == 0, result.stdout + result.stderr
    home = (target / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://www.arras.fr/">' in home
    assert (target / "pagefind" / "pagefind.js").is_file()
    assert (target / "feeds" / "all.atom.xml").is_file()
    assert not (target / "stale.html").exists()  # the target mirrors the build


def test_a_failed_build_publishes_nothing(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    article = content / "articles" / "2013-01-31-label-ville-internet.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace("Date: 2013-01-31", "Date: 31/01/2013")
    )
    target = tmp_path / "www"
    target.mkdir()
    (target / "index.html").write_text("the site in production")
    result = publish(target, content)
    assert result.returncode != 0
    assert 'champ "date" invalide « 31/01/2013 »' in result.stdout + result.stderr
    assert [p.name for p in target.iterdir()] == ["index.html"]
    assert (target / "index.html").read_text() == "the site in production"
