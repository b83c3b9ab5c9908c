"""``flask --app formsvc gestion add-user`` with a terminal open: a script's pipe is read, a
person's typing stays hidden (tests/support/terminal.py says why it matters). The integration
group's own account creation runs the same way (tests/integration/stack.py).
"""

import os
import sys

from tests.support import ROOT
from tests.support.office import AGENT, PASSWORD, Office, secret_in
from tests.support.terminal import Terminal, piped_with_a_terminal_open

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


def test_a_script_pipes_the_password_with_a_terminal_open(app):
    returncode, out, err, shown = piped_with_a_terminal_open(
        COMMAND, f"{PASSWORD}\n{PASSWORD}\n", cwd=ROOT, env=environment(app)
    )
    assert returncode == 0, out + err
    assert shown == b""  # nothing was asked on the terminal: no person is there to answer
    assert "Compte créé : agent@ville.example" in out
    # The account opens with the piped password and the code of the printed secret.
    assert secret_in(out)
    assert Office(app.test_client()).login().headers["Location"] == "/gestion/demandes/"


def test_a_person_types_the_password_twice_without_echo_and_again_after_a_typo(app):
    terminal = Terminal()
    try:
        process = terminal.start(
            COMMAND,
            cwd=ROOT,
            env=environment(app),
            stdin=terminal.slave,
            stdout=terminal.slave,
            stderr=terminal.slave,
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
