"""The resident's journey: write to the mayor, get a reference and an acknowledgement."""

from formsvc.permanence.views import bp

__all__ = ["bp"]
