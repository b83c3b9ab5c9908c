"""Runs a Pelican build and reports it to an editor: one French line per problem, no traceback.

``pelican`` itself logs an English line and a traceback for any exception, dedups repeated
messages for the life of the process, and prints an English summary. Editors get instead the
lines our plugins log (each names a file and says what to do), and a summary. The traceback
is printed only when ``SITE_DEBUG=1`` is set: it is for developers.
"""

import logging
import os
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from pelican import Pelican
from pelican import log as pelican_log
from pelican.settings import read_settings

from commune.datafiles import DataError
from commune.reglages import setting

logger = logging.getLogger(__name__)

DEBUG = setting(os.environ, "SITE_DEBUG") not in ("", "0")


class StopBuild(Exception):
    """Raised by a plugin once it has logged its problems: nothing more needs saying."""


def is_editor_error(error):
    """True for the errors our plugins raise after logging their French lines.

    Compared by class name: Pelican imports plugins by module name from PLUGIN_PATHS, so a
    plugin's class is not the one an ``import plugins.x`` would give.
    """
    return isinstance(error, StopBuild) or type(error).__name__ in {
        "MetadataError",
        "DataFileError",
        "StopBuild",
    }


def translate(record):
    """The French line for a log record, or None to leave it out."""
    error = record.exc_info[1] if record.exc_info else None
    message = record.getMessage()
    if error is not None and is_editor_error(error):
        return None  # Pelican's "Could not process x": the plugin has said why, in French
    if record.name.startswith("pelican") and message.startswith("Could not process"):
        path = message.removeprefix("Could not process").strip()
        return f"{path} : fichier illisible ({type(error).__name__} : {error})"
    if message.startswith("Cannot get modification stamp"):
        return None  # a missing {static} target: the link checker names the text that links it
    if message.startswith("Unable to find"):
        # The link checker stops the build before Pelican meets a missing target; if one
        # still gets here, say it in French rather than lose it.
        target = message.split("'")[1] if "'" in message else message
        return f"lien vers un fichier introuvable : {target}"
    return message


class Journal(logging.Handler):
    """Collects the warnings and errors of one build as French lines, printing each once."""

    def __init__(self, echo=None):
        super().__init__(logging.WARNING)
        self.echo = echo
        self.lines = []
        self.errors = 0

    def emit(self, record):
        line = translate(record)
        if line is None:
            return
        if record.levelno >= logging.ERROR:
            self.errors += 1
        if line in self.lines:
            return
        self.lines.append(line)
        if self.echo is not None:
            print(line, file=self.echo, flush=True)
            if DEBUG and record.exc_info:
                traceback.print_exception(*record.exc_info, file=self.echo)


@dataclass
class Report:
    """What a build did: ``ok`` when it wrote a complete site without any error."""

    ok: bool = False
    lines: list = field(default_factory=list)
    seconds: float = 0.0
    pelican: Pelican | None = None


def reset_pelican_logging():
    """Forget the messages Pelican's log filter has already let through.

    Its filter drops a message it has seen once, for the life of the process: a long-running
    preview would otherwise show an error the first time only.
    """
    limit = pelican_log.LimitFilter
    limit._raised_messages.clear()
    limit._group_count.clear()
    pelican_log.FatalLogger.fatal_lvl = logging.CRITICAL + 1  # errors are counted, not raised


def describe(error, root):
    """One French line for an exception that stopped the build."""
    if isinstance(error, DataError):
        path = Path(error.path)
        shown = os.path.relpath(path, root) if path.is_absolute() else str(path)
        return str(DataError(shown, error.problem, error.field, error.entry))
    name = type(error).__name__
    if name == "TemplateSyntaxError":
        return f"{error.filename or error.name}, ligne {error.lineno} : gabarit invalide ({error})"
    where = template_line(error, root)
    if where:  # an error while a template renders (Jinja puts the template in the traceback)
        return f"{where} : le gabarit a échoué ({name} : {error})"
    if isinstance(error, OSError) and error.filename:
        return f"{error.filename} : {error.strerror}"
    return (
        f"erreur inattendue pendant la construction ({name} : {error}). "
        "Relancez avec SITE_DEBUG=1 pour le détail technique."
    )


def seconds_fr(seconds):
    """``1.25`` → ``"1,3 s"``: a duration as the French write it."""
    return f"{seconds:.1f} s".replace(".", ",")


def template_line(error, root):
    """``theme/templates/x.html, ligne 12``: the innermost template of a traceback, or None."""
    found = None
    for frame, line in traceback.walk_tb(error.__traceback__):
        filename = frame.f_code.co_filename
        if filename.endswith((".html", ".xml", ".txt")):
            found = f"{os.path.relpath(filename, root)}, ligne {line}"
    return found


def load_settings(settings_file, override):
    """Pelican's settings for ``settings_file`` with ``override``; raises DataError on bad data."""
    return read_settings(str(settings_file), override=override)


def run(settings, echo="stdout", strict=False, pelican_class=Pelican, root=None):
    """Build once with ``settings``; return a Report. Never raises for an editor's mistake.

    ``echo``: where each line is printed as it comes (None: nowhere); by default the standard
    output of the moment, which a caller may have redirected. ``strict`` (publication): a
    warning fails the build as an error does.
    """
    if echo == "stdout":
        echo = sys.stdout
    root = Path(root or Path(settings["PATH"]).resolve().parent)
    # Pelican's DEBUG only attaches the exception to its "Could not process" record, so
    # that the journal can tell a plugin's reported mistake from an unexpected failure.
    settings = {**settings, "DEBUG": True}
    report, journal = Report(), Journal(echo)
    reset_pelican_logging()
    pelican_log.console.quiet = True  # Pelican's English summary: ours follows
    logging.getLogger().addHandler(journal)
    start = time.perf_counter()
    try:
        report.pelican = pelican_class(settings)
        report.pelican.run()
        report.ok = journal.errors == 0 and not (strict and journal.lines)
    except Exception as error:  # an editor's mistake or a bug: one line either way
        if not is_editor_error(error):
            line = describe(error, root)
            journal.lines.append(line)
            if echo is not None:
                print(line, file=echo, flush=True)
                if DEBUG:
                    traceback.print_exc(file=echo)
    finally:
        logging.getLogger().removeHandler(journal)
        report.seconds = time.perf_counter() - start
        report.lines = journal.lines
    return report
