"""The « permanence en ligne » form: the one definition of its fields, rules and messages."""

import re

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectChoice, StringField, TextAreaField
from wtforms.validators import DataRequired, Optional, StopValidation, ValidationError

MESSAGE_MAX = 5000
SUBJECT_MAX = 150
NAME_MAX = 100
# Control characters have no place in what a person types (tab and newlines aside).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def number(n):
    """5000 → « 5 000 », as French writes numbers."""
    return f"{n:,}".replace(",", "\u202f")


def one_line(value):
    """Single-line fields: line breaks become spaces, surrounding spaces go."""
    return " ".join(value.split()) if isinstance(value, str) else value


def paragraphs(value):
    """The message: Windows and old Mac line ends become \\n, trailing spaces go."""
    if not isinstance(value, str):
        return value
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def no_control_characters(label):
    def check(form, field):
        if field.data and CONTROL.search(field.data):
            raise StopValidation(
                f"{label} contient des caractères invisibles non autorisés : "
                "retirez-les, ou retapez le texte"
            )

    return check


def length_at_most(maximum, label):
    def check(form, field):
        if field.data and len(field.data) > maximum:
            raise StopValidation(
                f"{label} doit comporter {number(maximum)} caractères au maximum "
                f"(vous en avez écrit {number(len(field.data))})"
            )

    return check


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
        description="Par exemple 06 12 34 56 78. Le cabinet du maire vous rappellera.",
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
        try:
            result = validate_email(field.data, check_deliverability=False)
        except EmailNotValidError:
            raise ValidationError(
                "Entrez une adresse électronique valide, par exemple nom@exemple.fr"
            ) from None
        field.data = result.normalized

    def validate_telephone(self, field):
        try:
            parsed = phonenumbers.parse(field.data, "FR")
        except phonenumbers.NumberParseException:
            parsed = None
        if parsed is None or not phonenumbers.is_valid_number(parsed):
            raise ValidationError(
                "Entrez un numéro de téléphone valide, par exemple 06 12 34 56 78 "
                "ou +33 6 12 34 56 78"
            )
        fmt = phonenumbers.PhoneNumberFormat
        national = parsed.country_code == 33
        field.data = phonenumbers.format_number(
            parsed, fmt.NATIONAL if national else fmt.INTERNATIONAL
        )

    @property
    def contact_errors(self):
        """(field, first message) pairs in page order, for the error summary."""
        order = ["nom", "canal", "courriel", "telephone", "objet", "message"]
        return [(self[name], self[name].errors[0]) for name in order if self[name].errors]
