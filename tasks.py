"""Tasks for the arras.fr site (``invoke --list``), following Pelican's quickstart names."""

import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from invoke import task
from pelican import main as pelican_main
from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer
from pelican.settings import DEFAULT_CONFIG, get_settings_from_file

ROOT = Path(__file__).resolve().parent
SETTINGS_FILE_BASE = "pelicanconf.py"
SETTINGS_FILE_PUBLISH = "publishconf.py"
SETTINGS = {**DEFAULT_CONFIG, **get_settings_from_file(str(ROOT / SETTINGS_FILE_BASE))}

CONFIG = {
    "settings_base": SETTINGS_FILE_BASE,
    "settings_publish": SETTINGS_FILE_PUBLISH,
    "deploy_path": SETTINGS["OUTPUT_PATH"],
    # Where `invoke publish` copies the built site (an rsync destination), from the environment.
    "publish_target": os.environ.get("ARRAS_PUBLISH_TARGET", ""),
    "host": "127.0.0.1",
    "port": 8000,
}


def pelican_run(cmd):
    """Run Pelican in this process, as the quickstart does.

    The plain log handler prints each message whole: the rich one cuts long lines to the
    terminal's width, and an editor must read the file and field an error names.
    """
    pelican_main(["--log-handler", "plain", *shlex.split(cmd)])


@task
def clean(c):
    """Remove the generated files and Pelican's cache."""
    for path in (CONFIG["deploy_path"], SETTINGS["CACHE_PATH"]):
        shutil.rmtree(path, ignore_errors=True)


@task
def build(c):
    """Build the site (and its search index) with the development settings."""
    pelican_run(f"-s {CONFIG['settings_base']}")


@task
def rebuild(c):
    """Build from scratch: delete the output and the cache first."""
    clean(c)
    build(c)


@task
def regenerate(c):
    """Rebuild automatically whenever content or theme changes."""
    pelican_run(f"-r -s {CONFIG['settings_base']}")


@task
def serve(c):
    """Serve the built site at http://127.0.0.1:8000/ (no rebuild)."""

    class AddressReuseTCPServer(RootedHTTPServer):
        allow_reuse_address = True

    server = AddressReuseTCPServer(
        CONFIG["deploy_path"], (CONFIG["host"], CONFIG["port"]), ComplexHTTPRequestHandler
    )
    print(f"Site disponible sur http://{CONFIG['host']}:{CONFIG['port']}/ (Ctrl+C pour arrêter)")
    server.serve_forever()


@task
def reserve(c):
    """Build, then rebuild on every change while serving at http://127.0.0.1:8000/."""
    build(c)
    print(f"Site disponible sur http://{CONFIG['host']}:{CONFIG['port']}/ (Ctrl+C pour arrêter)")
    pelican_run(f"-r -l -s {CONFIG['settings_base']} -b {CONFIG['host']} -p {CONFIG['port']}")


def _interrupt(signum, frame):
    raise KeyboardInterrupt


@task
def dev(c):
    """Run everything locally (what `make serve` does): the site and formsvc on one URL,
    the outbox worker and a local SMTP server that prints the mails."""
    build(c)
    python = sys.executable
    c.run(f"{python} -m flask --app formsvc db upgrade", pty=False)
    processes = [
        [
            python,
            "-m",
            "pelican",
            "-r",
            "-s",
            CONFIG["settings_base"],
            "-q",
            "--log-handler",
            "plain",
        ],
        [python, "-m", "formsvc.smtp_sink", "--port", "8025"],
        [python, "-m", "flask", "--app", "formsvc", "outbox", "run"],
        [
            python,
            "-m",
            "formsvc.localsite",
            "--host",
            CONFIG["host"],
            "--port",
            str(CONFIG["port"]),
        ],
    ]
    running = [subprocess.Popen(command, cwd=ROOT) for command in processes]
    signal.signal(signal.SIGTERM, _interrupt)  # a `kill` stops the children too
    try:
        while all(process.poll() is None for process in running):
            time.sleep(0.5)  # if one stops (a port already in use…), stop them all
    except KeyboardInterrupt:
        pass
    finally:
        for process in running:
            process.terminate()
        for process in running:
            process.wait(timeout=10)


@task
def preview(c):
    """Build with the production settings, without publishing."""
    pelican_run(f"-s {CONFIG['settings_publish']} --fatal warnings")


@task
def livereload(c):
    """Serve the site and reload the browser page whenever a source file changes."""
    from livereload import Server

    build(c)
    server = Server()
    watched = [
        f"{SETTINGS['PATH']}/**/*",
        f"{SETTINGS['THEME']}/templates/**/*.html",
        f"{SETTINGS['THEME']}/static/**/*",
        "plugins/*.py",
        CONFIG["settings_base"],
    ]
    for glob in watched:
        server.watch(glob, lambda: build(c))
    print(f"Site disponible sur http://{CONFIG['host']}:{CONFIG['port']}/ (Ctrl+C pour arrêter)")
    server.serve(host=CONFIG["host"], port=CONFIG["port"], root=CONFIG["deploy_path"])


@task(help={"content": "the content folder to publish (default: content/)"})
def publish(c, content=None):
    """Build with the production settings (warnings are fatal), index, and copy to the target."""
    target = CONFIG["publish_target"]
    if not target:
        sys.exit("ARRAS_PUBLISH_TARGET n'est pas défini : où publier ? (destination rsync)")
    # Built in a fresh folder: a failed build raises SystemExit here and nothing is copied,
    # and a good one never mixes with the leftovers of an earlier build.
    with tempfile.TemporaryDirectory(prefix="arras-publish-") as folder:
        path = f" {shlex.quote(content)}" if content else ""
        pelican_run(f"-s {CONFIG['settings_publish']} --fatal warnings -o {folder}{path}")
        c.run(
            f"rsync --archive --delete --checksum {shlex.quote(folder)}/ {shlex.quote(target)}",
            pty=False,
        )
    print(f"Publié vers {target}")


@task
def lint(c):
    """Check the Python code with ruff (lint and format)."""
    c.run(f"{sys.executable} -m ruff check .")
    c.run(f"{sys.executable} -m ruff format --check .")


@task(pre=[lint])
def test(c):
    """Run every test: site and formsvc (on SQLite, then PostgreSQL), browser, production."""
    # Separate runs, as separate CI steps: each fails on its own, and on "no tests collected"
    # (pytest's exit 5), which invoke turns into a failure like any other.
    pytest = f"{sys.executable} -m pytest"
    c.run(f"{pytest} -m 'not browser and not integration'", pty=False)
    c.run(f"{pytest} tests/formsvc --database postgresql", pty=False)
    c.run(f"{pytest} -m browser", pty=False)
    c.run(f"{pytest} -m integration", pty=False)


@task(help={"only": "build or formsvc (default: both)"})
def bench(c, only=""):
    """Print the benchmarks: the site's build, then formsvc under load (docs/benchmarks.md)."""
    for name in ("build", "formsvc"):
        if only in ("", name):
            c.run(f"{sys.executable} bench/{name}.py", pty=False)
