"""Tables, and the order of their columns."""

from __future__ import annotations

from itertools import groupby
from operator import attrgetter
from typing import TYPE_CHECKING

from pgcanon.diff.changes import Altered, Hazard
from pgcanon.diff.core import DiffOptions, compare_objects, register

if TYPE_CHECKING:
    from collections.abc import Collection, Iterator, Sequence

    from pgcanon.catalog.model import Column, Snapshot
    from pgcanon.diff.changes import Change


@register("table")
def compare_tables(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """Tables by name: kind, partitioning, inheritance, options, RLS, comment, privileges.

    Column order is reported as a table change but computed with the columns
    (:func:`pgcanon.diff.columns.compare_columns`), so it follows the ``column`` kind.
    """
    return compare_objects(old.tables, new.tables, options, removed_hazards=(Hazard.DELETES_DATA,))


_name = attrgetter("name")
_table = attrgetter("schema", "table")


def _orders(
    columns: Sequence[Column], tables: Collection[tuple[str, str]] | None = None
) -> dict[tuple[str, str], tuple[str, ...]]:
    # The reader returns columns grouped by table, in physical order of live columns.
    if tables is None:
        return {k: tuple(map(_name, cs)) for k, cs in groupby(columns, key=_table)}
    return {k: tuple(map(_name, cs)) for k, cs in groupby(columns, key=_table) if k in tables}


def compare_column_order(
    old: Sequence[Column], new: Sequence[Column], tables: Collection[tuple[str, str]] | None = None
) -> Iterator[Change]:
    """One change per table present on both sides whose shared columns come in another order.

    Columns only on one side are reported as columns; this compares the relative
    order of the others, so a missing column does not also count as a reordering.
    PostgreSQL appends ADD COLUMN at the end: a late migration's column sits last.

    :param tables: compare only these ``(schema, table)`` (None: all); the others' orders
        must be known to be the same.
    """
    old_orders, new_orders = _orders(old, tables), _orders(new, tables)
    for key, a in old_orders.items():
        b = new_orders.get(key)
        if b is None or a == b:
            continue
        shared = set(a) & set(b)
        if [n for n in a if n in shared] != [n for n in b if n in shared]:
            name = f"{key[0]}.{key[1]}"
            yield Altered("table", name, field="column order", old=a, new=b, group=name)
