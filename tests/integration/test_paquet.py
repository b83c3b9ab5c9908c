"""The project as production installs it: `pip install .` in a clean virtualenv, without the
extras, then formsvc under gunicorn with the production settings."""

import json
import re
import shutil
import signal
import subprocess
import sys
import urllib.request

import pytest
from bs4 import BeautifulSoup
from cryptography.fernet import Fernet

from tests.support import ROOT, free_port, wait_for_port

pytestmark = pytest.mark.integration

# What the checkout holds but an installation never reads: generated, local or heavy.
NOT_COPIED = shutil.ignore_patterns(
    ".git",
    ".venv",
    "node_modules",
    "output",
    ".pelican-cache",
    "instance",
    "build",
    "*.egg-info",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
)
# Development and test tools, the site's build, and the checkout's folders of development
# tools (the preview, devtools): production's formsvc needs none of them.
NOT_INSTALLED = [
    "aiosmtpd",
    "watchfiles",
    "pytest",
    "playwright",
    "pelican",
    "invoke",
    "apercu",
    "devtools",
]


def run(command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, **kwargs)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A copy of the checkout (pip builds in the source folder: not in the one under test)
    and a virtualenv where it is installed, not editable, with the pinned versions only."""
    root = tmp_path_factory.mktemp("paquet")
    checkout, venv = root / "arras", root / "venv"
    shutil.copytree(ROOT, checkout, ignore=NOT_COPIED)
    run([sys.executable, "-m", "venv", str(venv)])
    pip = [str(venv / "bin" / "python"), "-m", "pip", "--disable-pip-version-check"]
    run([*pip, "install", "--quiet", "-c", str(ROOT / "constraints.txt"), str(checkout)])
    return checkout, venv, root


def test_pip_install_brings_only_pinned_runtime_packages(installed):
    _checkout, venv, root = installed
    python = str(venv / "bin" / "python")
    frozen = run([python, "-m", "pip", "freeze", "--disable-pip-version-check"])
    pins = (ROOT / "constraints.txt").read_text(encoding="utf-8").lower().splitlines()
    unpinned = [
        line for line in frozen.lower().splitlines() if " @ " not in line and line not in pins
    ]
    assert unpinned == [], "installed at a version constraints.txt does not pin"
    found = run(
        [
            python,
            "-c",
            "import importlib.util, json, sys, formsvc; print(json.dumps([formsvc.__file__, "
            "[n for n in sys.argv[1:] if importlib.util.find_spec(n)]]))",
            *NOT_INSTALLED,
        ],
        cwd=root,  # not the checkout: formsvc comes from the virtualenv
    )
    where, present = json.loads(found)
    assert where.startswith(str(venv)), where
    assert present == [], "development or test tools installed with the project"


def production_settings(venv, root):
    return {
        "PATH": f"{venv / 'bin'}:/usr/bin:/bin",
        "FORMSVC_ENV": "production",
        "FORMSVC_SECRET_KEY": Fernet.generate_key().decode(),
        "FORMSVC_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "FORMSVC_MAIL_FROM": "permanence@ville.example",
        "FORMSVC_OFFICE_EMAIL": "cabinet@ville.example",
        "FORMSVC_PUBLIC_URL": "https://www.ville.example",
        "FORMSVC_DATABASE_URL": f"sqlite:///{root / 'formsvc.sqlite3'}",
        "FORMSVC_RATELIMIT_STORAGE_URI": "memory://",
        "FORMSVC_WORKERS": "1",
    }


def test_installed_outside_the_checkout_formsvc_asks_where_the_site_is(installed):
    _checkout, venv, root = installed
    result = subprocess.run(
        [str(venv / "bin" / "flask"), "--app", "formsvc", "db", "upgrade"],
        cwd=root,
        env=production_settings(venv, root),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "FORMSVC_SITE_ROOT: pas de dossier theme/templates dans " in result.stderr


def test_gunicorn_serves_the_form_with_the_production_settings(installed):
    checkout, venv, root = installed
    port = free_port()
    env = {
        **production_settings(venv, root),
        "FORMSVC_BIND": f"127.0.0.1:{port}",
        # Installed outside the checkout: formsvc is told where theme/ and content/ are.
        "FORMSVC_SITE_ROOT": str(checkout),
    }
    run([str(venv / "bin" / "flask"), "--app", "formsvc", "db", "upgrade"], cwd=root, env=env)
    config = str(checkout / "deploy" / "gunicorn.conf.py")
    with open(root / "gunicorn.log", "wb") as log:
        gunicorn = subprocess.Popen(
            [str(venv / "bin" / "gunicorn"), "--config", config],
            cwd=root,
            env=env,
            stdout=log,
            stderr=log,
        )
    try:
        wait_for_port(port, process=gunicorn)
        url = f"http://127.0.0.1:{port}/formulaires/permanence/"
        with urllib.request.urlopen(url, timeout=10) as response:
            status, cookie = response.status, response.headers["Set-Cookie"]
            page = response.read().decode()
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)
    assert status == 200, (root / "gunicorn.log").read_text()
    html = BeautifulSoup(page, "lxml")
    assert html.html["lang"] == "fr"
    form = html.select_one("main form")
    assert (form["method"], form["action"]) == ("post", "/formulaires/permanence/")
    assert form.select_one('label[for="message"]').get_text().startswith("Votre message")
    # The theme's stylesheet under its fingerprinted name, as the published site has it.
    stylesheet = html.select_one("link[rel=stylesheet]")["href"]
    assert re.fullmatch(r"/theme/css/site\.[0-9a-f]{10}\.css", stylesheet)
    assert "; Secure" in cookie  # production's session cookie
