"""Tasks for the arras.fr site (``invoke --list``), following Pelican's quickstart names."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from invoke import task
from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

from apercu.server import ensure_free
from commune.reglages import setting
from publication import construction, publier

ROOT = Path(__file__).resolve().parent
SETTINGS_FILE_BASE = "pelicanconf.py"
SETTINGS_FILE_PUBLISH = "publishconf.py"

CONFIG = {
    "settings_base": SETTINGS_FILE_BASE,
    "settings_publish": SETTINGS_FILE_PUBLISH,
    # Where `invoke publish` copies the built site (an rsync destination), from the environment.
    "publish_target": setting(os.environ, "SITE_PUBLISH_TARGET"),
    "host": "127.0.0.1",
    "port": 8000,
}


def load_settings(settings_file=SETTINGS_FILE_BASE, **override):
    """Pelican's settings, or exit with one French line (pelicanconf.py reads data files)."""
    try:
        return construction.load_settings(ROOT / settings_file, override)
    except Exception as error:  # commune.toml with a mistake…
        sys.exit(construction.describe(error, ROOT))


def run_build(settings_file, strict=False, **override):
    """Build once, printing one French line per problem; exit 1 if the build failed."""
    settings = load_settings(settings_file, **override)
    report = construction.run(settings, strict=strict, root=ROOT)
    if not report.ok:
        sys.exit(
            "La construction a échoué : corrigez ce que disent les lignes ci-dessus "
            "(voir docs/guide-redaction.md, « Les messages d’erreur »)."
        )
    seconds = construction.seconds_fr(report.seconds)
    print(f"Site construit dans {settings['OUTPUT_PATH']} en {seconds}.")
    return settings, report.pelican


@task
def clean(c):
    """Remove the generated files and Pelican's cache."""
    settings = load_settings()
    for path in (settings["OUTPUT_PATH"], settings["CACHE_PATH"]):
        shutil.rmtree(path, ignore_errors=True)


@task(help={"content": "the content folder to build (default: content/)"})
def build(c, content=None):
    """Build the site (and its search index) with the development settings."""
    override = {"PATH": str(Path(content).resolve())} if content else {}
    run_build(CONFIG["settings_base"], **override)


@task
def rebuild(c):
    """Build from scratch: delete the output and the cache first."""
    clean(c)
    build(c)


@task(help={"port": "the port to serve on (default 8000)"})
def regenerate(c, port=8000):
    """Rebuild on every change and serve the site alone (the editors' preview, without formsvc)."""
    c.run(f"{sys.executable} -m apercu --sans-formsvc --port {int(port)}", pty=False)


@task(help={"port": "the port to serve on (default 8000)"})
def livereload(c, port=8000):
    """Serve the site alone and reload the browser page after each save (same as regenerate)."""
    regenerate(c, port)


@task
def serve(c):
    """Serve the built site at http://127.0.0.1:8000/ (no rebuild)."""

    class AddressReuseTCPServer(RootedHTTPServer):
        allow_reuse_address = True

    server = AddressReuseTCPServer(
        load_settings()["OUTPUT_PATH"], (CONFIG["host"], CONFIG["port"]), ComplexHTTPRequestHandler
    )
    print(f"Site disponible sur http://{CONFIG['host']}:{CONFIG['port']}/ (Ctrl+C pour arrêter)")
    server.serve_forever()


def _interrupt(signum, frame):
    raise KeyboardInterrupt


@task(
    help={
        "port": "the preview's port (default: $PORT or 8000); local SMTP: port + 25",
        "content": "the content folder (default: content/)",
        "output": "where the preview writes the site (default: output/)",
    }
)
def dev(c, port=None, content=None, output=None):
    """Run everything locally (what `make serve` does): the editors' preview of the site and
    formsvc on one URL, rebuilt on every save, the outbox worker and a local SMTP server."""
    port = int(port or os.environ.get("PORT") or CONFIG["port"])
    content = Path(content or ROOT / "content").resolve()
    output = Path(output or ROOT / "output").resolve()
    smtp_port = port + 25  # 8000 → 8025: two checkouts side by side move together
    for taken in (port, smtp_port):
        ensure_free(CONFIG["host"], taken)
    python = sys.executable
    env = {
        **os.environ,
        "FORMSVC_SMTP_PORT": str(smtp_port),
        "FORMSVC_PUBLIC_URL": f"http://{CONFIG['host']}:{port}",
        "FORMSVC_CONTENT_DATA": str(content / "data"),
    }
    c.run(f"{python} -m flask --app formsvc db upgrade", pty=False, env=env)
    processes = [
        [python, "-m", "devtools.smtp_sink", "--port", str(smtp_port)],
        [python, "-m", "flask", "--app", "formsvc", "outbox", "run"],
        [
            python,
            "-m",
            "apercu",
            "--host",
            CONFIG["host"],
            "--port",
            str(port),
            "--content",
            str(content),
            "--output",
            str(output),
        ],
    ]
    running = [subprocess.Popen(command, cwd=ROOT, env=env) for command in processes]
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
    run_build(CONFIG["settings_publish"], strict=True)


@task(
    help={
        "content": "the content folder to publish (default: content/)",
        "allow-placeholders": "publish even with values still to confirm (each one is listed)",
        "allow-late": "publish although a séance's list or procès-verbal is overdue: why",
    }
)
def publish(c, content=None, allow_placeholders=False, allow_late=None):
    """Build for production, check everything, then copy to SITE_PUBLISH_TARGET.

    Nothing is copied unless the build has no error and no warning, every link resolves,
    the HTML is valid, the RGAA criteria declared met still hold on the sample's pages, no
    value is left to confirm (see --allow-placeholders), and no address published before
    would vanish (docs/guide-redaction.md, « Publier »).
    """
    target = CONFIG["publish_target"]
    if not target:
        sys.exit("SITE_PUBLISH_TARGET n'est pas défini : où publier ? (destination rsync)")
    # formsvc renders its own pages of the sample; imported here, for publish only (about
    # 0.6 s that no other task should pay).
    from formsvc.echantillon import rendering

    checks = publier.page_checks(rendering)
    publier.publish(ROOT, target, checks, content, allow_placeholders, allow_late)


@task
def lint(c):
    """Check the Python code with ruff (lint and format)."""
    c.run(f"{sys.executable} -m ruff check .")
    c.run(f"{sys.executable} -m ruff format --check .")


# The test groups run on every core, at most four (each worker builds its site, starts its
# Chromium or its PostgreSQL: more would cost more than it gives). ``loadgroup`` keeps the
# tests marked ``xdist_group`` on one worker (the two that write the checkout's output/).
# The integration tests run one at a time: they time floods and limits on real servers, and
# a second stack beside them made one fail now and then.
BOTH_CORES = "--numprocesses auto --maxprocesses 4"


@task(pre=[lint])
def test(c):
    """Run every test: site and formsvc (on SQLite, then PostgreSQL), browser, production."""
    # Separate runs, as separate CI steps: each fails on its own, and on "no tests collected"
    # (pytest's exit 5), which invoke turns into a failure like any other.
    pytest = f"{sys.executable} -m pytest {BOTH_CORES}"
    c.run(f"{pytest} --dist loadgroup -m 'not browser and not integration'", pty=False)
    c.run(f"{pytest} --dist loadgroup tests/formsvc --database postgresql", pty=False)
    c.run(f"{pytest} --dist loadgroup -m browser", pty=False)
    c.run(f"{sys.executable} -m pytest -m integration", pty=False)


@task(help={"only": "build, preview or formsvc (default: all three)"})
def bench(c, only=""):
    """Print the benchmarks: the site's build, the editors' preview, formsvc under load."""
    for name in ("build", "preview", "formsvc"):
        if only in ("", name):
            c.run(f"{sys.executable} bench/{name}.py", pty=False)
