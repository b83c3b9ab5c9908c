"""Saves become rebuilds: every save is built, and a save during a build gets one more build.

The watcher (watchfiles, on inotify: no CPU while nothing changes) hands changed paths to
the builder thread. Once a build is done and nothing new arrived for a short while, the
builder writes the site out, checks its links and indexes it for search; a new save
interrupts that. A change to the build's own code (plugins, settings) restarts the preview.
"""

import os
import sys
import threading
from pathlib import Path

import watchfiles

QUIET = 0.3  # seconds without a save before writing out and checking the whole site
IGNORED_SUFFIXES = (".swp", ".swx", ".tmp", ".part", "~")


def relevant(path):
    """False for editors' temporary and backup files and Python's caches."""
    name = os.path.basename(path)
    return not (
        name.startswith((".", "#"))
        or name.endswith(IGNORED_SUFFIXES)
        or name == "4913"  # vim's test file
        or "__pycache__" in Path(path).parts
    )


class Builder(threading.Thread):
    """Builds the preview's engine on each batch of changed paths, then writes it out."""

    def __init__(self, engine, code_paths=(), restart=None):
        super().__init__(name="apercu-builder", daemon=True)
        self.engine = engine
        self.code_paths = tuple(str(Path(p).resolve()) for p in code_paths)
        self.restart = restart or restart_process
        self.pending, self.lock = set(), threading.Lock()
        self.wake = threading.Event()
        self.stopping = threading.Event()
        self.building = True  # until the first build is done

    def notify(self, paths):
        with self.lock:
            self.pending |= {str(p) for p in paths}
        self.wake.set()

    @property
    def busy(self):
        """True while a save is waiting, being built, or being written out and checked."""
        current = self.engine.current
        written = current is None or self.engine.materialized == current.number
        return self.wake.is_set() or self.building or not (written or self.engine.errors)

    def run(self):
        # The watcher runs already: a save made during this first build is the next one.
        self._safely(self.engine.build)
        self.building = False
        while not self.stopping.is_set():
            if not self.wake.wait(QUIET):
                self._safely(self.engine.materialize, cancelled=self.wake.is_set)
                # Then sleep until a save, or until a scheduled article's date comes: it is
                # then published, and listed (a full build).
                if not self.wake.wait(self.engine.seconds_to_next_date()):
                    self.building = True
                    self._safely(self.engine.build)
                    self.building = False
                    continue
            if self.stopping.is_set():
                return
            with self.lock:
                changed, self.pending = self.pending, set()
                self.wake.clear()
            if any(str(Path(p).resolve()).startswith(self.code_paths) for p in changed):
                self.restart()
                return
            self.building = True
            try:
                self._safely(self.engine.build, changed)
            finally:
                self.building = False

    def _safely(self, step, *args, **kwargs):
        """Run a step of the loop; an unexpected error is shown, never ends the loop."""
        try:
            step(*args, **kwargs)
        except Exception as error:  # a template that fails, a disk full…: keep watching
            self.engine.report_failure(error)

    def stop(self):
        self.stopping.set()
        self.wake.set()


def restart_process():
    """Start the preview again from scratch: the build's code or settings changed."""
    print("Le code ou les réglages du site ont changé : l'aperçu redémarre.", flush=True)
    os.execv(sys.executable, [sys.executable, *sys.orig_argv[1:]])


def watch(paths, builder, stop):
    """Feed ``builder`` with the changes under ``paths`` until ``stop`` is set."""
    roots = [str(p) for p in paths if Path(p).exists()]
    for changes in watchfiles.watch(
        *roots,
        watch_filter=lambda change, path: relevant(path),
        stop_event=stop,
        debounce=1600,
        step=50,  # ms of quiet after a save before it is handed over
        raise_interrupt=False,
    ):
        builder.notify(path for _change, path in changes)
