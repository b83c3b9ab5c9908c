"""The « permanence en ligne » form: the one definition of its fields, rules and messages."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectChoice, StringField, TextAreaField
from wtforms.validators import DataRequired, Optional, StopValidation, ValidationError

from formsvc.champs import (
    email_address,
    errors_in_order,
    length_at_most,
    no_control_characters,
    number,
    one_line,
    paragraphs,
    phone_number,
)

MESSAGE_MAX = 5000
SUBJECT_MAX = 150
NAME_MAX = 100


def required_for(channel, message):
    """Required only when the resident chose ``channel`` to be answered."""

    def check(form, field):
        if form.canal.data != channel:
            field.errors = []
            raise StopValidation()  # not needed: ignored, and not stored either
        if not field.data:
            raise StopValidation(message)

    return check


class PermanenceForm(FlaskForm):
    nom = StringField(
        "Votre nom",
        filters=[one_line],
        validators=[
            DataRequired("Entrez votre nom"),
            no_control_characters("Le nom"),
            length_at_most(NAME_MAX, "Le nom"),
        ],
    )
    canal = RadioField(
        "Comment souhaitez-vous recevoir la réponse ?",
        choices=[
            SelectChoice("courriel", "Par courriel"),
            SelectChoice("telephone", "Par téléphone"),
        ],
        validate_choice=False,  # checked below, with a French message
        validators=[
            DataRequired("Choisissez comment recevoir la réponse : par courriel ou par téléphone")
        ],
    )
    courriel = StringField(
        "Adresse électronique",
        description="Nous l'utilisons seulement pour vous répondre.",
        filters=[one_line],
        validators=[required_for("courriel", "Entrez votre adresse électronique")],
    )
    telephone = StringField(
        "Numéro de téléphone",
        description="Par exemple 06 12 34 56 78. C'est à ce numéro que l'on vous rappellera.",
        filters=[one_line],
        validators=[
            required_for(
                "telephone", "Entrez votre numéro de téléphone, par exemple 06 12 34 56 78"
            ),
        ],
    )
    objet = StringField(
        "Objet de votre demande",
        description=f"En quelques mots, {number(SUBJECT_MAX)} caractères au maximum.",
        filters=[one_line],
        validators=[
            Optional(),
            no_control_characters("L'objet"),
            length_at_most(SUBJECT_MAX, "L'objet"),
        ],
    )
    message = TextAreaField(
        "Votre message",
        description=f"{number(MESSAGE_MAX)} caractères au maximum.",
        filters=[paragraphs],
        validators=[
            DataRequired("Entrez votre message"),
            no_control_characters("Le message"),
            length_at_most(MESSAGE_MAX, "Le message"),
        ],
    )
    # Spam defences (no CAPTCHA): a field people never see, and the time the form was shown.
    site_web = StringField("Laissez ce champ vide")
    affiche = HiddenField()

    def validate_canal(self, field):
        if field.data not in {"courriel", "telephone"}:
            raise ValidationError(
                "Choisissez comment recevoir la réponse : par courriel ou par téléphone"
            )

    def validate_courriel(self, field):
        email_address(self, field)

    def validate_telephone(self, field):
        phone_number(self, field)

    @property
    def contact_errors(self):
        """(field, first message) pairs in page order, for the error summary."""
        return errors_in_order(self)
