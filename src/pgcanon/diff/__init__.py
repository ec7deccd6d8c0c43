"""The exact diff of two snapshots: ``diff(old, new, options) -> tuple[Change, ...]``.

Comparators register per kind in :data:`pgcanon.diff.core.COMPARATORS`; importing
this package imports them all.  Changes come out grouped by object (a table, then
its columns, constraints, indexes, triggers and policies), in key order, so two
runs over the same snapshots give the same report.  The columns of views are
compared with the views (option kind ``view``), though their changes are of kind
``column``, worded ``view column``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pgcanon.diff import (  # noqa: F401 - imported to register their comparators
    collations,
    columns,
    constraints,
    default_privileges,
    foreign,
    operators,
    owners,
    publications,
    routines,
    schemas,
    sequences,
    statistics,
    tables,
    text_search,
    triggers,
    types,
    views,
)
from pgcanon.diff.changes import Added, Altered, Change, Hazard, Removed, SecretAltered
from pgcanon.diff.core import COMPARATORS, DiffOptions, diff_keyed

if TYPE_CHECKING:
    from pgcanon.catalog.model import Snapshot

__all__ = ["COMPARATORS", "Added", "Altered", "Change", "DiffOptions", "Hazard", "Removed", "SecretAltered", "diff",
           "diff_keyed"]

#: Kinds that live inside a table: added or removed with their table, they are not listed again.
_TABLE_PARTS = frozenset({"column", "constraint", "index", "trigger", "policy", "statistics", "rule"})

#: Kinds that live on a view (or materialized view) and are folded into its change the same way.
_VIEW_PARTS = frozenset({"rule", "statistics"})


def _fold_table_parts(changes: list[Change]) -> list[Change]:
    """Drop the added/removed parts of a table that is itself added or removed (its change says it all);
    the same for the rules and statistics of a view."""
    whole = {c.name for c in changes if c.kind in ("table", "foreign table") and isinstance(c, (Added, Removed))}
    whole_views = {c.name for c in changes if c.kind == "view" and isinstance(c, (Added, Removed))}
    if not whole and not whole_views:
        return changes
    return [
        c for c in changes
        if not (isinstance(c, (Added, Removed)) and (
            (c.kind in _TABLE_PARTS and c.group in whole) or (c.kind in _VIEW_PARTS and c.group in whole_views)))
    ]


#: Report order of kinds within one group.
KIND_ORDER = (
    "schema", "extension", "foreign data wrapper", "foreign server", "user mapping", "collation",
    "text search template", "text search parser", "text search dictionary", "text search configuration", "enum",
    "range type", "domain", "composite type", "sequence", "table", "foreign table", "column", "constraint", "index",
    "statistics", "trigger", "rule", "policy", "view", "function", "cast", "operator", "operator family",
    "operator class", "event trigger", "publication", "default privileges",
)
_RANK = {k: i for i, k in enumerate(KIND_ORDER)}


def diff(old: Snapshot, new: Snapshot, options: DiffOptions = DiffOptions()) -> tuple[Change, ...]:  # noqa: B008
    """Every difference between *old* and *new*; empty when the schemas are the same.

    :param old: the snapshot reported as the first side (``only in <old label>``).
    :param new: the second side.
    :param options: relaxations of the strict comparison, and the kinds to compare.
    :returns: the changes, grouped by object and sorted.
    """
    changes: list[Change] = []
    for kind, comparator in COMPARATORS.items():
        if options.wants(kind):
            changes.extend(comparator(old, new, options))
    changes = _fold_table_parts(changes)
    # Stable sort: within one object, comparator order (added/removed/altered, field order) stays.
    changes.sort(key=lambda c: (c.group, _RANK.get(c.kind, 99), c.name))
    return tuple(changes)
