"""The resident's private follow-up link: /suivi/<token> shows where their request stands."""

from formsvc.suivi.views import bp

__all__ = ["bp"]
