"""Files in content/ that the build would skip without a word, and page templates the theme
lacks (Pelican would stop on Jinja's English "TemplateNotFound" while writing)."""

import fnmatch
import os
import re

# Editors' backups and lock files, hidden files aside: never reported, never published.
BACKUPS = ("*~", "#*#", "*.swp", "*.swo", "*.bak", "~$*", "Thumbs.db", "desktop.ini")
IMAGES = {".jpg", ".jpeg", ".png", ".gif", ".svg", ".webp", ".avif"}
# Pelican's own templates for what is not a page: a page given one of these cannot be shown.
NOT_FOR_PAGES = {
    "base",
    "article",
    "author",
    "authors",
    "category",
    "categories",
    "tag",
    "tags",
    "archives",
    "period_archives",
    "index",
}


def ignored_files(settings, read, copied, markdown_extensions, shown):
    """``(path relative to PATH, message)`` for each file the build skips: Markdown that no
    reader read (elsewhere, Pelican copies it as a raw file, or not at all), and anything
    else in the text folders that is not copied (linked with {static} or {attach}).
    ``shown`` turns a folder of PATH into what editors see (articles → content/articles/)."""
    root = os.path.join(os.path.abspath(settings["PATH"]), "")
    ignored = _matcher((*settings.get("IGNORE_FILES", ()), *BACKUPS))
    text_folders = [
        os.path.normpath(folder) for folder in (*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"])
    ]
    where = " ou ".join(shown(folder) for folder in text_folders)
    found = []
    for folder, folders, files in os.walk(root, followlinks=True):
        folders[:] = sorted(d for d in folders if not ignored(d))
        for name in sorted(files):
            relative = os.path.join(folder, name)[len(root) :]
            extension = os.path.splitext(name)[1]
            markdown = extension.lower()[1:] in markdown_extensions
            posix = relative.replace(os.sep, "/")
            if ignored(name) or posix in read or (posix in copied and not markdown):
                continue
            in_text_folder = any(
                relative == f or relative.startswith(f + os.sep) for f in text_folders
            )
            if markdown and not in_text_folder:
                problem = f"les textes vont dans {where} ; déplacez-le dans l'un de ces dossiers"
            elif markdown and extension[1:] not in markdown_extensions:
                stem = os.path.splitext(name)[0]
                problem = f"son extension doit s'écrire en minuscules ; renommez-le en {stem}.md"
            elif not markdown and in_text_folder:
                problem = _not_markdown(extension, settings, shown)
            else:
                continue
            found.append((relative, f"fichier ignoré, jamais publié : {problem}"))
    return found


def theme_templates(settings):
    """The theme's own templates: Pelican's ``simple`` theme, its fallback, only has parts."""
    folders = [
        *settings.get("THEME_TEMPLATES_OVERRIDES", ()),
        os.path.join(settings["THEME"], "templates"),
    ]
    return sorted(
        {name for folder in folders if os.path.isdir(folder) for name in os.listdir(folder)}
    )


def template_problems(items, template_names, settings):
    """``(source, message)`` for each page whose Template the theme does not have."""
    extensions = tuple(settings.get("TEMPLATE_EXTENSIONS", [".html"]))
    kept = {os.path.splitext(name)[0] for name in template_names if name.endswith(extensions)}
    kept -= NOT_FOR_PAGES | set(settings.get("DIRECT_TEMPLATES", ()))
    kept -= {os.path.splitext(os.path.basename(n))[0] for n in settings.get("TEMPLATE_PAGES", {})}
    possible = ", ".join(sorted(kept))
    found = []
    for source, item in items:
        name = item.metadata.get("template")
        if name is None or name in kept:
            continue
        if os.path.splitext(name)[0] in kept:
            message = (
                f'champ "template" « {name} » : écrivez le nom sans « '
                f"{os.path.splitext(name)[1]} » ({os.path.splitext(name)[0]})"
            )
        else:
            message = f'champ "template" inconnu « {name} » (gabarits possibles : {possible})'
        found.append((source, message))
    return found


def _not_markdown(extension, settings, shown):
    if extension.lower() in IMAGES and settings.get("STATIC_PATHS"):
        return f"une image va dans {shown(settings['STATIC_PATHS'][0])} ; déplacez-la"
    return (
        "seuls les fichiers Markdown (.md) de ce dossier sont lus ; copiez son texte dans un "
        "fichier .md, puis retirez-le"
    )


def _matcher(patterns):
    """One regular expression for many fnmatch patterns: a site has thousands of files."""
    return re.compile("|".join(fnmatch.translate(pattern) for pattern in patterns)).match
