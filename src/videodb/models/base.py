"""Declarative base, naming convention and shared column helpers.

The naming convention reproduces PostgreSQL's default constraint names, which
is what schema/create_schema.sql spells out:

* primary key   ``<table>_pkey``
* foreign key   ``<table>_<column>_fkey``
* unique        ``<table>_<col1>_<col2>_key``
* index         ``<table>_<col1>_<col2>_idx`` (unnamed ``index=True`` columns)
* check         ``<table>_<name>_check`` -- give CheckConstraint a short
  ``name`` (usually the column), e.g. ``name="size_bytes"`` ->
  ``videos_size_bytes_check``.

Explicitly named indexes keep their names.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DDL, DateTime, MetaData, event, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "pk": "%(table_name)s_pkey",
    "fk": "%(table_name)s_%(column_0_N_name)s_fkey",
    "uq": "%(table_name)s_%(column_0_N_name)s_key",
    "ix": "%(table_name)s_%(column_0_N_name)s_idx",
    "ck": "%(table_name)s_%(constraint_name)s_check",
}

#: Extensions the tables need (citext type, pg_trgm operator class).
EXTENSIONS = ("citext", "pg_trgm")

#: Server default for every timestamp column, exactly as PostgreSQL stores it.
NOW = text("CURRENT_TIMESTAMP")

#: Server default for every UUID primary key (built in since PostgreSQL 13).
GEN_UUID = text("gen_random_uuid()")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# ``Base.metadata.create_all()`` works on an empty database: the extensions the
# column types and operator classes rely on are created first. (Alembic does
# not go through this hook; the migrations create the extensions themselves.)
for _ext in EXTENSIONS:
    event.listen(
        Base.metadata,
        "before_create",
        DDL(f"CREATE EXTENSION IF NOT EXISTS {_ext}"),
    )


def created_at_column() -> Mapped[dt.datetime]:
    return mapped_column(
        DateTime(timezone=True), nullable=False, server_default=NOW
    )


def updated_at_column() -> Mapped[dt.datetime]:
    """Maintained by the set_updated_at() trigger in the database."""
    return mapped_column(
        DateTime(timezone=True), nullable=False, server_default=NOW
    )
