"""The journeys formsvc serves, and the kinds of request their forms bring: declared here,
in one place, read by create_app, the lifecycle, the mails and the pages.

A new resident form adds its journey to JOURNEYS and its kind of request to REQUEST_TYPES
(docs/architecture.md, « Un nouveau formulaire »).
"""

# One blueprint per journey (the package's ``bp``), registered in this order; each declares
# its own CSRF, limits and error handlers (a resident form through formsvc/formulaire.py).
JOURNEYS = ("formsvc.permanence", "formsvc.suivi", "formsvc.portail", "formsvc.gestion")

# The kinds of request, one per resident form: the code stored in ``demandes.kind`` → the
# label the office and the resident read. The office's own recording of a call or a letter
# uses the permanence's.
REQUEST_TYPES = {
    "permanence": "demande au maire",
}
