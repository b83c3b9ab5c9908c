"""Pages and mails as a person reads them, and the hidden fields a form sends back."""

import lxml.html
from bs4 import BeautifulSoup


def html_of(response, status=None):
    """The HTML of ``response`` (Flask's test client's, or an ``HttpClient``'s) parsed as a
    browser would; with ``status``, the response must have that status first."""
    if status is not None:
        assert response.status_code == status, response.status_code
    return BeautifulSoup(response.text, "lxml")


def plain(mail):
    """The plain-text body of ``mail``, as a mail program shows it."""
    return mail.get_body(("plain",)).get_content()


def hidden_fields(html):
    """{name: value} of the hidden fields of ``html``, as a browser sends them back with the
    form (parsed as a browser parses it, whatever the attributes' order or quotes)."""
    if not html.strip():
        return {}
    inputs = lxml.html.fromstring(html).xpath("//input[@type='hidden'][@name]")
    return {field.get("name"): field.get("value", "") for field in inputs}


def hidden_value(html, name):
    """The value of the hidden field ``name`` in ``html``."""
    fields = hidden_fields(html)
    assert name in fields, f"no hidden field {name!r} on the page"
    return fields[name]


def csrf_token(html):
    return hidden_value(html, "csrf_token")


def form_tokens(html):
    """The hidden fields of a resident's form: its CSRF token and its display time
    (``affiche``, the fill-time check)."""
    return {"csrf_token": csrf_token(html), "affiche": hidden_value(html, "affiche")}
