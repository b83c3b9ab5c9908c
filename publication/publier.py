"""``invoke publish``: the production build, the checks that may refuse it, then the copy.

Every refusal prints what to do, file by file, then stops the publication before anything
reaches the server (``sys.exit``: invoke prints no traceback). The task is a thin wrapper
around ``publish``, which the tests call in their own process.
"""

import datetime
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from commune import a_confirmer, accessibilite
from commune.datafiles import DataError
from commune.dates import date_fr
from publication import (
    actes,
    adresses,
    construction,
    criteres,
    echantillon,
    retenus,
    sources,
    validation,
)

REFUSED = "Publication refusée : rien n'a été copié."


def publish(root, target, page_checks, content=None, allow_placeholders=False, allow_late=None):
    """Build ``content`` (default: ``root``/content) for production, check it, and copy it
    to ``target`` (an rsync destination), printing what each step finds; a refusal exits
    with its reason before anything reaches ``target``.

    ``page_checks(settings, folder)`` runs the checks that read every built page (``invoke
    publish`` gives ``page_checks(formsvc_pages)``, below: the HTML validator and the RGAA
    criteria, with formsvc's pages of the sample).
    """
    # Built in a fresh folder: a failed check copies nothing, and a good build never mixes
    # with the leftovers of an earlier one. Pelican's cache is neither read (publishconf.py)
    # nor written: the developer's .pelican-cache stays that of `invoke build`.
    with tempfile.TemporaryDirectory(prefix="site-publish-") as folder:
        override = {"OUTPUT_PATH": folder, "CACHE_CONTENT": False}
        if content:
            override["PATH"] = str(Path(content).resolve())
        if allow_late:
            override["ACTES_RETARD_ACCEPTE"] = allow_late  # published in the acts' manifest
        settings, pelican = build(root, override, REFUSED)
        report_held_back(pelican)
        check_placeholders(settings, pelican, allow_placeholders, REFUSED)
        page_checks(settings, folder)
        check_acts(settings, folder, target, REFUSED)  # before the addresses: it says more
        check_addresses(settings, folder, target, REFUSED)
        copy(folder, target)
    print(f"Publié vers {target}")


def page_checks(formsvc_pages):
    """The checks that read every page of a build: the HTML (Nu validator) and what the
    accessibility grid declares of its sample (``formsvc_pages`` renders formsvc's)."""

    def check(settings, folder):
        check_html(folder, REFUSED)
        check_accessibility(settings, folder, REFUSED, formsvc_pages)

    return check


def copy(folder, target):
    """Make ``target`` the image of ``folder`` (rsync), or exit saying the copy failed."""
    result = subprocess.run(
        ["rsync", "--archive", "--delete", "--checksum", f"{folder}/", target],
        stdin=subprocess.DEVNULL,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"La copie vers {target} a échoué (rsync, code {result.returncode}).")


def build(root, override, refused):
    """The production build (warnings are errors); returns (settings, pelican) or exits."""
    content = override.get("PATH")
    if content and not Path(content).is_dir():
        sys.exit(f"Le dossier de contenu {content} n'existe pas. {refused}")
    try:
        settings = construction.load_settings(Path(root) / "publishconf.py", override)
    except Exception as error:
        sys.exit(f"{construction.describe(error, root)}\n{refused}")
    report = construction.run(settings, strict=True, root=root)
    if not report.ok:
        sys.exit(f"La construction a échoué (lignes ci-dessus). {refused}")
    return settings, report.pelican


def report_held_back(pelican):
    """Print the texts the publication leaves out (drafts, scheduled articles), and why."""
    held = getattr(pelican, "held_back", [])
    if not held:
        return
    print(f"Non publiés cette fois ({len(held)}) :")
    for source, reason in held:
        print(f"  {source} : {reason}")
    print(
        "  Un article programmé est mis en ligne par la première publication faite à partir "
        "de sa date."
    )


def check_placeholders(settings, pelican, allowed, refused):
    held = {source for source, _reason in getattr(pelican, "held_back", [])}
    # A draft may hold values still to confirm: it is not published, so they do not count.
    found = [f for f in a_confirmer.scan(settings["PATH"]) if f.path not in held]
    if not found:
        return
    print(f"Valeurs à confirmer avant la mise en ligne ({len(found)}) :")
    for finding in found:
        print(f"  {finding}")
    if not allowed:
        sys.exit(
            f"{refused} Remplacez ces valeurs par les bonnes, ou relancez avec "
            "--allow-placeholders pour publier quand même."
        )
    print("Attention : publication avec des valeurs à confirmer (--allow-placeholders).")


def check_html(folder, refused):
    written = sources.written()
    try:
        problems = [_named(line, written) for line in validation.errors(folder)]
    except validation.Unavailable as error:
        sys.exit(f"La validation HTML ne peut pas tourner : {error}. {refused}")
    if problems:
        _refuse(
            f"HTML invalide ({len(problems)})",
            problems,
            f"{refused} Le HTML tapé dans ces textes (balises <…>) n'est pas valide : "
            "corrigez-le ou remplacez-le par la mise en forme Markdown.",
        )


def check_accessibility(settings, folder, refused, formsvc_pages):
    """What the grid declares of the sample's pages still holds.

    The checks code can run on a page (publication/criteres/: its HTML, the style sheets and
    scripts it loads) run on every page of the sample, and the grid's declarations are held
    against them (criteres.verdict, the rules the tests apply too): a failure where the grid
    does not say « non conforme », a criterion declared « non applicable » where code finds
    what makes it apply (an image, a table, a link to a PDF added to a sample page), or one
    declared where what it needs is not on the page stops the publication, naming the page
    and the criterion. Without a grid (content/data/accessibilite.toml), there is nothing
    declared, hence nothing to hold.

    ``formsvc_pages(content_data)`` yields the function rendering formsvc's pages of the
    sample (tasks.py gives formsvc.echantillon.rendering: the publication never imports it).
    """
    data = Path(settings["PATH"]) / "data"
    path = data / "accessibilite.toml"
    if not path.is_file():
        return
    try:
        grid = accessibilite.load(path)
        with formsvc_pages(data) as render:
            found, left, missing = echantillon.pages(grid, folder, render)
    except (DataError, echantillon.Unrendered) as error:
        sys.exit(f"Grille d'accessibilité : {error}. {refused}")
    _warn_stale_checks(grid, datetime.date.today())
    pages = {p.id: criteres.read(found[p.id], folder) for p in grid.pages if p.id in found}
    sections = criteres.verdict(grid, pages).sections()
    if sections:
        for heading, lines, _why in sections:
            _report(heading, lines)
        sys.exit(" ".join([refused, *(why for _h, _l, why in sections)]))
    if left:
        shown = ", ".join(p.adresse for p in left)
        print(f"Accessibilité : pages vérifiées par make test seulement : {shown}")
    if missing:
        shown = ", ".join(p.adresse for p in missing)
        print(
            f"Attention : pages de l'échantillon RGAA absentes du site ({shown}) : remplacez-les "
            "dans content/data/accessibilite.toml (docs/accessibilite.md)."
        )


def _warn_stale_checks(grid, today):
    """Say when manual checks are over a year old: publishing goes on (an editor's news must
    not wait for an audit), but the people who can redo them are told."""
    stale = grid.a_refaire(today)
    if stale:
        oldest = min(r.verification.date for r in stale)
        print(
            f"Attention : {len(stale)} vérification(s) manuelle(s) de la grille "
            f"d'accessibilité ont plus d'un an (la plus ancienne : {date_fr(oldest)}). "
            "Faites-les refaire et inscrivez le nouveau contrôle dans "
            "content/data/accessibilite.toml (docs/accessibilite.md)."
        )


def _report(heading, problems):
    """Print ``heading`` and one line per problem."""
    print(f"{heading} :")
    for line in problems:
        print(f"  {line}")


def _refuse(heading, problems, why):
    """Report the problems, then stop the publication with ``why``."""
    _report(heading, problems)
    sys.exit(why)


def _named(line, written):
    """A validator's line, naming the editor's file that made the page when there is one."""
    page, _, rest = line.partition(":")
    source = written.get(page.lstrip("/"))
    number, _, message = rest.partition(":")
    where = (
        f"{source} (page {page}, ligne {number} du HTML)"
        if source
        else f"page {page}, ligne {number}"
    )
    return f"{where} : le validateur signale « {message.strip()} »"


def fetch_record(target):
    """The record of addresses already on ``target`` (an rsync destination), or None."""
    text = fetch(target, adresses.RECORD)
    return adresses.Record.from_json(text) if text is not None else None


def fetch(target, relative):
    """The text of the file ``relative`` already published on ``target``, or None."""
    with tempfile.TemporaryDirectory(prefix="site-publie-") as folder:
        source = f"{target.rstrip('/')}/{relative}"
        result = subprocess.run(
            ["rsync", "--quiet", source, f"{folder}/"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env={**os.environ, "LC_ALL": "C"},  # rsync's reason, in words we can test
            check=False,
        )
        # Code 23 is also "permission denied": only a missing file is a first publication.
        if result.returncode == 23 and "No such file or directory" in result.stderr:
            return None
        if result.returncode != 0:
            sys.exit(
                f"Impossible de lire {source} (rsync, code {result.returncode}) : sans lui, la "
                "publication ne peut pas vérifier que rien de publié ne disparaît."
            )
        return (Path(folder) / Path(relative).name).read_text("utf-8")


def check_acts(settings, folder, target, refused):
    """Refuse if an act already published would vanish or change without a declaration, or
    if an act published now for the first time says it went online another day."""
    current = Path(folder) / actes.MANIFEST_PATH
    if not current.is_file():
        return
    text = fetch(target, actes.MANIFEST_PATH)
    previous = json.loads(text) if text is not None else {"actes": []}
    new = json.loads(current.read_text(encoding="utf-8"))
    problems = actes.manifest_problems(previous, new)
    problems += actes.first_online_problems(previous, new, retenus.now(settings).date())
    if problems:
        _refuse(
            f"Actes déjà publiés ({len(problems)} problème(s))",
            problems,
            f"{refused} Un acte publié ne disparaît ni ne change sans que le registre le dise.",
        )


def check_addresses(settings, folder, target, refused):
    """Refuse if a published address would vanish; record the new state in ``folder``."""
    previous = fetch_record(target)
    comparison = adresses.compare(previous, adresses.read(folder))
    for old, new, source in comparison.automatic:
        why = f"le texte {source} a changé d'adresse" if source else "cette liste n'existe plus"
        print(f"Redirection automatique : {old} → {new} ({why})")
    for address in comparison.examples:
        print(f"Exemple retiré (410) : {address}")
    if comparison.vanished:
        print(f"Adresses déjà publiées qui disparaîtraient ({len(comparison.vanished)}) :")
        content = Path(settings["PATH"])
        for address, source in comparison.vanished:
            if not source:
                origin = ""
            elif (content / source).exists():
                origin = f" (publiée depuis le texte {source}, qui n'est plus publié)"
            else:
                origin = f" (publiée depuis le texte {source}, qui n'existe plus)"
            print(f"  {address}{origin}")
        print(
            "Dites où chacune mène dans content/data/redirections.toml, par exemple :\n"
            "  [[redirection]]\n"
            f'  de = "{comparison.vanished[0][0]}"\n'
            '  vers = "/actualites/"\n'
            "ou retirez-la pour de bon :\n"
            "  [[retrait]]\n"
            f'  adresse = "{comparison.vanished[0][0]}"\n'
            '  motif = "…"'
        )
        sys.exit(refused)
    adresses.write(folder, comparison.record)
