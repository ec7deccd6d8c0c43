"""ORM models as a source: ``MetaData.create_all`` into an empty database."""

from __future__ import annotations

import importlib
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

import sqlalchemy as sa

from pgcanon.errors import SourceError
from pgcanon.migrations import reason, sa_connection

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlalchemy.orm import registry as Registry

    from pgcanon.server import Server


def load_models(target: str, import_path: Sequence[str] = ()) -> tuple[sa.MetaData, Registry | None]:
    """Import ``package.module[:attr.path]``; return its MetaData and, when known, its declarative registry.

    The target may name a declarative ``Base``, ``Base.metadata`` or a ``MetaData``;
    with no attribute path, ``Base`` is assumed. *import_path* goes in front of ``sys.path``
    first, as Alembic's ``prepend_sys_path`` does, so the project needs no ``PYTHONPATH``.
    """
    for entry in reversed(import_path):
        if entry not in sys.path:
            sys.path.insert(0, entry)
    module_name, _, attr_path = target.partition(":")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", sa.exc.SAWarning)
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:
            raise SourceError(f"cannot import ORM module {module_name!r}: {exc}") from None
        except Exception as exc:  # noqa: BLE001 - any error while the models' modules run: report it, not a traceback
            _refuse_reserved_names(caught)
            raise SourceError(
                f"ORM module {module_name!r} failed to import: {type(exc).__name__}: {exc}"
            ) from None
    _refuse_reserved_names(caught)
    metadata, registry = _resolve(target, module, attr_path)
    _refuse_mapped_metadata(registry)
    return metadata, registry


def _refuse_mapped_metadata(registry: Registry | None) -> None:
    """The same mistake, seen on the mapped classes (when the models were imported before, e.g. by env.py)."""
    for mapper in registry.mappers if registry is not None else ():
        cls = mapper.class_
        if "metadata" in vars(cls) and not isinstance(vars(cls)["metadata"], sa.MetaData):
            raise SourceError(
                f"{cls.__module__}.{cls.__qualname__}.metadata: an attribute named 'metadata', which SQLAlchemy "
                "reserves for the MetaData\n  rename it (the seed's fix: Video.video_metadata, not Video.metadata)"
            )


def _refuse_reserved_names(caught: list[warnings.WarningMessage]) -> None:
    """Make SQLAlchemy's warning about an attribute named ``metadata`` the error it should be.

    SQLAlchemy 2.1 only warns; the model then breaks at the first query or when its
    relationships are configured, far from the cause (the seed's outage devlog).
    Other warnings are passed on unchanged.
    """
    for w in caught:
        if "'metadata'" in str(w.message) and "reserved" in str(w.message):
            try:
                line = Path(w.filename).read_text(encoding="utf-8").splitlines()[w.lineno - 1].strip()
            except (OSError, IndexError):
                line = ""
            owner = line.split("(")[0].removeprefix("class ").strip() if line.startswith("class ") else "a model"
            raise SourceError(
                f"{w.filename}:{w.lineno}: {owner} has an attribute named 'metadata', which SQLAlchemy "
                "reserves for the MetaData\n  rename it (the seed's fix: Video.video_metadata, not Video.metadata)"
            )
        warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)


def _resolve(target: str, module: object, attr_path: str) -> tuple[sa.MetaData, Registry | None]:
    obj, parent = module, module
    for part in [p for p in attr_path.split(".") if p] if attr_path else ["Base"]:
        parent = obj
        try:
            obj = getattr(obj, part)
        except AttributeError:
            raise SourceError(f"{target}: {getattr(parent, '__name__', parent)!s} has no attribute {part!r}") from None
    if isinstance(obj, sa.MetaData):
        return obj, getattr(parent, "registry", None)
    metadata = getattr(obj, "metadata", None)
    if isinstance(metadata, sa.MetaData):
        return metadata, getattr(obj, "registry", None)
    raise SourceError(f"{target}: not a SQLAlchemy MetaData or declarative Base")


def load_metadata(target: str, import_path: Sequence[str] = ()) -> sa.MetaData:
    """The MetaData of ``package.module[:attr.path]`` (see :func:`load_models`)."""
    return load_models(target, import_path)[0]


@dataclass(frozen=True)
class OrmSource:
    """SQLAlchemy models, given as ``package.module[:attr]``."""

    kind: ClassVar[str] = "orm"

    target: str
    label: str = "orm"
    #: Directories the models import from (the project root, alembic.ini's ``prepend_sys_path``).
    import_path: tuple[str, ...] = ()

    @property
    def module(self) -> str:
        return self.target.partition(":")[0]

    def build(self, server: Server, conninfo: str) -> None:
        metadata = load_metadata(self.target, self.import_path)
        with sa_connection(conninfo) as conn:
            try:
                metadata.create_all(conn)
                conn.commit()
            except sa.exc.SQLAlchemyError as exc:
                raise SourceError(f"{self.target}: create_all failed: {reason(exc).splitlines()[0]}") from None
