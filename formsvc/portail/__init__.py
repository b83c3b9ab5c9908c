"""Stable links into the « Arras famille » portal: /portail/<slug> redirects to the démarche."""

from formsvc.portail.views import bp

__all__ = ["bp"]
