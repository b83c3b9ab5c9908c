"""``python -m apercu``: the editors' preview, as ``make serve`` (``invoke dev``) starts it."""

import argparse
import signal
import sys
import threading
from pathlib import Path

from werkzeug.serving import WSGIRequestHandler, make_server

from apercu.engine import Engine
from apercu.server import PreviewSite, ensure_free
from apercu.watcher import Builder, watch

ROOT = Path(__file__).resolve().parent.parent
# The build's own code: a change there restarts the preview (a rebuild would not reload it).
CODE = ["plugins", "commune", "publication", "apercu", "pelicanconf.py"]


class QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):
        pass  # the editor's terminal shows builds and errors, not every request


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m apercu", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--settings", default=str(ROOT / "pelicanconf.py"))
    parser.add_argument("--content", default=str(ROOT / "content"))
    parser.add_argument("--output", default=str(ROOT / "output"))
    parser.add_argument("--sans-formsvc", action="store_true", help="the static site only")
    return parser.parse_args(argv)


def theme_of(engine):
    """The theme folder the settings name (the project's theme if they cannot be read)."""
    try:
        return Path(engine.settings()["THEME"]).resolve()
    except Exception:  # the first build reports the problem
        return ROOT / "theme"


def main(argv=None):
    args = parse_args(argv)
    content, output = Path(args.content).resolve(), Path(args.output).resolve()
    override = {
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "CACHE_PATH": str(output.parent / ".pelican-cache"),
        "SITE_ORIGIN": f"http://{args.host}:{args.port}",
        "FEED_DOMAIN": f"http://{args.host}:{args.port}",
    }
    engine = Engine(args.settings, override, echo=sys.stdout)
    formsvc = None
    if not args.sans_formsvc:
        from formsvc import create_app

        formsvc = create_app()
    builder = Builder(engine, code_paths=[ROOT / name for name in CODE])
    ensure_free(args.host, args.port)
    server = make_server(
        args.host,
        args.port,
        PreviewSite(engine, builder, formsvc),
        threaded=True,
        request_handler=QuietHandler,
    )
    stop = threading.Event()
    watched = [content, theme_of(engine), *(ROOT / name for name in CODE)]
    watcher = threading.Thread(target=watch, args=(watched, builder, stop), daemon=True)
    watcher.start()  # before the first build: a save made during it is built next
    print("Construction de l'aperçu…", flush=True)
    builder.start()
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    print(f"Aperçu du site sur http://{args.host}:{args.port}/ (Ctrl+C pour arrêter)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        builder.stop()
        server.server_close()


if __name__ == "__main__":
    main()
