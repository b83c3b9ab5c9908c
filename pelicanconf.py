"""The arras.fr site, development values. publishconf.py changes only what production needs."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
# Pelican loads this file by path; the project's own modules sit beside it.
sys.path.insert(0, str(ROOT))

import commune  # noqa: E402

# COMMUNE (the identity of content/data/commune.toml), SITENAME and AUTHOR (which signs the
# Atom entries) are read by plugins/data_files.py from the content folder being built.
SITEURL = ""  # root-relative links ("/actualites/"): the same in dev, tests and production
SITE_ORIGIN = "http://127.0.0.1:8000"  # absolute URLs: canonical, Open Graph, feeds, sitemap
FEED_DOMAIN = SITE_ORIGIN
# Calendars know an event by its UID (« 2013-<slug>@<this> »): the same in every build, the
# preview's included, so never change it once calendars subscribe (plugins/agenda.py).
AGENDA_UID_DOMAIN = "www.arras.fr"
RELATIVE_URLS = False

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
READERS = {"html": None, "htm": None, "rst": None}  # editors write Markdown only
IGNORE_FILES = [".*", "README*"]

TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "fr"
DEFAULT_DATE_FORMAT = "%Y-%m-%d"  # unused by the theme: dates go through Babel (date_fr)

THEME = "theme"
THEME_STATIC_DIR = "theme"
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    "source_paths",
    "strict_metadata",
    "data_files",
    "dates",  # French dates through Babel (plugins/dates.py)
    "typographie",
    "scheduling",
    "actes",  # the council's acts: content/actes/ (plugins/actes.py)
    "agenda",  # after actes, whose séances it shows: content/agenda/ (plugins/agenda.py)
    "accessibilite",  # the accessibility plans' pages (plugins/accessibilite.py)
    "fingerprint",
    "site_writer",
    "search_index",
    "liens",  # after strict_metadata: its errors come first
    "sortie",  # after fingerprint: pages link to the fingerprinted theme files
]
SEARCH_INDEX = True  # run Pagefind after each build (plugins/search_index.py)
ACTES_SAVE_AS = "actes/index.html"  # the acts' pages are under /actes/ (plugins/actes.py)
# Why a séance's overdue list or procès-verbal may be published anyway (invoke publish
# --allow-late "…"): the manifest of the acts publishes it. None: being late is a warning.
ACTES_RETARD_ACCEPTE = None
CHECK_OUTPUT = True  # walk every built page's links, record addresses (plugins/sortie.py)
FORMSVC_PREFIXES = commune.FORMSVC_PREFIXES  # served by formsvc: links there are not files

# Publication (plugins/scheduling.py): False here, so the preview shows drafts (at
# /drafts/…) and scheduled articles (at their address, listed nowhere); publishconf.py sets
# True and neither is built. PUBLICATION_NOW fixes "now" (ISO date-time) for tests.
PUBLICATION = False
PUBLICATION_NOW = None
# Values still to confirm (commune/a_confirmer.py) get a visible marker: the editors' preview
# (apercu/) sets it; `invoke build` and publications leave it off.
MARK_PLACEHOLDERS = False

# Pretty French URLs (docs/DESIGN: stable, content links to them).
ARTICLE_URL = "actualites/{date:%Y}/{slug}/"
ARTICLE_SAVE_AS = ARTICLE_URL + "index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = DRAFT_URL + "index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = PAGE_URL + "index.html"
DRAFT_PAGE_URL = "drafts/pages/{slug}/"
DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_URL + "index.html"
CATEGORY_URL = "categories/{slug}/"
CATEGORY_SAVE_AS = CATEGORY_URL + "index.html"
CATEGORIES_URL = "categories/"
CATEGORIES_SAVE_AS = CATEGORIES_URL + "index.html"
TAG_URL = "etiquettes/{slug}/"
TAG_SAVE_AS = TAG_URL + "index.html"
TAGS_URL = "etiquettes/"
TAGS_SAVE_AS = TAGS_URL + "index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = ARCHIVES_URL + "index.html"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
# The home page is its own template; the paginated news index lives under /actualites/.
DIRECT_TEMPLATES = ["home", "index", "categories", "tags", "archives", "sitemap", "robots"]
HOME_URL = ""
HOME_SAVE_AS = "index.html"
INDEX_URL = "actualites/"
INDEX_SAVE_AS = "actualites/index.html"
SITEMAP_SAVE_AS = "sitemap.xml"
ROBOTS_SAVE_AS = "robots.txt"

DEFAULT_PAGINATION = 10  # articles per page of /actualites/, categories and tags
PAGINATED_TEMPLATES = {"index": None, "tag": None, "category": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
HOME_ARTICLES = 3  # latest news shown on the home page

FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/categories/{slug}.atom.xml"
FEED_ALL_RSS = None
CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None
FEED_MAX_ITEMS = 20

SUMMARY_MAX_LENGTH = None  # summaries are written by editors (strict_metadata requires one)
TYPOGRIFY = False
SLUGIFY_SOURCE = "title"
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
        # No smarty: commune.typographie.smarten does its dashes and ellipses, far cheaper.
    },
    "output_format": "html5",
}

# Pelican's content cache: an unchanged article is not parsed again on the next build.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = ".pelican-cache"
GZIP_CACHE = False  # compressing the cache cost 0.26 s per build (docs/benchmarks.md)

DELETE_OUTPUT_DIRECTORY = False
