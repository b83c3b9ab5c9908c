"""What the grid declares of the sample's pages, held against what code finds on them: the one
verdict ``invoke publish`` (publication/publier.py) and the tests
(tests/site/test_rgaa_echantillon.py) reach, with the same rules and the same words.

Four things make a declaration untrue (docs/accessibilite.md, « Le verdict »):

- a check fails on a page where the grid does not say « non conforme » (a failure found by
  code is a non-conformity known today: « conforme » would be false, and « non applicable »
  or « à vérifier » would keep it out of the declaration's list of what fails);
- what makes a criterion apply is on a page where the grid says « non applicable » (for a
  group, such as 1.1 and 1.2 for an image, all of them);
- what a criterion needs is not on a page where the grid says « conforme » or « non
  conforme » (the rate would count a criterion that does not apply there);
- a criterion code judges alone elsewhere (« automatique ») is declared « conforme » on the
  tests' evidence alone on a page where code cannot judge it (UNDECIDED: a script that may
  open a window, for 13.2): a person's verification is due there.
"""

from dataclasses import dataclass, field

from commune.accessibilite import CONFORME, NON_APPLICABLE, NON_CONFORME

from .registre import applies, cannot_apply, check_sample, undecided


@dataclass(frozen=True)
class Finding:
    """One untrue declaration: on ``page`` (the grid's PageEchantillon), of the criteria
    ``resultats`` (the grid's results: one, or a group), what code found (``what``)."""

    page: object
    resultats: tuple
    what: str

    @property
    def numeros(self):
        return tuple(r.critere.numero for r in self.resultats)

    @property
    def where(self):
        page = self.page
        return f"{page.adresse}{f' ({page.etat})' if page.etat else ''}"


@dataclass
class Verdict:
    failing: list = field(default_factory=list)  # a check fails: « what » is the problem
    applying: list = field(default_factory=list)  # « non applicable », yet it applies
    not_applying: list = field(default_factory=list)  # declared, yet it cannot apply
    unproven: list = field(default_factory=list)  # « conforme » where only a person can say

    def about(self, numero):
        """The verdict on criterion ``numero`` alone."""
        return Verdict(*([f for f in found if numero in f.numeros] for found in self._lists()))

    def _lists(self):
        return (self.failing, self.applying, self.not_applying, self.unproven)

    def sections(self):
        """[(heading, lines, what to do)] for what is untrue, in French: what
        ``invoke publish`` prints before refusing, and what a failing test shows."""
        found = []
        if self.failing:
            found.append(
                (
                    "Accessibilité : critères déclarés respectés qui ne le sont plus "
                    f"({len(self.failing)})",
                    [_failing(f) for f in self.failing],
                    "Corrigez ces pages, ou, si le défaut doit rester, déclarez le critère « non "
                    "conforme » dans content/data/accessibilite.toml (la déclaration "
                    "d'accessibilité le dira).",
                )
            )
        if self.applying:
            example = self.applying[0].page.id
            found.append(
                (
                    "Accessibilité : critères déclarés non applicables qui s'appliquent "
                    f"({len(self.applying)})",
                    [_applying(f) for f in self.applying],
                    "Faites vérifier ces critères sur ces pages, puis inscrivez le résultat dans "
                    "content/data/accessibilite.toml ; d'ici là, déclarez-les « à vérifier » pour "
                    f'ces pages (par exemple pages = {{ {example} = "à vérifier" }}, avec '
                    "la procédure de vérification).",
                )
            )
        if self.not_applying:
            example = self.not_applying[0].page.id
            found.append(
                (
                    "Accessibilité : critères déclarés sur des pages où ils ne s'appliquent pas "
                    f"({len(self.not_applying)})",
                    [_not_applying(f) for f in self.not_applying],
                    "Déclarez ces critères « non applicable » sur ces pages dans "
                    "content/data/accessibilite.toml (par exemple pages = "
                    f'{{ {example} = "non applicable" }}) : le taux ne compte que les critères '
                    "qui s'appliquent.",
                )
            )
        if self.unproven:
            found.append(
                (
                    "Accessibilité : critères déclarés respectés que seule une personne peut "
                    f"juger sur ces pages ({len(self.unproven)})",
                    [_unproven(f) for f in self.unproven],
                    "Faites vérifier ces critères par une personne sur ces pages et inscrivez "
                    "la vérification dans content/data/accessibilite.toml ([critere.verification] "
                    "ou « à vérifier » d'ici là) : les tests seuls n'en sont plus la preuve.",
                )
            )
        return found


def verdict(grid, pages):
    """The Verdict on ``pages`` ({page id: Page}: the sample's pages at hand) of ``grid``."""
    home = next((p.id for p in grid.pages if p.adresse == "/" and not p.etat), None)
    titled = [p.id for p in grid.pages if not p.etat and p.id in pages]
    checked = check_sample(pages, home, titled)
    results = {r.critere.numero: r for r in grid.resultats}
    found = Verdict()
    for page in grid.pages:
        if page.id not in pages:
            continue
        for numero, problems in checked[page.id].items():
            if results[numero].par_page[page.id] != NON_CONFORME:
                found.failing += [Finding(page, (results[numero],), p) for p in problems]
        for key, what in applies(pages[page.id]).items():
            group = tuple(results[n] for n in ((key,) if isinstance(key, str) else key))
            if all(r.par_page[page.id] == NON_APPLICABLE for r in group):
                found.applying.append(Finding(page, group, _shown(what)))
        for numero in cannot_apply(pages[page.id]):
            status = results[numero].par_page[page.id]
            if status in (CONFORME, NON_CONFORME):
                found.not_applying.append(Finding(page, (results[numero],), status))
        for numero, why in undecided(pages[page.id]).items():
            resultat = results[numero]
            if resultat.par_page[page.id] == CONFORME and resultat.verification is None:
                found.unproven.append(Finding(page, (resultat,), _shown(why)))
    return found


def _shown(what):
    return ", ".join(what[:3]) + (f" et {len(what) - 3} de plus" if len(what) > 3 else "")


def _failing(finding):
    [resultat] = finding.resultats
    critere = resultat.critere
    return f"{finding.where} : critère {critere.numero} ({critere.intitule}) : {finding.what}"


def _applying(finding):
    named = " ou ".join(f"{r.critere.numero} ({r.critere.intitule})" for r in finding.resultats)
    if len(finding.resultats) == 1:
        said = f"critère {named} déclaré non applicable"
    else:
        said = f"critères déclarés non applicables, dont l'un au moins s'applique : {named}"
    return (
        f"{finding.where} (page « {finding.page.id} ») : {said} ; la page contient {finding.what}"
    )


def _not_applying(finding):
    [resultat] = finding.resultats
    critere = resultat.critere
    return (
        f"{finding.where} (page « {finding.page.id} ») : critère {critere.numero} "
        f"({critere.intitule}) déclaré {finding.what}, alors que ce qu'il vise n'est pas sur "
        "la page"
    )


def _unproven(finding):
    [resultat] = finding.resultats
    critere = resultat.critere
    return (
        f"{finding.where} (page « {finding.page.id} ») : critère {critere.numero} "
        f"({critere.intitule}) déclaré conforme sur la foi des tests, que le code ne peut pas "
        f"juger ici : {finding.what}"
    )
