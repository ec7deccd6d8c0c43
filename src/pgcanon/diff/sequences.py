"""Sequences (identity sequences are compared with their column, see :mod:`pgcanon.diff.columns`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pgcanon.diff.core import DiffOptions, compare_objects, register

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pgcanon.catalog.model import Snapshot
    from pgcanon.diff.changes import Change


@register("sequence")
def compare_sequences(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """Sequences by name: type, start, increment, bounds, cache, cycle, OWNED BY."""
    return compare_objects(old.sequences, new.sequences, options)
