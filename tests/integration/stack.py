"""The production stack on loopback, from the project's own files: nginx (deploy/nginx with
paths and ports set for the test), gunicorn with 2 workers (deploy/gunicorn.conf.py), the
outbox worker, Redis for the rate limits' counts, and a real SMTP server (aiosmtpd)."""

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet
from sqlalchemy import create_engine, text

from devtools import smtp_sink
from tests.servers import Redis
from tests.support import ROOT, free_port, wait_for_port, wait_until
from tests.support.office import AGENT, PASSWORD, secret_in
from tests.support.site import build_site
from tests.support.terminal import piped_with_a_terminal_open

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
    include {root}/nginx/http.conf;
}}
"""


class Stack:
    """``instances`` formsvc instances (each a gunicorn with FORMSVC_WORKERS workers) and
    ``outbox_workers`` workers, on SQLite by default or on ``database_url``, with the rate
    limits' counts in a Redis of its own as in production, or in the one at ``redis_url``.
    ``post_limit`` None leaves FORMSVC_RATELIMIT_POST to its documented default."""

    def __init__(
        self,
        root,
        portal_url,
        database_url=None,
        redis_url=None,
        instances=1,
        outbox_workers=1,
        workers=2,
        post_limit="1000 per minute",
    ):
        self.root = Path(root)
        self.nginx_port, self.smtp_port = free_port(), free_port()
        self.gunicorn_ports = [free_port() for _ in range(instances)]
        self.gunicorn_port = self.gunicorn_ports[0]
        self.outbox_workers = outbox_workers
        self.url = f"http://127.0.0.1:{self.nginx_port}"
        self.processes = {}
        self.smtp = None
        self.redis = None if redis_url else Redis()
        self.env = {
            # Only the settings below: none left over from the shell running the tests.
            **{k: v for k, v in os.environ.items() if not k.startswith("FORMSVC_")},
            "FORMSVC_ENV": "production",
            "FORMSVC_DATABASE_URL": database_url or f"sqlite:///{self.root / 'formsvc.sqlite3'}",
            "FORMSVC_RATELIMIT_STORAGE_URI": redis_url or self.redis.url,
            "FORMSVC_SECRET_KEY": "integration-secret",
            "FORMSVC_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "FORMSVC_PUBLIC_URL": self.url,
            "FORMSVC_MAIL_FROM": "permanence@ville.example",
            "FORMSVC_OFFICE_EMAIL": "cabinet@ville.example",
            "FORMSVC_SMTP_PORT": str(self.smtp_port),
            "FORMSVC_SMTP_TIMEOUT": "2",
            "FORMSVC_PROXY_COUNT": "1",
            "FORMSVC_MIN_FILL_SECONDS": "0",
            "FORMSVC_OUTBOX_POLL_SECONDS": "1",
            "FORMSVC_OUTBOX_BACKOFF_SECONDS": "1",
            "FORMSVC_CONTENT_DATA": str(self.root / "data"),
            "FORMSVC_WORKERS": str(workers),
            "FORMSVC_ARGON2_TIME_COST": "1",  # the lowest cost: the tests sign in often
            "FORMSVC_ARGON2_MEMORY_COST": "32",
        }
        if post_limit:
            self.env["FORMSVC_RATELIMIT_POST"] = post_limit
        try:
            self._prepare(portal_url)
        except BaseException:
            self.stop()  # the Redis started above
            raise

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
        for conf in (ROOT / "deploy/nginx").glob("*.conf"):
            text = conf.read_text(encoding="utf-8")
            text = (
                text.replace("/srv/site/deploy/nginx/", f"{self.root}/nginx/")
                .replace("/srv/site/output", str(self.root / "output"))
                .replace(
                    "server 127.0.0.1:8001;",
                    " ".join(f"server 127.0.0.1:{port};" for port in self.gunicorn_ports),
                )
                .replace("listen 80;", f"listen 127.0.0.1:{self.nginx_port};")
            )
            (self.root / "nginx" / conf.name).write_text(text, encoding="utf-8")
        for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.root / "tmp" / folder).mkdir(parents=True)
        (self.root / "nginx.conf").write_text(NGINX_MAIN.format(root=self.root))
        self.flask("db", "upgrade")
        # As an operator's script does it, with a terminal open (the command must read the
        # pipe, not wait at the terminal: tests/support/terminal.py), even in CI.
        returncode, added, err, _shown = piped_with_a_terminal_open(
            [sys.executable, "-m", "flask", "--app", "formsvc", "gestion", "add-user", AGENT],
            f"{PASSWORD}\n{PASSWORD}\n",
            cwd=ROOT,
            env=self.env,
        )
        assert returncode == 0, added + err
        self.office_secret = secret_in(added)  # what the agent's app holds, for the codes

    def flask(self, *args, input=None):
        command = [sys.executable, "-m", "flask", "--app", "formsvc", *args]
        result = subprocess.run(
            command, cwd=ROOT, env=self.env, input=input, text=True, capture_output=True, timeout=60
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def _spawn(self, name, command, **env):
        with open(self.root / f"{name}.log", "ab") as log:  # the child keeps its own copy
            process = subprocess.Popen(
                command, cwd=ROOT, env={**self.env, **env}, stdout=log, stderr=log
            )
        self.processes[name] = process
        return process

    def log(self, name):
        return (self.root / f"{name}.log").read_text(errors="replace")

    def start(self):
        self.start_smtp()
        for instance in range(len(self.gunicorn_ports)):
            self.start_gunicorn(instance)
        self.start_outbox_workers()
        nginx = self._spawn(
            "nginx", ["nginx", "-p", str(self.root), "-c", str(self.root / "nginx.conf")]
        )
        wait_for_port(self.nginx_port, process=nginx)
        return self

    def reload_nginx(self):
        """What deploy/systemd/site-redirections.path does after a publication."""
        nginx = ["nginx", "-p", str(self.root), "-c", str(self.root / "nginx.conf")]
        subprocess.run([*nginx, "-s", "reload"], check=True, capture_output=True, timeout=30)

    def start_outbox_workers(self):
        for n in range(self.outbox_workers):
            self._spawn(
                f"outbox{n}", [sys.executable, "-m", "flask", "--app", "formsvc", "outbox", "run"]
            )

    def stop_outbox_workers(self):
        """SIGTERM each worker and wait for it to exit: a worker ends the pass it is in (every
        mail it claimed is sent or given back) before it stops (formsvc.outbox.run)."""
        for n in range(self.outbox_workers):
            process = self.processes.pop(f"outbox{n}")
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=60) == 0, self.log(f"outbox{n}")

    def start_smtp(self):
        self.smtp = smtp_sink.start(self.smtp_port)

    def stop_smtp(self):
        self.smtp.stop()
        self.smtp = None

    def start_gunicorn(self, instance=0):
        self.gunicorn(f"gunicorn{instance}", self.gunicorn_ports[instance])

    def gunicorn(self, name, port, **env):
        """Start formsvc under gunicorn (deploy/gunicorn.conf.py) on ``port``, with the stack's
        settings and ``env``; its log is ``self.log(name)``."""
        config = str(ROOT / "deploy/gunicorn.conf.py")
        process = self._spawn(
            name,
            [sys.executable, "-m", "gunicorn", "--config", config],
            FORMSVC_BIND=f"127.0.0.1:{port}",
            **env,
        )
        wait_for_port(port, process=process)
        return process

    def stop_gunicorn(self, instance=0, name=None):
        process = self.processes.pop(name or f"gunicorn{instance}")
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)

    def gunicorn_workers(self, instance=0):
        master = self.processes[f"gunicorn{instance}"].pid
        found = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True)
        return [int(pid) for pid in found.stdout.split()]

    def mails(self):
        return self.smtp.handler.received() if self.smtp else []

    def wait_for_mails(self, predicate, count, timeout=20):
        """The mails matching ``predicate``, once ``count`` of them have arrived and every
        pass the outbox workers had begun has ended: a mail that pass sent twice would then be
        among them. A pass is seen to end as its worker stops (it stops between passes); the
        workers are then started again."""

        def matching():
            return [m for m in self.mails() if predicate(m)]

        wait_until(
            lambda: len(matching()) >= count,
            timeout,
            lambda: f"{count} mail(s) expected, {len(matching())} received",
            interval=0.2,
        )
        self.stop_outbox_workers()
        self.start_outbox_workers()
        return matching()

    def query(self, sql):
        """Rows of ``sql`` on the stack's database, whichever it is."""
        engine = create_engine(self.env["FORMSVC_DATABASE_URL"])
        try:
            with engine.connect() as connection:
                return connection.execute(text(sql)).all()
        finally:
            engine.dispose()

    def references(self):
        return {row[0] for row in self.query("SELECT reference FROM demandes")}

    def outbox_statuses(self):
        return [row[0] for row in self.query("SELECT status FROM outbox")]

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
        if self.redis:
            self.redis.close()
