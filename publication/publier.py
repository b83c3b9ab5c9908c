"""The steps of ``invoke publish`` between the build and the copy, each one able to refuse.

Every refusal prints what to do, file by file, then stops the publication before anything
reaches the server (``sys.exit``: invoke prints no traceback).
"""

import datetime
import json
import shlex
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


# What the grid may declare of a criterion on a page that a failure would make untrue.
HOLDING = (accessibilite.CONFORME, accessibilite.NON_APPLICABLE)


def check_accessibility(settings, folder, refused, formsvc_pages):
    """What the grid declares of the sample's pages still holds.

    Each check that code can run on a page (publication/criteres/: its HTML, the style
    sheets and scripts it loads) runs on every page of the sample; a failure where the grid
    says « conforme », or « non applicable » (a form pasted into a page said to have none),
    stops the publication, naming the page and the criterion. So does a criterion declared
    « non applicable » on a page where code finds what makes it apply (an image, a table, a
    link to a PDF added to a sample page): a person has it checked, and until then the grid
    says « à vérifier » there. Without a grid (content/data/accessibilite.toml), there is
    nothing declared, hence nothing to hold.

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
    home = next((p.id for p in grid.pages if p.adresse == "/" and not p.etat), None)
    checked = criteres.check_sample(
        pages, home, titled=[p.id for p in grid.pages if not p.etat and p.id in pages]
    )
    results = {r.critere.numero: r for r in grid.resultats}
    failing, applying, applying_on = [], [], []
    for page in grid.pages:
        if page.id not in pages:
            continue
        where = f"{page.adresse}{f' ({page.etat})' if page.etat else ''}"
        for numero, problems in checked[page.id].items():
            resultat = results[numero]
            if resultat.par_page[page.id] in HOLDING:
                failing += [
                    f"{where} : critère {numero} ({resultat.critere.intitule}) : {problem}"
                    for problem in problems
                ]
        for key, what in criteres.applies(pages[page.id]).items():
            numbers = (key,) if isinstance(key, str) else key
            if all(results[n].par_page[page.id] == accessibilite.NON_APPLICABLE for n in numbers):
                applying.append(_applying(page, where, [results[n] for n in numbers], what))
                applying_on.append(page.id)
    sections = []
    if failing:
        sections.append(
            (
                f"Accessibilité : critères déclarés respectés qui ne le sont plus ({len(failing)})",
                failing,
                "Corrigez ces pages, ou, si le défaut doit rester, déclarez le critère « non "
                "conforme » dans content/data/accessibilite.toml (la déclaration "
                "d'accessibilité le dira).",
            )
        )
    if applying:
        sections.append(
            (
                "Accessibilité : critères déclarés non applicables qui s'appliquent "
                f"({len(applying)})",
                applying,
                "Faites vérifier ces critères sur ces pages, puis inscrivez le résultat dans "
                "content/data/accessibilite.toml ; d'ici là, déclarez-les « à vérifier » pour "
                f'ces pages (par exemple pages = {{ {applying_on[0]} = "à vérifier" }}, avec '
                "la procédure de vérification).",
            )
        )
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


def _applying(page, where, resultats, what):
    """The line saying criteria declared « non applicable » on ``page`` apply there."""
    named = " ou ".join(f"{r.critere.numero} ({r.critere.intitule})" for r in resultats)
    shown = ", ".join(what[:3]) + (f" et {len(what) - 3} de plus" if len(what) > 3 else "")
    if len(resultats) == 1:
        said = f"critère {named} déclaré non applicable"
    else:
        said = f"critères déclarés non applicables, dont l'un au moins s'applique : {named}"
    return f"{where} (page « {page.id} ») : {said} ; la page contient {shown}"


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


def fetch_record(c, target):
    """The record of addresses already on ``target`` (an rsync destination), or None."""
    text = fetch(c, target, adresses.RECORD)
    return adresses.Record.from_json(text) if text is not None else None


def fetch(c, target, relative):
    """The text of the file ``relative`` already published on ``target``, or None."""
    with tempfile.TemporaryDirectory(prefix="arras-publie-") as folder:
        source = f"{target.rstrip('/')}/{relative}"
        result = c.run(
            f"rsync --quiet {shlex.quote(source)} {shlex.quote(folder)}/",
            pty=False,
            warn=True,
            hide=True,
            env={"LC_ALL": "C"},  # rsync's reason, in words we can test
        )
        # Code 23 is also "permission denied": only a missing file is a first publication.
        if result.exited == 23 and "No such file or directory" in result.stderr:
            return None
        if result.exited != 0:
            sys.exit(
                f"Impossible de lire {source} (rsync, code {result.exited}) : sans lui, la "
                "publication ne peut pas vérifier que rien de publié ne disparaît."
            )
        return (Path(folder) / Path(relative).name).read_text("utf-8")


def check_acts(c, settings, folder, target, refused):
    """Refuse if an act already published would vanish or change without a declaration, or
    if an act published now for the first time says it went online another day."""
    current = Path(folder) / actes.MANIFEST_PATH
    if not current.is_file():
        return
    text = fetch(c, target, actes.MANIFEST_PATH)
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


def check_addresses(c, settings, folder, target, refused):
    """Refuse if a published address would vanish; record the new state in ``folder``."""
    previous = fetch_record(c, target)
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
