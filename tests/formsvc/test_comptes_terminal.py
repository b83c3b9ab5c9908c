"""``flask --app formsvc gestion add-user`` with a terminal open: a script's pipe is read, a
person's typing stays hidden.

click's hidden prompt reads the controlling terminal, not standard input: a script writing the
password to the command's stdin (as tests/integration/stack.py does) waited for a person as
soon as the tests were started from a terminal. Each test runs the command as a child in a
session of its own whose controlling terminal is a pseudo-terminal, as a shell would.
"""

import os
import pty
import select
import subprocess
import sys
import time

from tests.support import ROOT
from tests.support.office import AGENT, PASSWORD, Office, secret_in

COMMAND = [sys.executable, "-m", "flask", "--app", "formsvc", "gestion", "add-user", AGENT]


def environment(app):
    """The app's settings as an operator's shell would give them to the command."""
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("FORMSVC_")},
        "FORMSVC_DATABASE_URL": app.config["DATABASE_URL"],
        "FORMSVC_SECRET_KEY": app.config["SECRET_KEY"],
        "FORMSVC_ENCRYPTION_KEYS": app.config["ENCRYPTION_KEYS"],
        "FORMSVC_CONTENT_DATA": app.config["CONTENT_DATA"],
    }


class Terminal:
    """A pseudo-terminal: ``start`` runs a command with it as its controlling terminal."""

    def __init__(self):
        self.master, self.slave = pty.openpty()
        self.shown = b""
        self.read = 0  # where the next ``read_until`` looks from

    def start(self, app, **streams):
        name = os.ttyname(self.slave)

        def take_terminal():
            # In the new session (start_new_session), opening the tty makes it the
            # controlling one, as a login shell's terminal is for what it runs.
            os.close(os.open(name, os.O_RDWR))

        return subprocess.Popen(
            COMMAND,
            cwd=ROOT,
            env=environment(app),
            start_new_session=True,
            preexec_fn=take_terminal,
            **streams,
        )

    def read_until(self, text, process, timeout=60):
        """Everything the terminal showed, once ``text`` appeared after what the previous call
        found; fail if the command ends first."""
        deadline = time.monotonic() + timeout
        while (found := self.shown.find(text.encode(), self.read)) < 0:
            assert time.monotonic() < deadline, f"pas de {text!r} à l'écran : {self.shown!r}"
            if select.select([self.master], [], [], 0.1)[0]:
                self.shown += os.read(self.master, 4096)
            elif process.poll() is not None:
                raise AssertionError(f"commande finie ({process.returncode}) : {self.shown!r}")
        self.read = found + len(text.encode())
        return self.shown.decode(errors="replace")

    def type(self, text):
        os.write(self.master, text.encode())

    def close(self):
        os.close(self.master)
        os.close(self.slave)


def test_a_script_pipes_the_password_with_a_terminal_open(app):
    terminal = Terminal()
    try:
        process = terminal.start(
            app, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        try:
            out, err = process.communicate(f"{PASSWORD}\n{PASSWORD}\n".encode(), timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            raise AssertionError("add-user attend au terminal au lieu de lire le tube") from None
        # Nothing was asked on the terminal: no person is there to answer.
        while select.select([terminal.master], [], [], 0)[0]:
            terminal.shown += os.read(terminal.master, 4096)
    finally:
        terminal.close()
    assert process.returncode == 0, (out + err).decode()
    assert terminal.shown == b""
    assert "Compte créé : agent@ville.example" in out.decode()
    # The account opens with the piped password and the code of the printed secret.
    assert secret_in(out.decode())
    assert Office(app.test_client()).login().headers["Location"] == "/gestion/demandes/"


def test_a_person_types_the_password_twice_without_echo_and_again_after_a_typo(app):
    terminal = Terminal()
    try:
        process = terminal.start(
            app, stdin=terminal.slave, stdout=terminal.slave, stderr=terminal.slave
        )
        terminal.read_until("Mot de passe", process)
        terminal.type(f"{PASSWORD}\n")
        terminal.read_until("encore", process)
        terminal.type("une faute de frappe\n")
        terminal.read_until("Les deux mots de passe diffèrent : recommencez.", process)
        terminal.read_until("Mot de passe", process)
        terminal.type(f"{PASSWORD}\n")
        terminal.read_until("encore", process)
        terminal.type(f"{PASSWORD}\n")
        shown = terminal.read_until("Codes de secours", process)
        assert process.wait(timeout=60) == 0
    finally:
        terminal.close()
    assert "Compte créé : agent@ville.example" in shown
    assert PASSWORD not in shown and "faute de frappe" not in shown  # typed, never shown
    assert Office(app.test_client()).login().headers["Location"] == "/gestion/demandes/"
