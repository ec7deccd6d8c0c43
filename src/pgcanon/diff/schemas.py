"""Schemas and extensions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pgcanon.diff.changes import Hazard
from pgcanon.diff.core import DiffOptions, compare_objects, register

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pgcanon.catalog.model import Snapshot
    from pgcanon.diff.changes import Change


@register("schema")
def compare_schemas(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """Schemas by name: comment and privileges."""
    return compare_objects(old.schemas, new.schemas, options, removed_hazards=(Hazard.DELETES_DATA,))


@register("extension")
def compare_extensions(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """Extensions by name: schema and version (pg_dump does not show versions; we do, unless told not to)."""
    skip = frozenset({"version"}) if options.ignore_extension_versions else frozenset()
    if options.ignore_extensions:
        kept = lambda exts: tuple(e for e in exts if e.name not in options.ignore_extensions)  # noqa: E731
        return compare_objects(kept(old.extensions), kept(new.extensions), options, skip=skip)
    return compare_objects(old.extensions, new.extensions, options, skip=skip)
