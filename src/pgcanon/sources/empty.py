"""``empty``: a database nobody has built anything in, the OLD side of a bootstrap
(``pgcanon diff empty migrations@head --format sql`` prints a source's whole DDL)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from pgcanon.server import Server


@dataclass(frozen=True)
class EmptySource:
    """A fresh scratch database, as ``CREATE DATABASE`` leaves it."""

    kind: ClassVar[str] = "empty"

    label: str = "empty"

    def build(self, server: Server, conninfo: str) -> None:
        """Nothing to build: the point is the database as it starts."""
