"""Sources of a schema, and how a command-line spec names one.

Every source but a live database is built into a scratch database; a live
database is read as it is, read-only. Specs:

- ``schema`` (the configured canonical DDL), a ``.sql`` file or a directory of them;
- ``migrations`` (head) or ``migrations@REV`` (an id, ``base``, ``head``, ``head-1``…);
- ``orm`` (the configured models) or ``orm:package.module[:attribute]``;
- ``postgresql://…``: a live database;
- ``empty``: a new, empty database (the old side of a bootstrap); ``./empty`` names a file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from pgcanon.errors import ConfigError
from pgcanon.sources.ddl import DdlSource
from pgcanon.sources.empty import EmptySource
from pgcanon.sources.live import LiveSource
from pgcanon.sources.migrations import MigrationsSource
from pgcanon.sources.orm import OrmSource

if TYPE_CHECKING:
    from pgcanon.config import Settings
    from pgcanon.server import Server

__all__ = ["DdlSource", "EmptySource", "LiveSource", "MigrationsSource", "OrmSource", "Source", "resolve"]


class Source(Protocol):
    """Something that can be built into an empty database."""

    label: str

    def build(self, server: Server, conninfo: str) -> None:
        """Create the source's schema in the empty database at *conninfo*."""
        ...


def resolve(spec: str, settings: Settings) -> Source | LiveSource:
    """Turn a command-line *spec* into a source (see the module docstring)."""
    if "://" in spec:
        return LiveSource(spec)
    if spec == "empty":
        return EmptySource()
    if spec == "schema":
        return DdlSource((settings.need_schema("the source 'schema'"),), label="schema", root=settings.root)
    if spec == "migrations" or spec.startswith("migrations@"):
        _, _, rev = spec.partition("@")
        return MigrationsSource(settings, rev or "head")
    if spec == "orm" or spec.startswith("orm:"):
        _, _, target = spec.partition(":")
        target = target or settings.orm
        if not target:
            raise ConfigError("no ORM configured: set orm = 'package.module:Base.metadata' under [tool.pgcanon]")
        from pgcanon.migrations import import_path

        return OrmSource(target, label=spec, import_path=tuple(import_path(settings)))
    path = Path(spec)
    if path.suffix == ".sql" or path.is_dir() or path.exists():
        return DdlSource((path,), label=spec, root=None)
    raise ConfigError(
        f"unknown source {spec!r}: expected schema, a .sql file or directory, migrations[@REV], "
        "orm[:module], empty, or a postgresql:// URL"
    )
