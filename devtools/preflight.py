"""What ``make`` checks on the system before it installs or runs anything.

    python3 devtools/preflight.py venv|test|bench [GOAL]

It runs with the system's python3, before the virtualenv exists: the standard library only.
Each need is a Debian 12 package and how to tell it is installed. When some are missing, root
with apt-get installs them (``apt-get update`` once, then ``apt-get install -y``) and looks
again; anyone else, or a failed installation, gets one French line with the exact command to
type, and exit status 1, so that make stops before any test starts. GOAL is the make target to
name in that line (default: the group's name).
"""

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

# Where tests/servers.py runs PostgreSQL from (tests/test_preflight.py keeps the two equal).
PG_BIN = Path("/usr/lib/postgresql/15/bin")
# Where the browser tests launch Chromium from (Playwright cannot download one here).
CHROMIUM = Path("/usr/bin/chromium")
# Root's PATH has the sbin folders, a user's often not: a user is told what `sudo make` will find.
SBIN = ("/usr/local/sbin", "/usr/sbin", "/sbin")


def command(name):
    def found():
        path = os.environ.get("PATH", os.defpath)
        if os.geteuid() != 0:
            path = os.pathsep.join([path, *SBIN])
        return shutil.which(name, path=path) is not None

    return found


def executable(path):
    return lambda: os.access(path, os.X_OK)


def module(name):
    return lambda: importlib.util.find_spec(name) is not None


# (Debian package, the checks that tell it is there), with what needs it.
# Debian's python3 makes no virtualenv without ensurepip, which python3-venv holds.
PYTHON_VENV = ("python3-venv", [module("ensurepip")])
# `invoke publish` copies the site with rsync (tests/site/test_publish.py).
RSYNC = ("rsync", [command("rsync")])
# The integration tests and the flood benchmark run deploy/nginx.
NGINX = ("nginx", [command("nginx")])
# formsvc's tests on PostgreSQL, the scale-out tests, the benchmark (tests/servers.py).
POSTGRESQL = (
    "postgresql-15",
    [executable(PG_BIN / name) for name in ("initdb", "pg_ctl", "pg_dump")],
)
# The rate limits' shared counts; redis-cli tells when the server is up and stops it.
REDIS = ("redis-server", [command("redis-server")])
REDIS_CLI = ("redis-tools", [command("redis-cli")])
# Browser tests: axe-core, keyboard, reflow, search.
BROWSER = ("chromium", [executable(CHROMIUM)])
# The Nu Html Checker (vnu.jar) of the build's HTML checks, fetched by npm (package.json).
JAVA = ("openjdk-17-jre-headless", [command("java")])
NPM = ("npm", [command("npm")])
# pgrep counts gunicorn's workers; runuser starts PostgreSQL as the postgres user.
PROCPS = ("procps", [command("pgrep")])
RUNUSER = ("util-linux", [command("runuser")])
# The load benchmark (bench/formsvc.py), which the tests also run for a second per case so
# that it cannot break unnoticed (tests/test_bench.py).
WRK = ("wrk", [command("wrk")])

GROUPS = {
    "venv": [PYTHON_VENV],
    "test": [
        PYTHON_VENV,
        RSYNC,
        NGINX,
        POSTGRESQL,
        REDIS,
        REDIS_CLI,
        BROWSER,
        JAVA,
        NPM,
        PROCPS,
        RUNUSER,
        WRK,
    ],
    "bench": [PYTHON_VENV, NGINX, POSTGRESQL, REDIS, REDIS_CLI, PROCPS, RUNUSER, WRK],
}
FOR_WHAT = {
    "venv": "pour créer l'environnement Python (.venv)",
    "test": "pour les tests",
    "bench": "pour les mesures",
}
# PostgreSQL starts as the postgres user (runuser) and nginx as root: these run as root only.
AS_ROOT = {"test", "bench"}


def missing(group):
    return [package for package, checks in GROUPS[group] if not all(c() for c in checks)]


def install(packages):
    """apt-get, quietly: one line naming the packages; apt-get's own errors stay on stderr."""
    print(f"Installation des paquets système manquants : {', '.join(packages)}", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for step in (["update", "-q"], ["install", "-y", "-q", *packages]):
        done = subprocess.run(["apt-get", *step], env=env, stdout=subprocess.DEVNULL, check=False)
        if done.returncode != 0:
            return


def main(argv):
    if len(argv) not in (2, 3) or argv[1] not in GROUPS:
        sys.exit(f"usage : python3 devtools/preflight.py {'|'.join(GROUPS)} [cible de make]")
    group = argv[1]
    goal = argv[2] if len(argv) == 3 else group
    root = os.geteuid() == 0
    lacking = missing(group)
    if lacking and root and shutil.which("apt-get"):
        install(lacking)
        lacking = missing(group)
    again = f"sudo make {goal}" if group in AS_ROOT and not root else f"make {goal}"
    if lacking:
        sudo = "" if root else "sudo "
        sys.exit(
            f"Il manque des paquets système {FOR_WHAT[group]} ({', '.join(lacking)}) : "
            f"lancez « {sudo}apt-get install -y {' '.join(lacking)} », puis relancez « {again} »."
        )
    if group in AS_ROOT and not root:
        sys.exit(
            f"make {goal} démarre PostgreSQL (sous l'utilisateur postgres) et nginx, "
            f"ce que seul root peut faire : lancez « {again} »."
        )


if __name__ == "__main__":
    main(sys.argv)
