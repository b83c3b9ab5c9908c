"""Stable links into the family portal: /portail/<slug> redirects to the démarche."""

from formsvc.portail.views import bp

__all__ = ["bp"]
