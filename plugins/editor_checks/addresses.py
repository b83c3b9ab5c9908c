"""Addresses across the whole site, once every file is read.

Two sources at one address, or a page at an address the site writes itself (/archives/,
/categories/…), end in Pelican's English "Failed to overwrite"; two spellings of a category
or tag ("Vie municipale", "Vie Municipale") give one address, and Pelican silently shows
only one of them. Each problem names the file, the field and what already holds the address.
Sources are taken in path order, so that the same tree gives the same report every time.
"""

SEARCH_INDEX_DIR = "pagefind"  # written after the build by plugins/search_index.py
CONTENT_SETTINGS = ("ARTICLE_", "DRAFT_", "PAGE_", "STATIC_")  # where sources are written
OWNERS = (  # what a *_SAVE_AS or feed setting writes, by a word of its name
    ("FEED", "les flux Atom"),
    ("CATEGOR", "les pages des catégories"),
    ("TAG", "les pages des étiquettes"),
    ("ARCHIVE", "les archives"),
    ("INDEX", "la liste des articles"),
    ("HOME", "la page d'accueil"),
    ("SITEMAP", "le plan du site pour les moteurs de recherche"),
    ("ROBOTS", "les consignes aux moteurs de recherche"),
    ("AUTHOR", "les pages des auteurs"),
)


def address_problems(items, settings, static_outputs):
    """``(source, message)`` for each source at an address taken by the site or another."""
    exact, prefixes = site_addresses(settings, static_outputs)
    found, seen = [], {}
    for source, item in items:
        save_as = item.save_as.lstrip("/")
        if not save_as:  # not written (a draft when publishing)
            continue
        field, given = _field(item)
        owner = exact.get(save_as) or prefixes.get(save_as.split("/")[0])
        if owner:
            found.append((source, _reserved(field, given, item.url, owner)))
            continue
        first = seen.setdefault(save_as, source)
        if first != source:
            advice = {
                "slug": "changez le slug de l'un des deux",
                "title": "donnez à l'un des deux un champ Slug différent",
                "save_as": "changez celui de l'un des deux",
            }[field]
            message = f'champ "{field}" en double : {first} a déjà l\'adresse /{item.url}'
            found.append((source, f"{message} ({advice})"))
    return found


def site_addresses(settings, static_outputs):
    """The files the site writes itself, and the first folders of its addresses that it
    keeps for itself, each with what it holds."""
    exact, prefixes, content_folders = {}, {}, set()
    for key, value in sorted(settings.items()):
        if not isinstance(value, str) or not value or not _is_output(key):
            continue
        folder = value.split("/")[0] if "/" in value else value
        if key.startswith(CONTENT_SETTINGS):
            if "/" in value and "{" not in folder:
                content_folders.add(folder)
            continue
        owner = next((label for word, label in OWNERS if word in key), f"le fichier {value}")
        if "{" not in value:
            exact.setdefault(value, owner)
        if "{" not in folder:
            prefixes.setdefault(folder, owner)
    for name in settings.get("DIRECT_TEMPLATES", ()):
        path = settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        if path:
            exact.setdefault(path, f"la page « {name} » du site")
            prefixes.setdefault(path.split("/")[0], f"la page « {name} » du site")
    for path in settings.get("TEMPLATE_PAGES", {}).values():
        exact.setdefault(path, f"la page {path} du site")
        prefixes.setdefault(path.split("/")[0], f"la page {path} du site")
    prefixes.setdefault(settings.get("THEME_STATIC_DIR", "theme"), "les fichiers du thème")
    for path in static_outputs:
        exact.setdefault(path, f"le fichier {path}")
        folder = path.split("/")[0]
        if "/" in path:
            prefixes.setdefault(folder, f"les fichiers du dossier {folder}/")
    if settings.get("SEARCH_INDEX"):
        prefixes.setdefault(SEARCH_INDEX_DIR, "la recherche du site")
    # Served by formsvc, not by the static site (nginx hands them over): never seen there.
    for prefix in settings.get("FORMSVC_PREFIXES", ()):
        prefixes.setdefault(prefix.strip("/"), "le service des formulaires")
    for folder in content_folders:  # /actualites/2013/… is the sources' own place
        prefixes.pop(folder, None)
    return exact, prefixes


def spelling_problems(items):
    """Category or tag names written two ways that give one address."""
    found = []
    for field, noun, names_of in (
        ("category", "cette catégorie", lambda item: [getattr(item, "category", None)]),
        ("tags", "cette étiquette", lambda item: getattr(item, "tags", None) or []),
    ):
        spellings = {}  # address -> (url, {name: sources})
        for source, item in items:
            for wrapper in names_of(item):
                if wrapper is None or not wrapper.slug:
                    continue
                if wrapper.slug not in spellings:  # Pelican formats .url on each call
                    spellings[wrapper.slug] = (wrapper.url, {})
                spellings[wrapper.slug][1].setdefault(wrapper.name, []).append(source)
        for url, by_name in spellings.values():
            # The spelling that exists already: the most used, else the first in path order.
            kept = min(by_name, key=lambda name: (-len(by_name[name]), min(by_name[name]), name))
            for name, sources in sorted(by_name.items()):
                message = (
                    f'champ "{field}" « {name} » : {noun} s\'écrit déjà « {kept} » '
                    f"({min(by_name[kept])}), et les deux donneraient la même adresse "
                    f"/{url} ; reprenez l'orthographe « {kept} »"
                )
                found += [(source, message) for source in sorted(set(sources)) if name != kept]
    return found


def _is_output(key):
    return key.endswith("_SAVE_AS") or ("FEED" in key and key.endswith(("_ATOM", "_RSS")))


def _field(item):
    """The field an editor changes to move ``item``, and its value as written."""
    for field in ("save_as", "slug"):
        if field in item.metadata:
            return field, item.metadata[field]
    return "title", None


def _reserved(field, given, url, owner):
    if field == "title":
        return (
            f'champ "title" : l\'adresse tirée du titre, /{url}, est réservée au site '
            f"({owner}) ; ajoutez un champ Slug"
        )
    advice = "choisissez un autre slug" if field == "slug" else "choisissez-en une autre"
    return (
        f'champ "{field}" « {given} » : l\'adresse /{url} est réservée au site ({owner}) ; {advice}'
    )
