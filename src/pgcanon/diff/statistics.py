"""Extended statistics objects, by name within their schema."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pgcanon.diff.core import DiffOptions, compare_objects, register

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pgcanon.catalog.model import Snapshot
    from pgcanon.diff.changes import Change


@register("statistics")
def compare_statistics(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """Statistics objects: their table, kinds, columns and expressions, statistics target, comment."""
    return compare_objects(old.statistics, new.statistics, options)
