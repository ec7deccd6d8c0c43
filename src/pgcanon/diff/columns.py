"""Columns: type, collation, NOT NULL (and its PostgreSQL 18 name), default, identity, generation."""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING, Any

from psycopg import sql

from pgcanon.diff.changes import Altered, Hazard
from pgcanon.diff.core import DiffOptions, compare_objects, group_of, register, without_equal_pairs
from pgcanon.diff.tables import compare_column_order

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from pgcanon.catalog.model import Snapshot
    from pgcanon.diff.changes import Change

_table = attrgetter("schema", "table")


def rename_not_null_hint(schema: str, table: str, old_name: str, new_name: str) -> str:
    """The plain-words fix for a NOT NULL constraint whose name differs."""
    stmt = sql.SQL("ALTER TABLE {} RENAME CONSTRAINT {} TO {}").format(
        sql.Identifier(schema, table), sql.Identifier(old_name), sql.Identifier(new_name)
    )
    return (
        "a renamed column keeps its old NOT NULL constraint name (PostgreSQL 18); "
        f"fix: {stmt.as_string()}"
    )


def _column_field(a: Any, b: Any, field: str) -> Iterable[Change] | None:
    if field == "not_null_name":
        if a.not_null_name is None or b.not_null_name is None:
            return ()  # NOT NULL itself differs, and is reported as such
        hint = rename_not_null_hint(a.schema, a.table, a.not_null_name, b.not_null_name)
        return [Altered(a.kind, a.qualname, field=field, old=a.not_null_name, new=b.not_null_name,
                        group=group_of(a), hint=hint)]
    if field == "type":
        return [Altered(a.kind, a.qualname, field=field, old=a.type, new=b.type, group=group_of(a),
                        hazards=(Hazard.REWRITES_TABLE, Hazard.TAKES_ACCESS_EXCLUSIVE_LOCK))]
    if field == "not_null" and b.not_null:
        return [Altered(a.kind, a.qualname, field=field, old=False, new=True, group=group_of(a),
                        hazards=(Hazard.VALIDATES_DATA,))]
    return None


@register("column")
def compare_columns(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """Columns by (table, name); their order is compared with the table (see :mod:`pgcanon.diff.tables`)."""
    # Set aside the pairs of equal columns once, for both comparisons: when none is left, both
    # sides list the same columns in the same order, and no table's column order can differ.
    rest_old, rest_new = without_equal_pairs(old.columns, new.columns)
    yield from compare_objects(rest_old, rest_new, options, removed_hazards=(Hazard.DELETES_DATA,),
                               altered=_column_field)
    if not options.ignore_column_order and (rest_old or rest_new):
        # The pairs set aside are equal (same table, same name) and in the same order on both sides
        # (runs only go forward): a table none of whose columns is left on either side has every
        # column paired, in the same order. Only the tables of the columns left can differ.
        tables = set(map(_table, rest_old))
        tables.update(map(_table, rest_new))
        yield from compare_column_order(old.columns, new.columns, tables)
