"""``flask --app formsvc portail check``: is every démarche's page on the portal reachable?

Meant to be scheduled: it prints one line per démarche and exits non-zero when any is broken.
"""

import sys
import urllib.error
import urllib.request

import click
from flask.cli import AppGroup

from formsvc import contenu

cli = AppGroup("portail", help="Liens vers le portail des familles (content/data/demarches.toml).")


def status_of(url, timeout):
    """The HTTP status of ``url`` (redirects followed), or the reason it could not be had."""
    request = urllib.request.Request(url, headers={"User-Agent": "formsvc-verification-liens"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, None
    except urllib.error.HTTPError as error:
        return error.code, None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        return None, f"{type(reason).__name__}: {reason}"


@cli.command("check")
@click.option("--timeout", default=10.0, show_default=True, help="Secondes par lien.")
def check(timeout):
    """Vérifie chaque lien du portail ; code de sortie 1 si un lien est cassé."""
    broken = 0
    for demarche in contenu.portail().demarches:
        status, problem = status_of(demarche.url, timeout)
        ok = status is not None and status < 400
        broken += not ok
        shown = status if status is not None else problem
        click.echo(f"{'OK    ' if ok else 'CASSÉ '} {shown}  {demarche.slug}  {demarche.url}")
    click.echo(f"{broken} lien(s) cassé(s) sur {len(contenu.portail().demarches)}.")
    if broken:
        sys.exit(1)
