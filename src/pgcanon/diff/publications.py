"""Publications of logical replication, by name (they have no schema)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pgcanon.diff.core import DiffOptions, compare_objects, register

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pgcanon.catalog.model import Snapshot
    from pgcanon.diff.changes import Change


@register("publication")
def compare_publications(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """Publications: FOR ALL TABLES, operations published, publish_via_partition_root,
    publish_generated_columns (18), the tables (with column lists and row filters) and the schemas
    published, comment."""
    return compare_objects(old.publications, new.publications, options)
