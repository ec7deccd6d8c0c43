"""Collations, by name within their schema; the columns and domains that use one compare its name."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pgcanon.diff.core import DiffOptions, compare_objects, register

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pgcanon.catalog.model import Snapshot
    from pgcanon.diff.changes import Change


@register("collation")
def compare_collations(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """Collations: provider, lc_collate/lc_ctype or locale, ICU rules, deterministic, comment."""
    return compare_objects(old.collations, new.collations, options)
