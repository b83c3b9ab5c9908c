"""Preview benchmark: an editor's save to the page shown, on the build benchmark's corpus.

Run ``python bench/preview.py [--articles 2000] [--actes 2000] [--saves 20] [--titles 5]`` (or
``invoke bench --only preview``). In one run, on the corpus of bench/build.py (N synthetic
articles, M synthetic acts, plus the project's real content):

(a) bare Pelican's cold build, as in bench/build.py (best of ``--repeat``);
(e) from saving one article's body to the preview serving that changed page (``--saves``
    saves of different articles; median and 95th percentile);
(f) from changing an article's title to both the home page and its category page showing
    the new title (``--titles`` changes; median and maximum).

The preview runs as ``make serve`` runs it (``python -m apercu``, site only: formsvc plays
no part in a save), in its own process; the script saves files as an editor's editor does
and polls the pages over HTTP every 5 ms. After each save it waits until the preview is idle
again (pages written out, links checked, search index rebuilt) and reports that time too.

Targets: median(e)/(a) ≤ 0.1, median(f)/(a) ≤ 0.5. This is a report, not a test.
"""

import argparse
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build as corpus  # bench/build.py: the same corpus and the same (a)

ROOT = corpus.ROOT
POLL = 0.005  # seconds between two requests while waiting for a page to change


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Preview:
    def __init__(self, content, output):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [
            sys.executable,
            "-m",
            "apercu",
            "--sans-formsvc",
            "--port",
            str(self.port),
            "--content",
            str(content),
            "--output",
            str(output),
        ]
        self.log = open(output.parent / "apercu.log", "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            command, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def get(self, path):
        with urllib.request.urlopen(self.url + path, timeout=60) as response:
            return response.read().decode("utf-8")

    def state(self):
        return json.loads(self.get("/__apercu/etat"))

    def wait_idle(self, timeout=600):
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            try:
                if not self.state()["occupe"]:
                    return time.perf_counter() - start
            except OSError:
                pass
            time.sleep(0.05)
        sys.exit(f"ÉCHEC : l'aperçu n'a pas fini en {timeout} s")

    def wait_for(self, paths, text, start, timeout=120):
        """Seconds from ``start`` until every page of ``paths`` contains ``text``."""
        pending = list(paths)
        while pending:
            if time.perf_counter() - start > timeout:
                sys.exit(f"ÉCHEC : {pending[0]} ne montre pas « {text} » après {timeout} s")
            if text in self.get(pending[0]):
                pending.pop(0)
            else:
                time.sleep(POLL)
        return time.perf_counter() - start

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)
        self.log.close()


def metadata(path):
    return dict(re.findall(r"(?m)^(\w+): (.*)$", path.read_text("utf-8").split("\n\n", 1)[0]))


def url_of(path):
    meta = metadata(path)
    return f"/actualites/{meta['Date'][:4]}/{meta['Slug']}/"


def category_url(path):
    return f"/categories/{corpus.slugify(metadata(path)['Category'])}/"


def latest_articles(content, count):
    """The synthetic articles with the latest dates: those the home page lists."""
    paths = sorted((content / "articles").glob("bench-*.md"))
    return sorted(paths, key=lambda p: metadata(p)["Date"], reverse=True)[:count]


def save(path, text):
    """Write as an editor's editor does: the whole file, in place."""
    path.write_text(text, encoding="utf-8")


def body_saves(preview, content, count):
    """(e): ``count`` saves, each of another article's body; (seconds to page, to idle)."""
    shown, idle = [], []
    paths = sorted((content / "articles").glob("bench-*.md"))[:count]
    for n, path in enumerate(paths):
        marker = f"Paragraphe ajouté par la sauvegarde {n} du banc."
        text = path.read_text("utf-8") + f"\n{marker}\n"
        start = time.perf_counter()
        save(path, text)
        shown.append(preview.wait_for([url_of(path)], marker, start))
        idle.append(preview.wait_idle())
    return shown, idle


def title_changes(preview, content, count):
    """(f): ``count`` title changes of the newest article; seconds to home and category."""
    shown = []
    path = latest_articles(content, 1)[0]
    for n in range(count):
        text = path.read_text("utf-8")
        title = f"Titre changé numéro {n} par le banc"
        text = re.sub(r"(?m)^Title: .*$", f"Title: {title}", text, count=1)
        start = time.perf_counter()
        save(path, text)
        shown.append(preview.wait_for(["/", category_url(path)], title, start))
        preview.wait_idle()
    return shown


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def verdict(name, value, target):
    status = "OK" if value <= target else "NOT MET"
    return f"{name:<22}{value:6.3f}  (cible ≤ {target})  {status}"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=corpus.ARTICLES, help="synthetic articles")
    parser.add_argument("--actes", type=int, default=corpus.ACTES, help="synthetic acts")
    parser.add_argument("--repeat", type=int, default=3, help="runs of (a), best kept")
    parser.add_argument("--saves", type=int, default=20, help="body saves timed for (e)")
    parser.add_argument("--titles", type=int, default=5, help="title changes timed for (f)")
    parser.add_argument("--seed", type=int, default=2013, help="seed of the corpus")
    return parser.parse_args()


def main():
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="site-bench-apercu-") as tmp:
        work = Path(tmp)
        content = work / "content"
        acts = corpus.write_corpus(content, args.articles, args.actes, args.seed)
        corpus.bare_copy(content, work / "content-bare")
        bare = corpus.best(
            [
                corpus.build_bare(work / "content-bare", work / f"a-out-{n}")
                for n in range(args.repeat)
            ]
        )
        start = time.perf_counter()
        preview = Preview(content, work / "output")
        try:
            preview.wait_idle()
            ready = time.perf_counter() - start
            shown, idle = body_saves(preview, content, args.saves)
            titles = title_changes(preview, content, args.titles)
        finally:
            preview.stop()
        log = (work / "apercu.log").read_text("utf-8")
        if os.environ.get("BENCH_KEEP_LOG"):
            Path(os.environ["BENCH_KEEP_LOG"]).write_text(log, "utf-8")
    a = bare.wall
    e_median, e_p95 = statistics.median(shown), percentile(shown, 0.95)
    f_median = statistics.median(titles)
    articles = args.articles + len(list((ROOT / "content/articles").glob("*.md")))
    print(f"Corpus : {articles} articles ({args.articles} synthétiques)")
    print(f"Actes synthétiques : {corpus.describe_acts(acts)}")
    print(f"Versions : {corpus.versions()} ; commit {corpus.commit()}")
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Machine : {os.cpu_count()} cœurs, charge {load} (1/5/15 min) à la fin\n")
    rows = [
        (f"(a) Pelican nu, à froid (meilleur de {args.repeat})", f"{a:.2f} s"),
        ("Aperçu prêt : construit, écrit, vérifié, indexé", f"{ready:.2f} s"),
        (
            f"(e) texte enregistré → page servie ({len(shown)} fois)",
            f"médiane {e_median:.3f} s, p95 {e_p95:.3f} s, max {max(shown):.3f} s",
        ),
        (
            "    puis au repos : pages écrites, liens, index",
            f"médiane {statistics.median(idle):.2f} s",
        ),
        (
            f"(f) titre changé → accueil et catégorie ({len(titles)} fois)",
            f"médiane {f_median:.3f} s, max {max(titles):.3f} s",
        ),
    ]
    for label, value in rows:
        print(f"{label:<52} {value}")
    swapped, rebuilt = log.count("(texte remplacé)"), log.count("(reconstruit)") - 1
    print(f"Chemins : {swapped} remplacement(s) de texte, {rebuilt} reconstruction(s) complète(s)")
    print("\nRapports :")
    print(verdict("médiane (e)/(a)", e_median / a, 0.1))
    print(verdict("p95 (e)/(a)", e_p95 / a, 0.1))
    print(verdict("médiane (f)/(a)", f_median / a, 0.5))


if __name__ == "__main__":
    main()
