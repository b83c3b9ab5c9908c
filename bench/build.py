"""Build benchmark: bare Pelican against this site, on a synthetic French corpus.

Run ``python bench/build.py [--articles 2000] [--actes 2000] [--repeat 3] [--seed 2013]`` (or
``invoke bench``). It writes a deterministic corpus into a temporary folder (N synthetic
articles and M synthetic acts with their PDFs, plus the project's real content so the
templates and links resolve), then times five cases, each in a fresh Python process, in turn
for ``--repeat`` rounds (so that all see the same load on a shared machine), keeping each
case's best time:

(a) bare Pelican: its defaults (``simple`` theme, no plugins, no cache) plus what
    ``pelican-quickstart`` writes when its questions get their default answers: time zone,
    language, 10 articles per page, every feed off;
(b) this site: pelicanconf.py (theme, plugins, URLs) with SEARCH_INDEX off, empty cache;
(c) the same build again after editing one article's body, with (b)'s content cache;
(d) the search index alone: ``python -m pagefind --site <output of (b)>``;
(e) (b) without the acts (no ``actes/`` folder): (b) - (e) is what the acts cost.

Bare Pelican has no register of acts: (a) gets the same acts as a bare site would publish
them, an article per act and per séance with the PDFs as static files.

Targets: (b)/(a) ≤ 1.2, (c)/(b) ≤ 0.5, ((b)+(d))/(a) ≤ 1.5. This is a report, not a test: it
exits 0 when a target is missed, and fails loudly only when a build fails (every build runs
with Pelican's warnings fatal, as ``invoke preview`` does).
"""

import argparse
import importlib.metadata
import json
import os
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import corpus_actes  # beside this script

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_FILE = ROOT / "pelicanconf.py"

# Words of the site's own news, drawn at random (seeded) to make titles and paragraphs.
VOCABULARY = """
    ville mairie conseil municipal habitants quartier école crèche cantine familles enfants
    jeunesse associations culture musée théâtre bibliothèque médiathèque patrimoine beffroi
    place héros citadelle jardin parc rue avenue boulevard travaux chantier voirie stationnement
    transport bus vélo piste cyclable environnement déchets tri collecte propreté énergie
    chauffage logement rénovation urbanisme permis projet budget investissement subvention
    élus maire adjoint séance délibération vote commission réunion public concertation
    citoyens démarche formulaire inscription rendez-vous guichet accueil service agents
    numérique internet portail site ligne tablette ordinateur réseau haut débit wifi
    sport stade piscine gymnase club match tournoi course marathon fête marché noël
    exposition concert festival spectacle cinéma atelier visite découverte saison programme
    santé solidarité seniors aide emploi formation commerce artisans entreprises tourisme
    sécurité police prévention circulation tranquillité sanction accessibilité handicap
    printemps été automne hiver semaine matin soir samedi dimanche journée année mois
    nouveau nouvelle grand grande petit petite premier première dernier prochain ouvert
    gratuit simple rapide pratique durable local municipal communal régional national
    présente annonce organise propose accueille rénove ouvre prépare lance invite informe
    améliore accompagne développe soutient renforce facilite installe modernise équipe
    pour avec dans sur depuis pendant entre chez vers après avant sans selon grâce
"""
LINKING_WORDS = "le la les un une des du de au aux et ou mais donc ainsi aussi"
TAG_POOL = """
    conseil municipal, maire, budget, démarches en ligne, numérique, ville internet, écoles,
    crèche, cantine, jeunesse, seniors, associations, sport, piscine, culture, musée,
    bibliothèque, théâtre, fêtes, marché de noël, travaux, voirie, stationnement, bus, vélo,
    environnement, propreté, logement, emploi, tourisme
"""
WORDS = VOCABULARY.split()
LINKERS = LINKING_WORDS.split()
TAGS = [tag.strip() for tag in TAG_POOL.split(",")]
CATEGORIES = ["Vie municipale", "Famille", "Éducation", "Numérique", "Culture", "Travaux"]
FIRST_DATE = date(2013, 1, 1)
LAST_DATE = date(2026, 11, 27)
TOUCHED = 0  # index of the synthetic article edited before each cached rebuild
# The corpus of `invoke bench`, shared with bench/preview.py: 2,000 articles and 2,000 acts.
ARTICLES, ACTES = 2000, 2000

BUILD = """\
import json, logging, sys
from pelican import Pelican
from pelican.log import init
from pelican.settings import read_settings

init(logging.WARNING, fatal="warnings")
Pelican(read_settings(sys.argv[1] or None, override=json.loads(sys.argv[2]))).run()
"""
# What pelican-quickstart's pelicanconf.py sets with its default answers (AUTHOR, LINKS and
# SOCIAL left out: the corpus names no author and the simple theme shows no blogroll).
QUICKSTART = {
    "TIMEZONE": "Europe/Paris",
    "DEFAULT_LANG": "fr",
    "DEFAULT_PAGINATION": 10,
    # "Feed generation is usually not desired when developing"
    "FEED_ALL_ATOM": None,
    "CATEGORY_FEED_ATOM": None,
    "TRANSLATION_FEED_ATOM": None,
    "AUTHOR_FEED_ATOM": None,
    "AUTHOR_FEED_RSS": None,
}


# --- Corpus ------------------------------------------------------------------------------


def slugify(text):
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def phrase(rng, low, high):
    words = [rng.choice(LINKERS if i % 3 == 1 else WORDS) for i in range(rng.randint(low, high))]
    return " ".join(words)


def sentence(rng):
    text = phrase(rng, 8, 20)
    if rng.random() < 0.4:
        text += ", " + phrase(rng, 4, 9)
    return text[0].upper() + text[1:] + "."


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))


def article_name(index):
    return f"bench-{index:05d}.md"


def article_body(rng, index):
    """A few paragraphs under ``##`` headings, with a list, an external and internal links."""
    other = rng.randrange(index) if index else 0
    link = f"[{phrase(rng, 3, 6)}]({{filename}}/articles/{article_name(other)})"
    parts = [paragraph(rng), f"{paragraph(rng)} Lire aussi : {link}."]
    for _ in range(rng.randint(2, 3)):
        parts.append(f"## {phrase(rng, 2, 5).capitalize()}")
        parts.append(paragraph(rng))
    parts.append("\n".join(f"- {phrase(rng, 3, 8)} ;" for _ in range(rng.randint(3, 5))))
    site = f"https://www.arras.fr/{slugify(phrase(rng, 2, 3))}"
    parts.append(f"{paragraph(rng)} Pour en savoir plus, voir [le site de la ville]({site}).")
    return "\n\n".join(parts)


def article(rng, index):
    """One Markdown article with every field strict_metadata requires."""
    title = phrase(rng, 4, 9).capitalize()
    day = FIRST_DATE + timedelta(days=rng.randrange((LAST_DATE - FIRST_DATE).days + 1))
    tags = ", ".join(rng.sample(TAGS, rng.randint(2, 4)))
    header = (
        f"Title: {title}\nDate: {day.isoformat()}\nCategory: {rng.choice(CATEGORIES)}\n"
        f"Tags: {tags}\nSlug: {slugify(title)}-{index}\nSummary: {sentence(rng)}\n"
    )
    return header + "\n" + article_body(rng, index) + "\n"


def write_corpus(dest, count, acts, seed):
    """Write the project's real content, ``count`` synthetic articles and ``acts`` synthetic
    acts under ``dest``; return the acts' (séances, deliberations, arrêtés)."""
    for folder in ("articles", "pages", "images", "data", "actes"):
        shutil.copytree(ROOT / "content" / folder, dest / folder)
    rng = random.Random(seed)
    for index in range(count):
        (dest / "articles" / article_name(index)).write_text(article(rng, index), "utf-8")
    return corpus_actes.write_acts(dest, acts, random.Random(seed + 1), phrase, sentence)


def bare_copy(corpus, dest):
    """The corpus without ``Template:`` lines (the simple theme has only page.html), and
    the acts as articles with their PDFs (a bare site has no register)."""
    shutil.copytree(corpus, dest)
    for page in (dest / "pages").glob("*.md"):
        text = page.read_text("utf-8")
        page.write_text(re.sub(r"(?m)^Template:.*\n", "", text), "utf-8")
    corpus_actes.write_bare_articles(dest / "actes", dest / "articles")


def touch_article(corpus, run):
    """Edit the body of one synthetic article; return a marker the rebuilt page must show."""
    marker = f"Modification numéro {run} du banc de mesure."
    path = corpus / "articles" / article_name(TOUCHED)
    path.write_text(path.read_text("utf-8") + f"\n{marker}\n", "utf-8")
    return marker


def touched_output(corpus, output):
    """The page built from the touched article (ARTICLE_SAVE_AS of pelicanconf.py)."""
    source = (corpus / "articles" / article_name(TOUCHED)).read_text("utf-8")
    meta = dict(re.findall(r"(?m)^(\w+): (.*)$", source))
    return output / "actualites" / meta["Date"][:4] / meta["Slug"] / "index.html"


# --- Timed runs --------------------------------------------------------------------------


@dataclass(frozen=True)
class Timing:
    wall: float  # seconds, time.perf_counter around the whole process
    cpu: float  # seconds of user + system time of the process and its children


def best(timings):
    """Best wall time and best CPU time: the runs least disturbed by other processes."""
    return Timing(min(t.wall for t in timings), min(t.cpu for t in timings))


def run(command, label):
    """Run ``command`` in a fresh process and time it; exit with its output if it fails."""
    os.sync()  # flush the previous case's writes first, so that it does not slow this one
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"ÉCHEC ({label}) :\n{result.stdout}{result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(wall, cpu)


def pelican(settings_file, override, label):
    command = [sys.executable, "-c", BUILD, str(settings_file or ""), json.dumps(override)]
    return run(command, label)


def build_bare(corpus, output):
    override = {"PATH": str(corpus), "OUTPUT_PATH": str(output), **QUICKSTART}
    override["STATIC_PATHS"] = ["images", "actes/pdf"]  # the acts' files, as a bare site would
    return pelican(None, override, "(a) Pelican nu")


def build_site(corpus, output, cache, label):
    paths = {"PATH": str(corpus), "OUTPUT_PATH": str(output), "CACHE_PATH": str(cache)}
    return pelican(SETTINGS_FILE, {**paths, "SEARCH_INDEX": False}, label)


def pagefind(site):
    return run([sys.executable, "-m", "pagefind", "--site", str(site)], "(d) Pagefind")


def bench_round(work, number):
    """Time each case once, in turn, so that all four see the same load on a shared machine.

    (d) indexes this round's output of (b); (c) then edits one article and rebuilds that
    output with the content cache (b) wrote.
    """
    corpus, output, cache = work / "content", work / f"b-out-{number}", work / f"b-cache-{number}"
    bare = build_bare(work / "content-bare", work / f"a-out-{number}")
    cold = build_site(corpus, output, cache, "(b) à froid")
    without = work / "content-sans-actes"
    no_acts = build_site(without, work / f"e-out-{number}", work / f"e-cache-{number}", "(e)")
    if not any(cache.rglob("*")):
        sys.exit("ÉCHEC (b) : aucun cache de contenu écrit ; (c) ne mesurerait rien.")
    index = pagefind(output)
    marker = touch_article(corpus, number)
    cached = build_site(corpus, output, cache, "(c) avec cache")
    if marker not in touched_output(corpus, output).read_text("utf-8"):
        sys.exit("ÉCHEC (c) : l'article modifié n'a pas été reconstruit.")
    return bare, cold, cached, index, no_acts


# --- Report ------------------------------------------------------------------------------


def count_files(folder):
    return sum(1 for path in folder.rglob("*") if path.is_file())


def versions():
    names = ("pelican", "markdown", "jinja2", "babel", "pagefind")
    found = ", ".join(f"{name} {importlib.metadata.version(name)}" for name in names)
    return f"Python {platform.python_version()}, {found}"


def commit():
    git = ["git", "-C", str(ROOT), "describe", "--always", "--dirty"]
    result = subprocess.run(git, capture_output=True, text=True, check=False)
    return result.stdout.strip() or "inconnu"


def verdict(name, value, target):
    status = "OK" if value <= target else "NOT MET"
    return f"{name:<16}{value:6.3f}  (cible ≤ {target})  {status}"


def describe_acts(acts):
    """What write_corpus's synthetic acts are, in French."""
    seances, deliberations, arretes = acts
    return (
        f"{deliberations + arretes} ({deliberations} délibérations en {seances} séance(s), "
        f"{arretes} arrêtés et décisions)"
    )


def report(args, work, times, files, acts):
    a, b, c, d, e = times
    articles = len(list((work / "content" / "articles").glob("*.md")))
    pages = len(list((work / "content" / "pages").glob("*.md")))
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Corpus : {articles} articles ({args.articles} synthétiques), {pages} pages")
    print(f"Actes synthétiques : {describe_acts(acts)}, un PDF chacun")
    print(f"Versions : {versions()} ; commit {commit()}")
    print(f"Machine : {os.cpu_count()} cœurs, charge {load} (1/5/15 min) à la fin")
    print(f"Fichiers produits : (a) {files[0]}, (b) {files[1]}, (d) {files[2]} en plus\n")
    print(f"{'Cas (meilleur de ' + str(args.repeat) + ')':<48} {'mur':>8} {'CPU':>8}")
    rows = [
        ("(a) Pelican nu (simple, sans plugin ni cache)", a),
        ("(b) ce site, à froid (SEARCH_INDEX=False)", b),
        ("(c) ce site, 1 article modifié, avec cache", c),
        ("(d) Pagefind seul sur la sortie de (b)", d),
        ("(e) ce site sans les actes, à froid", e),
    ]
    for label, timing in rows:
        print(f"{label:<48} {timing.wall:7.2f}s {timing.cpu:7.2f}s")
    print("\nRapports (temps mur) :")
    print(verdict("(b)/(a)", b.wall / a.wall, 1.2))
    print(verdict("(c)/(b)", c.wall / b.wall, 0.5))
    print(verdict("((b)+(d))/(a)", (b.wall + d.wall) / a.wall, 1.5))
    count = len(list((work / "content/actes/pdf").glob("*.pdf")))
    cost = b.wall - e.wall
    print(
        f"\nCoût des actes, (b) - (e) : {cost:.2f} s mur, {b.cpu - e.cpu:.2f} s CPU "
        f"({1000 * cost / max(count, 1):.2f} ms par acte ou procès-verbal, {count} fichiers)"
    )


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=ARTICLES, help="synthetic articles")
    parser.add_argument("--actes", type=int, default=ACTES, help="synthetic acts")
    parser.add_argument("--repeat", type=int, default=3, help="runs per case, best kept")
    parser.add_argument("--seed", type=int, default=2013, help="seed of the corpus")
    args = parser.parse_args()
    if args.articles < 1 or args.repeat < 1 or args.actes < 0:
        parser.error("--articles et --repeat doivent être ≥ 1, --actes ≥ 0")
    return args


def main():
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="site-bench-") as tmp:
        work = Path(tmp)
        acts = write_corpus(work / "content", args.articles, args.actes, args.seed)
        bare_copy(work / "content", work / "content-bare")
        shutil.copytree(
            work / "content", work / "content-sans-actes", ignore=shutil.ignore_patterns("actes")
        )
        rounds = [bench_round(work, number) for number in range(args.repeat)]
        times = [best(case) for case in zip(*rounds, strict=True)]
        site = work / "b-out-0"
        search = count_files(site / "pagefind")
        files = (count_files(work / "a-out-0"), count_files(site) - search, search)
        report(args, work, times, files, acts)


if __name__ == "__main__":
    main()
