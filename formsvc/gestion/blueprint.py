"""The back-office's blueprint, on its own so that its views import it without importing the
package that imports them."""

from flask import Blueprint

from commune import FORMSVC_PREFIX

bp = Blueprint("gestion", "formsvc.gestion", url_prefix=FORMSVC_PREFIX["gestion"])
