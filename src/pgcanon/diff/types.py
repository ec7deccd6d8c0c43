"""User-defined types: enums, range types, domains and composite types."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pgcanon.diff.changes import Altered, Hazard
from pgcanon.diff.core import DiffOptions, compare_objects, group_of, register

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from pgcanon.catalog.model import Snapshot
    from pgcanon.diff.changes import Change


def _enum_labels(a: Any, b: Any, field: str) -> Iterable[Change] | None:
    if field != "labels":
        return None
    # PostgreSQL cannot drop an enum label: the type must be recreated, and rows holding it fail.
    hazards = (Hazard.DELETES_DATA,) if set(a.labels) - set(b.labels) else ()
    return [Altered(a.kind, a.qualname, field=field, old=a.labels, new=b.labels, group=group_of(a), hazards=hazards)]


@register("enum")
def compare_enums(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """Enums by name; labels compared as an ordered list (enumsortorder floats are never compared)."""
    return compare_objects(old.enums, new.enums, options, altered=_enum_labels)


@register("range type")
def compare_ranges(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """Range types by name: subtype, its operator class and collation, the canonical and subtype_diff
    functions, the multirange type's name, comment and privileges."""
    return compare_objects(old.ranges, new.ranges, options)


@register("domain")
def compare_domains(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """Domains by name: base type, collation, default, NOT NULL, named checks."""
    return compare_objects(old.domains, new.domains, options)


@register("composite type")
def compare_composite_types(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """Composite types by name: attributes in order."""
    return compare_objects(old.composite_types, new.composite_types, options)
