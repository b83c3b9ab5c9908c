"""The council's acts (content/actes/): their pages, PDFs, open data, manifest and feed.

A generator of its own: it reads the register (commune/actes.py), stops the build on any
mistake of the clerk's (one French line each, naming the file, the entry and the field),
warns when a séance's list or procès-verbal is overdue (``invoke publish`` refuses, unless
``ACTES_RETARD_ACCEPTE`` gives the reason, which the manifest then publishes), holds back
at publication the acts whose date of « mise en ligne » has not come, and writes:

- ``/actes/`` (by year, nature and subject) and ``/actes/<année>/<numéro>/`` with its PDF;
- ``/conseil-municipal/seances/`` and a page per séance, with its procès-verbal;
- ``/donnees/deliberations.csv`` (SCDL 2.1.5), ``/actes/manifeste.json``,
  ``/feeds/actes.atom.xml``.
"""

import contextlib
import logging
import os
import shutil
from dataclasses import replace

from pelican import signals
from pelican.generators import Generator
from pelican.utils import sanitised_join

from commune import actes, pdf
from publication import actes as vues
from publication import pages_gardees, prose, retenus, sources
from publication.construction import StopBuild

logger = logging.getLogger(__name__)
_state = {"problems": 0}


class ActesGenerator(Generator):
    def generate_context(self):
        settings = self.settings
        folder = os.path.join(self.path, "actes")
        root = os.path.dirname(os.path.abspath(self.path))
        remembered = None
        if settings.get("LOAD_CONTENT_CACHE") and settings.get("CACHE_PATH"):
            remembered = pdf.Remembered(os.path.join(settings["CACHE_PATH"], "actes-pdf.json"))
        if os.path.isdir(folder):
            self.registre = actes.load(folder, root, remembered)
            if remembered:
                remembered.save()
        else:
            self.registre = actes.Registre()
        for problem in self.registre.problems:
            logger.error(str(problem))
        _state["problems"] = len(self.registre.problems)
        self._hold_back()
        self.late = self._late()
        today = retenus.now(self.settings).date()
        self.views = vues.build_views(self.registre, prose.renderer(settings), today)
        self.context["ACTES"] = self.views
        self.context["ACTES_REGISTRE"] = self.registre  # the agenda's council séances

    def _hold_back(self):
        """At publication, an act whose date of mise en ligne is to come is not published."""
        if not self.settings.get("PUBLICATION"):
            return
        today = retenus.now(self.settings).date()
        kept = []
        for acte in self.registre.actes:
            if acte.mise_en_ligne > today:
                retenus.hold(
                    acte.source,
                    f"l'acte {acte.numero} est à mettre en ligne le "
                    f"{acte.mise_en_ligne.isoformat()}",
                )
            else:
                kept.append(acte)
        self.registre.actes = kept
        numbers = {a.numero for a in kept}
        seances = []
        for seance in self.registre.seances:
            pv = seance.proces_verbal
            if pv is not None and pv.mise_en_ligne > today:
                retenus.hold(
                    seance.source,
                    f"le procès-verbal est à mettre en ligne le {pv.mise_en_ligne.isoformat()}",
                )
                pv = None
            kept_here = tuple(d for d in seance.deliberations if d.numero in numbers)
            seances.append(replace(seance, deliberations=kept_here, proces_verbal=pv))
        self.registre.seances = seances

    def _late(self):
        """Overdue lists and procès-verbaux: warned, or accepted with a published reason."""
        today = retenus.now(self.settings).date()
        reason = self.settings.get("ACTES_RETARD_ACCEPTE")
        late = []
        for line in self.registre.late(today):
            if reason:
                logger.info("%s (retard accepté : %s)", line, reason)
                late.append({"constat": line, "raison": reason, "le": today.isoformat()})
            else:
                logger.warning(
                    '%s (pour publier malgré tout : invoke publish --allow-late "la raison")', line
                )
        return late

    def generate_output(self, writer):
        views, context = self.views, self.context
        origin = self.settings["SITE_ORIGIN"]
        commune = self.settings["COMMUNE"]
        write = writer.write_file
        kept = self._kept_pages()

        def page(name, template, data, **values):
            """Write page ``name``, or keep last build's if ``data`` (all it shows) are the same."""
            text = kept.kept(name, data) if kept else None
            if text is not None:
                writer.claim(sanitised_join(writer.output_path, name))  # as write_file would
                sources.keep_page(name, text)
                return
            write(name, self.get_template(template), context, **values)
            if kept:
                kept.written(name, data)

        # What a list shows of an act is in the act's own key: computed once, not per list.
        keys = {v.numero: kept.key(v) for v in views.actes} if kept else {}

        def shown(acts):
            return [keys.get(v.numero) for v in acts]

        def seance_values(seance):
            return (seance.seance, seance.url, seance.proces_verbal, shown(seance.deliberations))

        for view in views.actes:
            page(f"{view.url}index.html", "actes/acte", keys.get(view.numero), acte=view)
            self._copy(view.pdf)
            for old, _version in view.versions:
                self._copy(old)
            if view.exemple:
                for name in (
                    f"{view.url}index.html",
                    view.pdf.url,
                    *(o.url for o, _ in view.versions),
                ):
                    sources.example(name)
        listes = [
            (vues.INDEX_URL, "Actes de la commune", views.derniers),
            *[
                (vues.YEAR_URL.format(annee=y), f"Actes de {y}", views.par_annee[y])
                for y in views.annees
            ],
            *[
                (vues.NATURE_URL.format(nature=n), title, items)
                for n, title, items in views.natures
            ],
            *[
                (vues.SUBJECT_URL.format(slug=slug), f"Actes\u00a0: {code} {nom}", items)
                for code, slug, nom, items in views.matieres
            ],
        ]
        # What every list shows besides its acts: the ways to narrow it, the register's size.
        filters = (views.annees, [n for n, _, _ in views.natures], len(views.actes))
        for url, titre, items in listes:
            if items and all(v.exemple for v in items) and url != vues.INDEX_URL:
                sources.example(f"{url}index.html")
            data = (titre, url, shown(items), filters)
            page(f"{url}index.html", "actes/liste", data, liste=items, titre=titre, page_url=url)
        subjects = [(code, len(items)) for code, _, _, items in views.matieres]
        page(f"{vues.SUBJECTS_URL}index.html", "actes/matieres", (subjects, filters))
        page(
            f"{vues.SEANCES_URL}index.html",
            "actes/seances",
            [seance_values(s) for s in views.seances],
        )
        for seance in views.seances:
            page(f"{seance.url}index.html", "actes/seance", seance_values(seance), seance=seance)
            if seance.proces_verbal:
                self._copy(seance.proces_verbal)
            if seance.exemple:
                sources.example(f"{seance.url}index.html")
                if seance.proces_verbal:
                    sources.example(seance.proces_verbal.url)
        texts = {
            vues.CSV_PATH: vues.scdl_csv(views, commune, origin),
            vues.MANIFEST_PATH: vues.manifest(views, commune, origin, self.late),
            vues.FEED_PATH: vues.feed(views, self.settings["SITENAME"], origin),
        }
        for name, text in texts.items():
            write(name, sources.TextTemplate(text), context)
        if kept:
            kept.save()

    def _kept_pages(self):
        """The acts' pages of the last ``invoke build``, if this build may reuse them."""
        settings = self.settings
        if not settings.get("LOAD_CONTENT_CACHE") or settings.get("MARK_PLACEHOLDERS"):
            return None  # a publication, the preview: every page is rendered
        signature = pages_gardees.inputs_signature(settings, [os.path.dirname(__file__)])
        cache = os.path.join(settings["CACHE_PATH"], "actes-pages.json")
        return pages_gardees.KeptPages(cache, self.output_path, signature)

    def _copy(self, fichier):
        """Put an act's PDF in the output: a hard link when the disk allows it (as Pelican's
        STATIC_CREATE_LINKS), for 2,000 acts cost seconds to copy (docs/benchmarks.md)."""
        target = os.path.join(self.output_path, fichier.url)
        if not _same(fichier.source, target):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(target)  # never write through a link into content/
            os.makedirs(os.path.dirname(target), exist_ok=True)
            try:
                os.link(fichier.source, target)
            except OSError:  # another file system, or links not allowed
                shutil.copyfile(fichier.source, target)
        sources.copied(fichier.url)


def _same(source, target):
    try:
        a, b = os.stat(source), os.stat(target)
    except FileNotFoundError:
        return False
    if (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino):
        return True
    return a.st_size == b.st_size and a.st_mtime_ns <= b.st_mtime_ns


def stop_if_wrong(generators):
    if _state["problems"]:
        raise StopBuild(f"{_state['problems']} fichier(s) d'actes à corriger")


def add_generator(pelican):
    return ActesGenerator


def register():
    signals.get_generators.connect(add_generator)
    signals.all_generators_finalized.connect(stop_if_wrong)
