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
from wtforms.validators import DataRequired, Length, Optional, StopValidation, ValidationError

from formsvc import cycle, vocabulaire
from formsvc.champs import (
    email_address,
    errors_in_order,
    length_at_most,
    no_control_characters,
    one_line,
    paragraphs,
    phone_number,
)

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
    """The statuses the request may take now (formsvc/cycle.py TRANSITIONS)."""

    statut = RadioField("Statut", validators=[DataRequired("Choisissez un statut")])

    def __init__(self, *args, demande, **kwargs):
        super().__init__(*args, **kwargs)
        self.statut.choices = [
            SelectChoice(code, vocabulaire.STATUSES[code]) for code in cycle.next_statuses(demande)
        ]
        self.statut.validate_choice = False  # checked below, with a French message
        self.demande = demande

    def validate_statut(self, field):
        if field.data not in cycle.next_statuses(self.demande):
            raise ValidationError("Choisissez un des statuts proposés")


class SuiviForm(FlaskForm):
    """Revoke the follow-up link, or give the request a new one."""

    action = RadioField(
        "Lien de suivi du demandeur",
        choices=[
            SelectChoice("revoquer", "Désactiver le lien (il ne montrera plus rien)"),
            SelectChoice("nouveau", "Remplacer par un nouveau lien (l'ancien ne marche plus)"),
        ],
        validators=[DataRequired("Choisissez une action")],
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


def required_if_answer(channel, message):
    """Required when the answer goes ``channel``; otherwise optional (but checked if given)."""

    def check(form, field):
        if not field.data:
            if form.canal.data == channel:
                raise StopValidation(message)
            field.errors = []
            raise StopValidation()

    return check


class SaisieForm(FlaskForm):
    """A request received by phone, letter or at the counter, recorded by the office."""

    origine = RadioField(
        "Comment la demande est-elle arrivée ?",
        choices=[
            SelectChoice("telephone", "Un appel téléphonique"),
            SelectChoice("courrier", "Une lettre"),
            SelectChoice("guichet", "Une visite à l’accueil de la mairie"),
        ],
        validate_choice=False,
        validators=[DataRequired("Choisissez comment la demande est arrivée")],
    )
    recue_le = StringField(
        "Date de réception",
        description="Par exemple 2013-01-31, ou 2013-01-31 10:30 avec l'heure.",
        filters=[one_line],
        validators=[DataRequired("Entrez la date de réception, par exemple 2013-01-31")],
    )
    nom = StringField(
        "Nom du demandeur",
        filters=[one_line],
        validators=[
            DataRequired("Entrez le nom du demandeur"),
            no_control_characters("Le nom"),
            length_at_most(100, "Le nom"),
        ],
    )
    canal = RadioField(
        "Réponse souhaitée",
        choices=[
            SelectChoice(code, label.capitalize()) for code, label in vocabulaire.CHANNELS.items()
        ],
        validate_choice=False,
        validators=[DataRequired("Choisissez comment répondre")],
    )
    courriel = StringField(
        "Adresse électronique",
        description="Si elle est donnée, l'accusé de réception part aussi par courriel.",
        filters=[one_line],
        validators=[required_if_answer("courriel", "Entrez l'adresse électronique")],
    )
    telephone = StringField(
        "Numéro de téléphone",
        filters=[one_line],
        validators=[required_if_answer("telephone", "Entrez le numéro de téléphone")],
    )
    adresse = TextAreaField(
        "Adresse postale",
        description="Pour répondre et envoyer l'accusé de réception par courrier.",
        filters=[paragraphs],
        validators=[
            required_if_answer("courrier", "Entrez l'adresse postale"),
            no_control_characters("L'adresse"),
            length_at_most(500, "L'adresse"),
        ],
    )
    objet = StringField(
        "Objet",
        filters=[one_line],
        validators=[
            Optional(),
            no_control_characters("L'objet"),
            length_at_most(150, "L'objet"),
        ],
    )
    message = TextAreaField(
        "Demande",
        description="Le texte du courrier, ou ce que le demandeur a dit.",
        filters=[paragraphs],
        validators=[
            DataRequired("Écrivez la demande"),
            no_control_characters("La demande"),
            length_at_most(TEXT_MAX, "La demande"),
        ],
    )

    def validate_origine(self, field):
        if field.data not in vocabulaire.ORIGINS or field.data == "web":
            raise ValidationError("Choisissez comment la demande est arrivée")

    def validate_canal(self, field):
        if field.data not in vocabulaire.CHANNELS:
            raise ValidationError("Choisissez comment répondre")

    def validate_recue_le(self, field):
        text = field.data.replace("T", " ")
        try:
            moment = datetime.datetime.fromisoformat(text.replace(" ", "T"))
        except ValueError:
            raise ValidationError(
                "Entrez la date au format AAAA-MM-JJ, par exemple 2013-01-31, "
                "éventuellement suivie de l'heure (2013-01-31 10:30)"
            ) from None
        field.moment = moment
        field.date_only = ":" not in text

    def validate_courriel(self, field):
        email_address(self, field)

    def validate_telephone(self, field):
        phone_number(self, field)

    @property
    def errors_in_order(self):
        return errors_in_order(self)
