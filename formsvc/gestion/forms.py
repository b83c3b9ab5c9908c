"""The back-office forms (CSRF through Flask-WTF on every one)."""

import datetime

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    PasswordField,
    RadioField,
    SelectChoice,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, ValidationError

STATUSES = {
    "nouvelle": "nouvelle",
    "en_cours": "en cours",
    "repondue": "répondue",
    "close": "close",
}
TEXT_MAX = 10_000


class ConnexionForm(FlaskForm):
    email = StringField(
        "Adresse électronique", validators=[DataRequired("Entrez votre adresse électronique")]
    )
    password = PasswordField("Mot de passe", validators=[DataRequired("Entrez votre mot de passe")])


class ReponseForm(FlaskForm):
    texte = TextAreaField(
        "Votre réponse",
        description="Elle part par courriel au demandeur, depuis l'adresse de la ville ; "
        "sa réponse éventuelle arrivera au cabinet.",
        validators=[
            DataRequired("Écrivez la réponse avant de l'envoyer"),
            Length(max=TEXT_MAX, message="La réponse doit comporter 10 000 caractères au maximum"),
        ],
    )


class AppelForm(FlaskForm):
    quand = StringField(
        "Date et heure de l'appel",
        description="Par exemple 2013-01-31 10:30.",
        validators=[
            DataRequired("Entrez la date et l'heure de l'appel, par exemple 2013-01-31 10:30")
        ],
    )
    note = TextAreaField(
        "Ce qui a été dit ou convenu",
        validators=[
            DataRequired("Écrivez le résultat de l'appel"),
            Length(max=TEXT_MAX, message="La note doit comporter 10 000 caractères au maximum"),
        ],
    )

    def validate_quand(self, field):
        try:
            field.moment = datetime.datetime.fromisoformat(field.data.strip().replace(" ", "T"))
        except ValueError:
            raise ValidationError(
                "Entrez la date et l'heure de l'appel au format AAAA-MM-JJ HH:MM, "
                "par exemple 2013-01-31 10:30"
            ) from None


class NoteForm(FlaskForm):
    texte = TextAreaField(
        "Note privée",
        description="Visible seulement dans l'espace de gestion.",
        validators=[
            DataRequired("Écrivez la note avant de l'enregistrer"),
            Length(max=TEXT_MAX, message="La note doit comporter 10 000 caractères au maximum"),
        ],
    )


class StatutForm(FlaskForm):
    statut = RadioField(
        "Statut",
        choices=[SelectChoice(value, label) for value, label in STATUSES.items()],
        validators=[DataRequired("Choisissez un statut")],
    )


class SuspectForm(FlaskForm):
    suspect = RadioField(
        "Cette demande est-elle suspecte (envoi automatique, spam) ?",
        choices=[SelectChoice("oui", "Oui, suspecte"), SelectChoice("non", "Non, légitime")],
        validators=[DataRequired("Choisissez oui ou non")],
    )


class ExportForm(FlaskForm):
    avec_message = BooleanField("Inclure l'objet et le texte des messages (données personnelles)")


class ActionForm(FlaskForm):
    """A form with only its CSRF token: sign-out."""
