"""The codes stored for a request and the French words shown for them (display only: the
database and the code compare codes, never labels)."""

from formsvc.parcours import REQUEST_TYPES

# Office labels, in the order of a request's life.
STATUSES = {
    "nouvelle": "nouvelle",
    "en_cours": "en cours",
    "repondue": "répondue",
    "close": "close",
}
# What the resident reads on the follow-up page.
PUBLIC_STATUSES = {
    "nouvelle": "reçue",
    "en_cours": "en cours",
    "repondue": "réponse envoyée",
    "close": "close",
}
# How the request reached the town hall, as it reads after « reçue » or « arrivée ».
ORIGINS = {
    "web": "par le site",
    "telephone": "par téléphone",
    "courrier": "par courrier",
    "guichet": "à l’accueil de la mairie",
}
# How the resident wants the answer.
CHANNELS = {
    "courriel": "par courriel",
    "telephone": "par téléphone",
    "courrier": "par courrier",
}
EVENTS = {
    "reponse": "Réponse envoyée par courriel",
    "appel": "Appel téléphonique",
    "note": "Note privée",
    "statut": "Statut changé",
    "suspect": "Marquage",
    "suivi": "Lien de suivi",
}


def status_label(code, public=False):
    return (PUBLIC_STATUSES if public else STATUSES).get(code, code)


def request_type_label(code):
    return REQUEST_TYPES.get(code, code)
