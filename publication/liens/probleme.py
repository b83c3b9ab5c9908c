"""A link that leads nowhere, as both link checks report it."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """A link that leads nowhere: ``where`` is the source file, or the page when generated."""

    where: str
    message: str
    source: bool = True

    def __str__(self):
        return f"{self.where}: {self.message}"
