"""A small register of acts written into a copy of content/ by the tests (content/actes/)."""

import shutil

from tests.actes_pdf import make_pdf

SEANCE = """exemple = true
date = 2013-04-08T18:00:00
lieu = "Hôtel de ville"
liste_mise_en_ligne = 2013-04-10

[[deliberation]]
numero = "D2013-101"
objet = "Rénovation de la médiathèque"
matiere = "8.9"
resultat = "adoptée"
mise_en_ligne = 2013-04-10
vote = {{ effectif = 45, votants = 44, pour = 40, contre = 3, abstention = 1 }}
resume = "Le conseil approuve les travaux de rénovation de la médiathèque."
{extra}
"""
ARRETE = """exemple = true
type = "arrêté"
numero = "A2013-101"
objet = "Stationnement interdit place des Héros pendant le marché"
date = 2013-04-11
mise_en_ligne = 2013-04-11
matiere = "6.1"
resume = "Le stationnement est interdit le samedi matin."
{extra}
[auteur]
prenom = "Frédéric"
nom = "Leturque"
qualite = "Maire d'Arras"
"""


def fresh_register(content):
    """Replace the examples of ``content/actes`` by one séance and one arrêté of tests."""
    folder = content / "actes"
    shutil.rmtree(folder, ignore_errors=True)
    for name in ("seances", "arretes", "pdf"):
        (folder / name).mkdir(parents=True)
    for number in ("D2013-101", "A2013-101"):
        make_pdf(folder / "pdf" / f"{number}.pdf", [f"Acte {number}", "Texte de l'acte."])
    write_seance(content)
    write_arrete(content)
    return folder


def write_seance(content, extra="", text=None):
    path = content / "actes/seances/2013-04-08.toml"
    path.write_text(text or SEANCE.format(extra=extra), encoding="utf-8")
    return path


def write_arrete(content, extra="", text=None):
    path = content / "actes/arretes/A2013-101.toml"
    path.write_text(text or ARRETE.format(extra=extra), encoding="utf-8")
    return path
