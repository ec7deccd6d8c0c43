"""The ORM adapter: a raw :class:`~pgcanon.comparison.Comparison` between models and another source,
narrowed to what models can declare and worded for the models' authors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlalchemy as sa

from pgcanon.comparison import Comparison
from pgcanon.diff.changes import Added, Altered, Removed
from pgcanon.errors import SourceError
from pgcanon.orm.declared import declarations, enum_declarations
from pgcanon.orm.explain import OrmExplainer, short
from pgcanon.orm.lint import problems
from pgcanon.orm.located import locations
from pgcanon.orm.scope import COMMENTABLE, LEFT_OUT
from pgcanon.sources import DdlSource, OrmSource
from pgcanon.sources.orm import load_models

if TYPE_CHECKING:
    from pgcanon.config import Settings
    from pgcanon.orm.declared import Declared
    from pgcanon.orm.located import Located


@dataclass(frozen=True)
class OrmContext:
    """What the ORM comparisons need to word their lines, computed once per models/DDL pair."""

    metadata: sa.MetaData
    declared: Declared
    located: Located
    ddl_label: str
    #: The models' module (``package.module``), as their lines name it.
    module: str


def orm_context(settings: Settings, orm: OrmSource, ddl: DdlSource | None) -> OrmContext:
    """Import the models, map who declares what, and (with a DDL) where the DDL writes each object."""
    metadata, registry = load_models(orm.target, orm.import_path)
    try:
        declared = enum_declarations(metadata, declarations(metadata, registry, orm.module))
    except sa.exc.InvalidRequestError as exc:  # mapper configuration: a relationship to a missing class…
        raise SourceError(f"the models in {orm.module!r} cannot be configured: {exc}") from None
    if ddl is None:
        return OrmContext(metadata, declared, {}, "", orm.module)
    files = ddl.files()
    label = ", ".join(str(f.relative_to(settings.root)) if f.is_relative_to(settings.root) else str(f) for f in files)
    return OrmContext(metadata, declared, locations(files, root=settings.root), label, orm.module)


def model_problems(context: OrmContext, orm: OrmSource, other_label: str) -> Comparison | None:
    """A comparison listing the models' own mistakes (see :mod:`pgcanon.orm.lint`), or None when there are none."""
    found = problems(context.metadata, context.declared, context.located, context.ddl_label or other_label)
    if not found:
        return None
    return Comparison(other_label, orm.label, found, notes=(
        f"{orm.label}: the models were not built; fix these first",))


def autogenerate_comparison(settings: Settings, context: OrmContext, base_label: str, conninfo: str) -> Comparison:
    """``alembic check`` against *conninfo* (*base_label* built), worded like the ORM comparison."""
    from pgcanon.orm.autogen import autogenerate_changes

    changes = autogenerate_changes(settings, conninfo, context.declared, context.located,
                                   context.ddl_label or base_label)
    return Comparison(base_label, "alembic autogenerate", changes,
                      notes=("alembic autogenerate: the models' operations against a database built from "
                             f"{base_label}, with env.py's compare options",) if changes else ())


def orm_comparison(
    settings: Settings, context: OrmContext, raw: Comparison, *, orm_is_old: bool, other_is_ddl: bool,
) -> Comparison:
    """*raw* (a diff between models and another source) narrowed and worded for the models' authors.

    :param orm_is_old: whether the models are *raw*'s old side.
    :param other_is_ddl: whether the other side is a DDL source (its file:line are then in *context*).
    """
    ddl_label = context.ddl_label if other_is_ddl else (raw.new_label if orm_is_old else raw.old_label)
    # SQLAlchemy can comment tables and columns only: a comment elsewhere is the DDL's alone.
    changes = tuple(c for c in raw.changes if not (isinstance(c, Altered) and c.field == "comment"
                                                   and c.kind not in COMMENTABLE))
    explain = OrmExplainer(ddl_label, context.module, context.declared, context.located, ddl_is_old=not orm_is_old)
    notes = [f"{raw.old_label} = {raw.new_label}: models are compared on what they can declare; left out: {LEFT_OUT}"]
    notes += raw.notes  # the kinds no snapshot models (not compared), as in every comparison
    if settings.orm_unmapped_tables == "note":
        # A table no model maps is the seed's "missing ORM model"; a project may accept it knowingly.
        unmapped = [c for c in changes if c.kind == "table" and isinstance(c, (Added, Removed))
                    and not explain.only_in_models(c)]
        changes = tuple(c for c in changes if c not in unmapped)
        notes += [f"note: table {short(c.name)} has no model" for c in unmapped]
    return Comparison(raw.old_label, raw.new_label, changes, describe=explain, notes=tuple(notes),
                      not_compared=raw.not_compared)
