"""Commands run as a shell in a terminal runs them: in a session of their own whose
controlling terminal is a pseudo-terminal.

click's hidden prompt reads the controlling terminal, not standard input: a script writing a
password to a command's stdin waited for a person as soon as the tests were started from a
terminal, and never in CI, which has none. The tests give every such command a terminal, so
CI sees what a developer's terminal would make of it.
"""

import os
import pty
import select
import subprocess
import time


class Terminal:
    """A pseudo-terminal: ``start`` runs a command with it as its controlling terminal."""

    def __init__(self):
        self.master, self.slave = pty.openpty()
        self.shown = b""
        self.read = 0  # where the next ``read_until`` looks from

    def start(self, command, **popen):
        name = os.ttyname(self.slave)

        def take_terminal():
            # In the new session (start_new_session), opening the tty makes it the
            # controlling one, as a login shell's terminal is for what it runs.
            os.close(os.open(name, os.O_RDWR))

        return subprocess.Popen(command, start_new_session=True, preexec_fn=take_terminal, **popen)

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

    def drain(self):
        """Read what the terminal shows now, without waiting."""
        while select.select([self.master], [], [], 0)[0]:
            self.shown += os.read(self.master, 4096)
        return self.shown

    def type(self, text):
        os.write(self.master, text.encode())

    def close(self):
        os.close(self.master)
        os.close(self.slave)


def piped_with_a_terminal_open(command, input, timeout=60, **popen):
    """Run ``command`` as a script does from a terminal: ``input`` on a pipe, a terminal open.

    Returns (returncode, stdout, stderr, what the terminal showed); fails when the command
    waits at the terminal instead of reading the pipe (it would wait for a person)."""
    terminal = Terminal()
    try:
        process = terminal.start(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            **popen,
        )
        try:
            out, err = process.communicate(input, timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            raise AssertionError(
                f"{' '.join(command[-3:])} attend au terminal au lieu de lire le tube"
            ) from None
        return process.returncode, out, err, terminal.drain()
    finally:
        terminal.close()
