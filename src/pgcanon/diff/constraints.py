"""Constraints and indexes, by name within their table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pgcanon.diff.changes import Hazard
from pgcanon.diff.core import DiffOptions, compare_objects, register

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pgcanon.catalog.model import Snapshot
    from pgcanon.diff.changes import Change


@register("constraint")
def compare_constraints(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """Constraints by (table, name): type and pg_get_constraintdef text."""
    return compare_objects(old.constraints, new.constraints, options)


@register("index")
def compare_indexes(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """Indexes by (table, name): pg_get_indexdef text (method, keys, INCLUDE, WITH, WHERE) and validity."""
    return compare_objects(old.indexes, new.indexes, options)


_ = Hazard  # hazards of constraint changes are a future refinement
