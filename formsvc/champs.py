"""Rules for what people type, shared by every form (residents' and the office's)."""

import re

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from wtforms.validators import StopValidation, ValidationError

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


def errors_in_order(form):
    """(field, first message) pairs in the page's order (the fields' declaration order), for
    the error summary; the CSRF token has its own message."""
    return [
        (field, field.errors[0])
        for field in form
        if field.errors and field.type != "CSRFTokenField"
    ]


def email_address(form, field):
    """A valid e-mail address, normalised; shared by every form that asks for one."""
    try:
        result = validate_email(field.data, check_deliverability=False)
    except EmailNotValidError:
        raise ValidationError(
            "Entrez une adresse électronique valide, par exemple nom@exemple.fr"
        ) from None
    field.data = result.normalized


def phone_number(form, field):
    """A valid phone number (French by default), written as people read it."""
    try:
        parsed = phonenumbers.parse(field.data, "FR")
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        raise ValidationError(
            "Entrez un numéro de téléphone valide, par exemple 06 12 34 56 78 ou +33 6 12 34 56 78"
        )
    fmt = phonenumbers.PhoneNumberFormat
    national = parsed.country_code == 33
    field.data = phonenumbers.format_number(parsed, fmt.NATIONAL if national else fmt.INTERNATIONAL)
