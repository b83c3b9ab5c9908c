"""The production stack on loopback, from the project's own files: nginx (deploy/nginx with
paths and ports set for the test), gunicorn with 2 workers (deploy/gunicorn.conf.py), the
outbox worker, and a real SMTP server (aiosmtpd)."""

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from cryptography.fernet import Fernet

from formsvc import smtp_sink
from tests.conftest import ROOT, build_site
from tests.formsvc.conftest import free_port
from tests.formsvc.gestion_helpers import PASSWORD

OFFICE_USER = "agent@ville.example"
NGINX_MAIN = """
user root;
daemon off;
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {root}/nginx-access.log;
    client_body_temp_path {root}/tmp/body;
    proxy_temp_path {root}/tmp/proxy;
    fastcgi_temp_path {root}/tmp/fastcgi;
    uwsgi_temp_path {root}/tmp/uwsgi;
    scgi_temp_path {root}/tmp/scgi;
    include {root}/nginx/arras.conf;
}}
"""


def wait_for_port(port, timeout=20, process=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process ended with {process.returncode} before listening")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port}")


class Stack:
    def __init__(self, root, portal_url):
        self.root = Path(root)
        self.nginx_port, self.gunicorn_port, self.smtp_port = free_port(), free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.nginx_port}"
        self.processes = {}
        self.smtp = None
        self.env = {
            **os.environ,
            "FORMSVC_ENV": "production",
            "FORMSVC_DATABASE_URL": f"sqlite:///{self.root / 'formsvc.sqlite3'}",
            "FORMSVC_SECRET_KEY": "integration-secret",
            "FORMSVC_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "FORMSVC_PUBLIC_URL": self.url,
            "FORMSVC_MAIL_FROM": "permanence@ville.example",
            "FORMSVC_OFFICE_EMAIL": "cabinet@ville.example",
            "FORMSVC_SMTP_PORT": str(self.smtp_port),
            "FORMSVC_SMTP_TIMEOUT": "2",
            "FORMSVC_PROXY_COUNT": "1",
            "FORMSVC_RATELIMIT_POST": "1000 per minute",
            "FORMSVC_MIN_FILL_SECONDS": "0",
            "FORMSVC_OUTBOX_POLL_SECONDS": "1",
            "FORMSVC_OUTBOX_BACKOFF_SECONDS": "1",
            "FORMSVC_CONTENT_DATA": str(self.root / "data"),
            "FORMSVC_BIND": f"127.0.0.1:{self.gunicorn_port}",
            "FORMSVC_WORKERS": "2",
        }
        self._prepare(portal_url)

    def _prepare(self, portal_url):
        build_site(self.root / "output")
        shutil.copytree(ROOT / "content/data", self.root / "data")
        demarches = self.root / "data/demarches.toml"
        demarches.write_text(
            demarches.read_text(encoding="utf-8").replace(
                "https://arras-famille.example", portal_url
            ),
            encoding="utf-8",
        )
        (self.root / "nginx").mkdir()
        for name in ("arras.conf", "site.conf", "security-headers.conf"):
            text = (ROOT / "deploy/nginx" / name).read_text(encoding="utf-8")
            text = (
                text.replace("/srv/arras/deploy/nginx/", f"{self.root}/nginx/")
                .replace("/srv/arras/output", str(self.root / "output"))
                .replace("server 127.0.0.1:8001;", f"server 127.0.0.1:{self.gunicorn_port};")
                .replace("listen 80;", f"listen 127.0.0.1:{self.nginx_port};")
            )
            (self.root / "nginx" / name).write_text(text, encoding="utf-8")
        for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.root / "tmp" / folder).mkdir(parents=True)
        (self.root / "nginx.conf").write_text(NGINX_MAIN.format(root=self.root))
        self.flask("db", "upgrade")
        self.flask("gestion", "add-user", OFFICE_USER, input=f"{PASSWORD}\n{PASSWORD}\n")

    def flask(self, *args, input=None):
        command = [sys.executable, "-m", "flask", "--app", "formsvc", *args]
        result = subprocess.run(
            command, cwd=ROOT, env=self.env, input=input, text=True, capture_output=True, timeout=60
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def _spawn(self, name, command):
        with open(self.root / f"{name}.log", "ab") as log:  # the child keeps its own copy
            process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=log)
        self.processes[name] = process
        return process

    def log(self, name):
        return (self.root / f"{name}.log").read_text(errors="replace")

    def start(self):
        self.start_smtp()
        self.start_gunicorn()
        self._spawn("outbox", [sys.executable, "-m", "flask", "--app", "formsvc", "outbox", "run"])
        nginx = self._spawn(
            "nginx", ["nginx", "-p", str(self.root), "-c", str(self.root / "nginx.conf")]
        )
        wait_for_port(self.nginx_port, process=nginx)
        return self

    def start_smtp(self):
        self.smtp = smtp_sink.start(self.smtp_port)

    def stop_smtp(self):
        self.smtp.stop()
        self.smtp = None

    def start_gunicorn(self):
        config = str(ROOT / "deploy/gunicorn.conf.py")
        process = self._spawn("gunicorn", [sys.executable, "-m", "gunicorn", "--config", config])
        wait_for_port(self.gunicorn_port, process=process)

    def stop_gunicorn(self):
        process = self.processes.pop("gunicorn")
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)

    def gunicorn_workers(self):
        master = self.processes["gunicorn"].pid
        found = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True)
        return [int(pid) for pid in found.stdout.split()]

    def mails(self):
        return self.smtp.handler.received() if self.smtp else []

    def wait_for_mails(self, predicate, count, timeout=20):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [m for m in self.mails() if predicate(m)]
            if len(found) >= count:
                time.sleep(1.5)  # long enough for a duplicate to show, were there one
                return [m for m in self.mails() if predicate(m)]
            time.sleep(0.2)
        raise TimeoutError(f"{count} courriel(s) attendu(s), {len(found)} reçu(s)")

    def references(self):
        with sqlite3.connect(self.root / "formsvc.sqlite3") as db:
            return {row[0] for row in db.execute("SELECT reference FROM demandes")}

    def outbox_statuses(self):
        with sqlite3.connect(self.root / "formsvc.sqlite3") as db:
            return [row[0] for row in db.execute("SELECT status FROM outbox")]

    def stop(self):
        if "nginx" in self.processes:
            self.processes["nginx"].send_signal(signal.SIGQUIT)
        for name, process in list(self.processes.items()):
            if name != "nginx":
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        self.processes.clear()
        if self.smtp:
            self.stop_smtp()
