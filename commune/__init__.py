"""What the site and formsvc share: the commune's identity, its data files, French dates.

This package imports neither Pelican nor Flask, so that the build's plugins and the forms
service can both depend on it without depending on each other.
"""

# The addresses formsvc answers, one prefix per journey: its blueprints take their
# url_prefix from here, and nginx proxies exactly these (deploy/nginx/site.conf, checked by
# tests/formsvc/test_prefixes.py). Everything else is a file of the static site.
FORMSVC_PREFIX = {
    "formulaires": "/formulaires",
    "portail": "/portail",
    "gestion": "/gestion",
    "suivi": "/suivi",
}
FORMSVC_PREFIXES = tuple(f"{prefix}/" for prefix in FORMSVC_PREFIX.values())
