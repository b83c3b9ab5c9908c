"""The steps of ``invoke publish`` between the build and the copy, each one able to refuse.

Every refusal prints what to do, file by file, then stops the publication before anything
reaches the server (``sys.exit``: invoke prints no traceback).
"""

import shlex
import sys
import tempfile
from pathlib import Path

from commune import a_confirmer
from publication import adresses, construction, validation


def build(root, override, refused):
    """The production build (warnings are errors); returns (settings, pelican) or exits."""
    try:
        settings = construction.load_settings(Path(root) / "publishconf.py", override)
    except Exception as error:
        sys.exit(f"{construction.describe(error, root)}\\n{refused}")
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


def check_placeholders(settings, allowed, refused):
    found = a_confirmer.scan(settings["PATH"])
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
    try:
        problems = validation.errors(folder)
    except validation.Unavailable as error:
        sys.exit(f"La validation HTML ne peut pas tourner : {error}. {refused}")
    if problems:
        print(f"HTML invalide ({len(problems)}) :")
        for line in problems:
            print(f"  {line}")
        sys.exit(f"{refused} Corrigez le HTML écrit dans ces textes.")


def fetch_record(c, target):
    """The record of addresses already on ``target`` (an rsync destination), or None."""
    with tempfile.TemporaryDirectory(prefix="arras-adresses-") as folder:
        source = f"{target.rstrip('/')}/{adresses.RECORD}"
        result = c.run(
            f"rsync --quiet {shlex.quote(source)} {shlex.quote(folder)}/",
            pty=False,
            warn=True,
            hide=True,
        )
        if result.exited == 23:  # no such file: the first publication to this target
            return None
        if result.exited != 0:
            sys.exit(
                f"Impossible de lire {source} (rsync, code {result.exited}) : sans lui, la "
                "publication ne peut pas vérifier qu'aucune adresse ne disparaît."
            )
        return adresses.Record.from_json((Path(folder) / "adresses.json").read_text("utf-8"))


def check_addresses(c, folder, target, refused):
    """Refuse if a published address would vanish; record the new state in ``folder``."""
    previous = fetch_record(c, target)
    comparison = adresses.compare(previous, adresses.read(folder))
    for old, new, source in comparison.automatic:
        print(f"Redirection automatique : {old} → {new} (le texte {source} a changé d'adresse)")
    if comparison.vanished:
        print(f"Adresses déjà publiées qui disparaîtraient ({len(comparison.vanished)}) :")
        for address, source in comparison.vanished:
            origin = f" (publiée depuis le texte {source}, qui n'existe plus)" if source else ""
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
