"""Views and materialized views."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pgcanon.diff.core import DiffOptions, compare_objects, register

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pgcanon.catalog.model import Snapshot
    from pgcanon.diff.changes import Change


@register("view")
def compare_views(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """Views by name: kind, pg_get_viewdef text, options, comment, privileges."""
    return compare_objects(old.views, new.views, options)
