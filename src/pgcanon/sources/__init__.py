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

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from pgcanon.errors import ConfigError

if TYPE_CHECKING:
    from pgcanon.config import Settings
    from pgcanon.server import Server
    from pgcanon.sources.ddl import DdlSource
    from pgcanon.sources.empty import EmptySource
    from pgcanon.sources.live import LiveSource
    from pgcanon.sources.migrations import MigrationsSource
    from pgcanon.sources.orm import OrmSource

__all__ = ["KINDS", "DdlSource", "EmptySource", "LiveSource", "MigrationsSource", "OrmSource", "Source", "resolve"]

#: Each kind of source and where its class lives, imported when first used: the ORM source needs
#: SQLAlchemy and the migrations source Alembic, which ``pgcanon diff a.sql b.sql`` never loads.
KINDS: dict[str, str] = {
    "ddl": "pgcanon.sources.ddl:DdlSource",
    "empty": "pgcanon.sources.empty:EmptySource",
    "live": "pgcanon.sources.live:LiveSource",
    "migrations": "pgcanon.sources.migrations:MigrationsSource",
    "orm": "pgcanon.sources.orm:OrmSource",
}

_BY_CLASS_NAME = {target.partition(":")[2]: kind for kind, target in KINDS.items()}


def source_class(kind: str) -> Any:
    """The class of the sources of *kind* (a key of :data:`KINDS`), imported now."""
    module, _, attr = KINDS[kind].partition(":")
    return getattr(importlib.import_module(module), attr)


def __getattr__(name: str) -> Any:
    # PEP 562: ``from pgcanon.sources import OrmSource`` still works, and imports that source alone.
    if name in _BY_CLASS_NAME:
        return source_class(_BY_CLASS_NAME[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Source(Protocol):
    """Something that can be built into an empty database."""

    #: Its key in :data:`KINDS`: what callers test instead of ``isinstance``, which would import the class.
    kind: ClassVar[str]

    @property
    def label(self) -> str:
        """How reports name the source; a read-only attribute will do (the sources are frozen dataclasses)."""
        ...

    def build(self, server: Server, conninfo: str) -> None:
        """Create the source's schema in the empty database at *conninfo*."""
        ...


def resolve(spec: str, settings: Settings) -> Source | LiveSource:
    """Turn a command-line *spec* into a source (see the module docstring)."""
    if "://" in spec:
        return source_class("live")(spec)
    if spec == "empty":
        return source_class("empty")()
    if spec == "schema":
        schema = settings.need_schema("the source 'schema'")
        return source_class("ddl")((schema,), label="schema", root=settings.root)
    if spec == "migrations" or spec.startswith("migrations@"):
        _, _, rev = spec.partition("@")
        return source_class("migrations")(settings, rev or "head")
    if spec == "orm" or spec.startswith("orm:"):
        _, _, target = spec.partition(":")
        target = target or settings.orm
        if not target:
            raise ConfigError("no ORM configured: set orm = 'package.module:Base.metadata' under [tool.pgcanon]")
        from pgcanon.migrations import import_path

        return source_class("orm")(target, label=spec,
                                   import_path=tuple(import_path(settings)))
    path = Path(spec)
    if path.suffix == ".sql" or path.is_dir() or path.exists():
        return source_class("ddl")((path,), label=spec, root=None)
    raise ConfigError(
        f"unknown source {spec!r}: expected schema, a .sql file or directory, migrations[@REV], "
        "orm[:module], empty, or a postgresql:// URL"
    )
