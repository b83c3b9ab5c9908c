"""Old addresses of the site and where they lead now: ``content/data/redirections.toml``.

::

    [[redirection]]                          # served as a 301 by nginx
    de = "/actualites/2013/ancien-titre/"
    vers = "/actualites/2013/nouveau-titre/"

    [[retrait]]                              # served as a 410 « page retirée »
    adresse = "/actualites/2013/publie-par-erreur/"
    motif = "Article publié par erreur"

The file is optional. The build checks it against the pages it wrote.
"""

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from commune.datafiles import DataError, Fields, read_toml

NAME = "redirections.toml"


@dataclass(frozen=True)
class Declared:
    redirections: dict  # old address → new address (a path of the site, or https://…)
    retraits: dict  # address → reason
    path: str = ""


UNSAFE = re.compile(r"[\s\"'$;{}\\]")  # would break nginx's map, or mean something else there


def _address(entry, field):
    value = entry.text(field)
    if not value.startswith("/") or UNSAFE.search(value) or urlsplit(value).query:
        problem = f"invalide « {value} » (une adresse du site attendue, par ex. /actualites/)"
        raise entry.error(field, problem)
    return value


def load(path, shown=None):
    """The declared redirections and withdrawals; none if the file does not exist."""
    path = Path(path)
    if not path.exists():
        return Declared({}, {}, shown or str(path))
    try:
        table = read_toml(path)
    except DataError as error:
        raise DataError(shown or path, error.problem) from None
    fields = Fields(shown or path, table)
    redirections, retraits = {}, {}
    for entry in fields.entries("redirection") if "redirection" in fields.table else []:
        old = _address(entry, "de")
        new = entry.text("vers")
        if not (new.startswith("/") or new.startswith("https://")) or UNSAFE.search(new):
            raise entry.error("vers", f"invalide « {new} » (/chemin/ du site ou https://…)")
        if old in redirections or old in retraits:
            raise entry.error("de", f"« {old} » est déjà déclarée plus haut")
        redirections[old] = new
    for entry in fields.entries("retrait") if "retrait" in fields.table else []:
        old = _address(entry, "adresse")
        if old in redirections or old in retraits:
            raise entry.error("adresse", f"« {old} » est déjà déclarée plus haut")
        retraits[old] = entry.text("motif")
    return Declared(redirections, retraits, str(shown or path))


def check(declared, addresses, served_elsewhere=()):
    """DataErrors for declarations the built site contradicts (``addresses``: its URLs)."""
    problems = []
    where = declared.path
    for number, (old, new) in enumerate(declared.redirections.items(), 1):
        entry = f"redirection n° {number}"
        if old in addresses:
            problem = f"« {old} » est une page du site : la redirection ne servirait jamais"
            problems.append(DataError(where, problem, "de", entry))
        if new.startswith("/") and new not in addresses and not new.startswith(served_elsewhere):
            if new in declared.redirections:
                problem = (
                    f"« {new} » est elle-même redirigée : écrivez directement sa destination "
                    f"« {declared.redirections[new]} »"
                )
            else:
                problem = f"« {new} » n'est pas une page du site (vérifiez l'adresse)"
            problems.append(DataError(where, problem, "vers", entry))
    for number, old in enumerate(declared.retraits, 1):
        if old in addresses:
            problem = f"« {old} » est une page du site : supprimez d'abord le texte"
            problems.append(DataError(where, problem, "adresse", f"retrait n° {number}"))
    return problems
