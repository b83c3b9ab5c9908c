"""`make test` checks the system packages the tests need before it installs or runs anything
(devtools/preflight.py), and `make help` lists the targets."""

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from devtools import preflight
from tests.servers import PG_BIN
from tests.support import ROOT

# The system's own folders, as on a fresh Debian 12: no pyenv, no virtualenv in front.
SYSTEM_PATH = ("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")


@pytest.fixture
def path_without_rsync():
    """A PATH folder with every system command but rsync, and without apt-get, so that root
    cannot install rsync either; readable by every user."""
    with tempfile.TemporaryDirectory(prefix="site-path-") as folder:
        folder = Path(folder)
        folder.chmod(0o755)
        for system in map(Path, SYSTEM_PATH):
            for command in system.iterdir() if system.is_dir() else ():
                link = folder / command.name
                if command.name not in {"rsync", "apt-get"} and not link.exists():
                    link.symlink_to(command)
        assert shutil.which("rsync", path=str(folder)) is None
        yield folder


def stand_in_for_the_tests(tmp_path):
    """Make variables that send `make test`, once its check passes, to a stand-in `invoke`
    that only records it was called: the real suite is not started again from inside itself.
    Returns them and the file the stand-in writes."""
    bin_folder, called = tmp_path / "bin", tmp_path / "invoke-called"
    bin_folder.mkdir()
    invoke = bin_folder / "invoke"
    invoke.write_text(f'#!/bin/sh\necho "$@" > {called}\n')
    invoke.chmod(0o755)
    return [f"BIN={bin_folder}", f"VNU={tmp_path / 'vnu.jar'}"], called


MESSAGE = re.compile(
    r"Il manque des paquets système pour les tests \((?P<named>[^)]+)\) : lancez "
    r"« (?P<sudo>(?:sudo )?)apt-get install -y (?P<command>[^»]+) », puis relancez "
    r"« (?P=sudo)make test »\."
)


def missing_packages(line, sudo):
    """The packages the one line names, checked against the command it gives. Debian's own
    python3 (the one a bare PATH finds) may lack python3-venv where the tests' Python has
    it: that package may be named too, as on a fresh machine; nothing else may."""
    found = MESSAGE.fullmatch(line)
    assert found, line
    assert found["sudo"] == sudo
    named = found["named"].split(", ")
    assert found["command"].split(" ") == named
    return [package for package in named if package != "python3-venv"]


def run_make(*args, path=None):
    # As typed in a terminal, even when the tests themselves run under `make -s test`.
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}}
    if path:
        env["PATH"] = str(path)
    return subprocess.run(
        ["make", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_make_test_without_rsync_stops_with_one_line_before_anything(tmp_path, path_without_rsync):
    variables, called = stand_in_for_the_tests(tmp_path)
    venv = tmp_path / "venv"
    result = run_make("test", f"VENV={venv}", *variables, path=path_without_rsync)
    assert result.returncode != 0
    assert result.stdout == ""
    # make's own last line ("make: *** [Makefile…] Error 1") aside, one French line.
    ours = [line for line in result.stderr.splitlines() if not line.startswith("make: ")]
    assert len(ours) == 1, ours
    assert missing_packages(ours[0], sudo="") == ["rsync"]
    assert not venv.exists(), "the virtualenv was made before the check"
    assert not called.exists(), "the tests were started"


def test_a_user_who_is_not_root_is_given_the_sudo_commands(path_without_rsync):
    script = path_without_rsync / "preflight.py"  # where any user can read it
    shutil.copy(ROOT / "devtools" / "preflight.py", script)
    result = subprocess.run(
        ["runuser", "-u", "nobody", "--", "/usr/bin/python3", str(script), "test"],
        env={"PATH": str(path_without_rsync)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert missing_packages(lines[0], sudo="sudo ") == ["rsync"]


def test_make_test_with_every_package_checks_quietly_then_runs_the_tests(tmp_path):
    variables, called = stand_in_for_the_tests(tmp_path)
    installed = tmp_path / "installed"
    for made in (installed, tmp_path / "vnu.jar"):  # newer than pyproject.toml, package.json
        made.touch()
    result = run_make("test", f"INSTALLED={installed}", *variables)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (result.stdout, result.stderr) == (f"{tmp_path}/bin/invoke test\n", "")
    assert called.read_text() == "test\n"


def test_make_test_installs_what_every_bench_needs_since_it_runs_them():
    """tests/test_bench.py runs each bench briefly: a fresh machine (CI) needs wrk for
    `make test` as much as for `make bench`."""
    bench, test = ({package for package, _checks in preflight.GROUPS[g]} for g in ("bench", "test"))
    assert bench - test == set()


def test_the_check_looks_for_postgresql_where_the_tests_run_it():
    assert preflight.PG_BIN == PG_BIN


def test_make_help_lists_the_targets_with_a_french_line_each():
    result = run_make("help")
    assert result.returncode == 0
    lines = {line.split()[1]: line for line in result.stdout.splitlines()}
    assert {"serve", "test", "bench", "production", "clean", "help"} <= set(lines)
    assert "tous les tests" in lines["test"]
    assert "PORT=" in lines["serve"]
