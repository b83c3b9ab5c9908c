"""What the site and formsvc share: the commune's identity, its data files, French dates.

This package imports neither Pelican nor Flask, so that the build's plugins and the forms
service can both depend on it without depending on each other.
"""

# The addresses formsvc answers (nginx proxies them: deploy/nginx/site.conf); everything
# else is a file of the static site.
FORMSVC_PREFIXES = ("/formulaires/", "/portail/", "/gestion/", "/suivi/")
