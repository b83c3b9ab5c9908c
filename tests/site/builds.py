"""Building a copy of content/ as ``invoke build`` and ``invoke publish`` do: French lines."""

import contextlib
import dataclasses
import io
import os
import subprocess
import sys

from formsvc.echantillon import rendering
from publication import construction, publier
from tests.support import ROOT


def build(content, output, settings_file="pelicanconf.py", strict=False, **override):
    """Build ``content`` into ``output``; return the Report (``.ok``, ``.lines``)."""
    settings = construction.load_settings(
        ROOT / settings_file,
        {
            "PATH": str(content),
            "OUTPUT_PATH": str(output),
            "CACHE_PATH": str(output.parent / (output.name + "-cache")),
            "LOAD_CONTENT_CACHE": False,
            "SEARCH_INDEX": False,
            **override,
        },
    )
    return construction.run(settings, echo=None, strict=strict)


def invoke_publish(target, content=None, *options):
    """Run the command `invoke publish` into ``target`` (of ``content``, the real one by
    default), as an editor types it; the finished process, with stdout and stderr together in
    ``.output``. Seconds each (a new Python, a JVM): for the few tests of the command itself."""
    command = [sys.executable, "-m", "invoke", "publish", *options]
    if content:
        command += ["--content", str(content)]
    env = {**os.environ, "SITE_PUBLISH_TARGET": str(target)}
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    result.output = result.stdout + result.stderr
    assert "Traceback" not in result.output
    return result


@dataclasses.dataclass
class Published:
    """What a publication ended with: its exit code and every line it printed."""

    returncode: int
    output: str


def without_page_checks(settings, folder):
    """For the tests of the other steps: the HTML validator and the RGAA checks (a JVM and a
    throwaway formsvc, seconds each) have their own tests."""


def publish(target, content=None, *, check_pages=False, **options):
    """`invoke publish` in this process (the function the task wraps) into ``target``: the
    exit code and the lines the command would give. The checks that read every page (HTML,
    RGAA) run only with ``check_pages``, as the command runs them.
    ``options``: ``allow_placeholders``, ``allow_late``, as the command's flags."""
    printed, code = io.StringIO(), 0
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        try:
            checks = publier.page_checks(rendering) if check_pages else without_page_checks
            publier.publish(ROOT, str(target), checks, content, **options)
        except SystemExit as stop:  # a refusal: sys.exit("why"), which prints it and exits 1
            print(stop.code, file=printed)
            code = 1
    return Published(code, printed.getvalue())


def publish_anyway(target, content=None, **options):
    """Publish although the seed's contacts are still to confirm (tested apart)."""
    return publish(target, content, allow_placeholders=True, **options)


def write(content, relative, text):
    path = content / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def article(title="Fête de la musique", date="2013-06-21", body="Des concerts partout.", **more):
    """The text of an article with every required field, plus ``more`` (``Status``…)."""
    extra = "".join(f"{field}: {value}\n" for field, value in more.items())
    return (
        f"Title: {title}\nDate: {date}\nCategory: Vie municipale\n"
        f"Summary: Concerts dans toute la ville.\n{extra}\n{body}\n"
    )
