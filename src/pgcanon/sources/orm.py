"""ORM models as a source: ``MetaData.create_all`` into an empty database."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlalchemy as sa

from pgcanon.errors import SourceError
from pgcanon.migrations import sa_connection

if TYPE_CHECKING:
    from pgcanon.server import Server


def load_metadata(target: str) -> sa.MetaData:
    """Import ``package.module[:attr.path]`` and return its MetaData (``Base`` or ``Base.metadata``)."""
    module_name, _, attr_path = target.partition(":")
    try:
        obj: object = importlib.import_module(module_name)
    except ImportError as exc:
        raise SourceError(f"cannot import ORM module {module_name!r}: {exc}") from None
    except Exception as exc:  # a model that SQLAlchemy refuses while declaring (e.g. an attribute named metadata)
        raise SourceError(f"ORM module {module_name!r} failed to import: {type(exc).__name__}: {exc}") from None
    for part in filter(None, attr_path.split(".")) if attr_path else ("Base",):
        try:
            obj = getattr(obj, part)
        except AttributeError:
            raise SourceError(f"{target}: {module_name} has no attribute {part!r}") from None
    if isinstance(obj, sa.MetaData):
        return obj
    metadata = getattr(obj, "metadata", None)
    if isinstance(metadata, sa.MetaData):
        return metadata
    raise SourceError(f"{target}: not a SQLAlchemy MetaData or declarative Base")


@dataclass(frozen=True)
class OrmSource:
    """SQLAlchemy models, given as ``package.module[:attr]``."""

    target: str
    label: str = "orm"

    def build(self, server: Server, conninfo: str) -> None:
        metadata = load_metadata(self.target)
        with sa_connection(conninfo) as conn:
            try:
                metadata.create_all(conn)
                conn.commit()
            except sa.exc.SQLAlchemyError as exc:
                reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
                raise SourceError(f"{self.target}: create_all failed: {reason}") from None
