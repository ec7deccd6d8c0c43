"""The Alembic history as a source: ``alembic upgrade REV`` into an empty database."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from pgcanon import migrations

if TYPE_CHECKING:
    from pgcanon.config import Settings
    from pgcanon.server import Server


@dataclass(frozen=True)
class MigrationsSource:
    """The project's migrations at *revision* (``head``, ``base``, an id, ``head-1``…)."""

    kind: ClassVar[str] = "migrations"

    settings: Settings = field(repr=False)
    revision: str = "head"

    @property
    def label(self) -> str:
        return f"migrations@{self.revision}"

    def build(self, server: Server, conninfo: str) -> None:
        migrations.resolve_revision(self.settings, self.revision)  # unknown revision: fail before any work
        migrations.upgrade(self.settings, conninfo, self.revision)
