"""The editors' preview as ``make serve`` starts it (``invoke dev``), on a copy of content/."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from cryptography.fernet import Fernet

from tests.support import ROOT, free_port, wait_until

START_TIMEOUT = 60  # seconds: the first build, formsvc's migrations, the SMTP server


def free_pair():
    """A port P whose P + 25 (the local SMTP server of the preview) is free too."""
    for _ in range(50):
        port = free_port()
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port + 25))
            except OSError:
                continue
        return port
    raise RuntimeError("no free pair of ports")


def site_only(folder, port, *extra):
    """The preview of the static site alone, as `invoke regenerate` starts it: seconds
    sooner than `invoke dev`, which also migrates and starts formsvc, its outbox worker and
    an SMTP server."""
    return [
        sys.executable,
        "-m",
        "apercu",
        "--sans-formsvc",
        "--port",
        str(port),
        "--content",
        str(Path(folder) / "content"),
        "--output",
        str(Path(folder) / "output"),
        *extra,
    ]


class Preview:
    """The editors' preview in its own process group, its output kept in ``self.log``:
    ``invoke dev`` (what `make serve` runs) unless ``command`` says otherwise, or the site
    alone with ``formsvc=False``."""

    def __init__(self, folder, content=None, port=None, command=None, formsvc=True):
        self.folder = Path(folder)
        self.content = self.folder / "content"
        if not self.content.exists():
            shutil.copytree(content or ROOT / "content", self.content)
        self.output = self.folder / "output"
        self.port = port or free_pair()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = self.folder / "preview.log"
        if command is None and not formsvc:
            command = site_only(self.folder, self.port)
        self.command = command or [
            sys.executable,
            "-m",
            "invoke",
            "dev",
            "--port",
            str(self.port),
            "--content",
            str(self.content),
            "--output",
            str(self.output),
        ]
        self.process = None

    def __enter__(self):
        self.start()

        def ready():
            if self.process.poll() is not None:
                raise RuntimeError(f"the preview stopped:\n{self.log}")
            try:
                return not self.state()["occupe"]
            except OSError:
                return False  # not listening yet

        wait_until(ready, START_TIMEOUT, lambda: f"the preview did not start:\n{self.log}", 0.1)
        return self

    def start(self):
        """Start the process, without waiting for its first build."""
        env = {
            **os.environ,
            "FORMSVC_DATABASE_URL": f"sqlite:///{self.folder / 'formsvc.sqlite3'}",
            "FORMSVC_SECRET_KEY": "preview-tests",
            "FORMSVC_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "PYTHONUNBUFFERED": "1",
        }
        self.logfile = self.log_path.open("w")
        self.process = subprocess.Popen(
            self.command,
            cwd=ROOT,
            env=env,
            stdout=self.logfile,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def __exit__(self, *exc):
        self.stop()

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.logfile.close()

    @property
    def log(self):
        return self.log_path.read_text("utf-8", errors="replace")

    def get(self, path):
        """(status, headers, body) of ``path``; redirects are not followed."""

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(self.url + path, timeout=30) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def text(self, path):
        status, _headers, body = self.get(path)
        assert status == 200, f"{path}: {status}"
        return body.decode("utf-8")

    def state(self):
        with urllib.request.urlopen(self.url + "/__apercu/etat", timeout=5) as response:
            return json.load(response)

    def save(self, relative, text):
        """Write a file of the content folder as an editor's editor does."""
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def edit(self, relative, old, new):
        path = self.content / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        self.save(relative, text.replace(old, new, 1))

    def settled(self, since, timeout=30):
        """Wait until the preview has shown something newer than version ``since`` and has
        finished writing and checking it; return its state."""

        def shown():
            state = self.state()
            return state if state["version"] > since and not state["occupe"] else None

        return wait_until(
            shown, timeout, lambda: f"the preview did not settle after version {since}:\n{self.log}"
        )

    def change(self, action, *args, timeout=30):
        """Do ``action(*args)`` (a save) and wait until the preview shows it."""
        since = self.state()["version"]
        action(*args)
        return self.settled(since, timeout)
