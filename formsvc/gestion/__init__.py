"""The mayor's office back-office: sign in, read, answer, close, export.

Every route but the sign-in page requires a signed-in office user (auth.require_login).
The idle timeout is announced and can be put off (inactivite); a form sent after it is kept
for the agent until they sign in again (reprise).
"""

# Each module adds its routes to bp.
from formsvc.gestion import (  # noqa: F401
    auth,
    boite,
    demande,
    echeances,
    export,
    inactivite,
    journal,
    portail,
    saisie,
)
from formsvc.gestion.blueprint import bp

__all__ = ["bp"]
