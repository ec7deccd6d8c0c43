"""Turn a raw diff between DDL and models into a comparison worded for the models' authors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlalchemy as sa

from pgcanon.diff.changes import Added, Altered, Removed
from pgcanon.orm.declared import declarations, enum_declarations
from pgcanon.orm.explain import OrmExplainer, short
from pgcanon.orm.lint import problems
from pgcanon.orm.located import locations
from pgcanon.orm.scope import COMMENTABLE
from pgcanon.errors import SourceError
from pgcanon.sources import DdlSource, OrmSource
from pgcanon.sources.orm import load_models

if TYPE_CHECKING:
    from pgcanon.config import Settings
    from pgcanon.diff.changes import Change
    from pgcanon.orm.declared import Declared
    from pgcanon.orm.located import Located
    from pgcanon.sources import LiveSource, Source


@dataclass(frozen=True)
class OrmContext:
    """What the ORM comparisons need to word their lines, computed once per models/DDL pair."""

    metadata: sa.MetaData
    declared: Declared
    located: Located
    ddl_label: str


def orm_context(settings: Settings, orm: OrmSource, ddl: DdlSource | None) -> OrmContext:
    """Import the models, map who declares what, and (with a DDL) where the DDL writes each object."""
    metadata, registry = load_models(orm.target, orm.import_path)
    try:
        declared = enum_declarations(metadata, declarations(metadata, registry, orm.module))
    except sa.exc.InvalidRequestError as exc:  # mapper configuration: a relationship to a missing class…
        raise SourceError(f"the models in {orm.module!r} cannot be configured: {exc}") from None
    if ddl is None:
        return OrmContext(metadata, declared, {}, "")
    files = ddl.files()
    label = ", ".join(str(f.relative_to(settings.root)) if f.is_relative_to(settings.root) else str(f) for f in files)
    return OrmContext(metadata, declared, locations(files, root=settings.root), label)


def model_problems(context: OrmContext, orm: OrmSource, other_label: str):  # noqa: ANN201
    """A comparison listing the models' own mistakes (see :mod:`pgcanon.orm.lint`), or None when there are none."""
    from pgcanon.compare import Comparison

    found = problems(context.metadata, context.declared, context.located, context.ddl_label or other_label)
    if not found:
        return None
    return Comparison(other_label, orm.label, found, notes=(
        f"{orm.label}: the models were not built; fix these first",))


def autogenerate_comparison(settings: Settings, context: OrmContext, base_label: str, conninfo: str):  # noqa: ANN201
    """``alembic check`` against *conninfo* (*base_label* built), worded like the ORM comparison."""
    from pgcanon.compare import Comparison
    from pgcanon.orm.autogen import autogenerate_changes

    changes = autogenerate_changes(settings, conninfo, context.declared, context.located,
                                   context.ddl_label or base_label)
    return Comparison(base_label, "alembic autogenerate", changes,
                      notes=("alembic autogenerate: the models' operations against a database built from "
                             f"{base_label}, with env.py's compare options",) if changes else ())


def orm_comparison(
    settings: Settings,
    context: OrmContext,
    old: Source | LiveSource,
    new: Source | LiveSource,
    old_label: str,
    new_label: str,
    changes: tuple[Change, ...],
    left_out: str,
):  # noqa: ANN201 - returns pgcanon.compare.Comparison (imported late to avoid a cycle)
    from pgcanon.compare import Comparison

    orm, other = (old, new) if isinstance(old, OrmSource) else (new, old)
    assert isinstance(orm, OrmSource)
    ddl_label = context.ddl_label if isinstance(other, DdlSource) else (new_label if other is new else old_label)
    # SQLAlchemy can comment tables and columns only: a comment elsewhere is the DDL's alone.
    changes = tuple(c for c in changes if not (isinstance(c, Altered) and c.field == "comment"
                                               and c.kind not in COMMENTABLE))
    explain = OrmExplainer(ddl_label, orm.module, context.declared, context.located, ddl_is_old=orm is new)
    notes = [f"{old_label} = {new_label}: models are compared on what they can declare; left out: {left_out}"]
    if settings.orm_unmapped_tables == "note":
        # A table no model maps is the seed's "missing ORM model"; a project may accept it knowingly.
        unmapped = [c for c in changes if c.kind == "table" and isinstance(c, (Added, Removed))
                    and not explain.only_in_models(c)]
        changes = tuple(c for c in changes if c not in unmapped)
        notes += [f"note: table {short(c.name)} has no model" for c in unmapped]
    return Comparison(old_label, new_label, changes, describe=explain, notes=tuple(notes))
