"""pgcanon: the canonical DDL is the one truth; everything else is compared with it."""

from __future__ import annotations

from pgcanon.errors import DiffFound, MigrationError, PgcanonError, ServerError, SourceError

__version__ = "0.1.0"

__all__ = ["DiffFound", "MigrationError", "PgcanonError", "ServerError", "SourceError", "__version__"]
