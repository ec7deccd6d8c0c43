"""Casts, by their source and target types; operators, by schema, name and argument types; operator
families and classes, by schema, name and access method."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pgcanon.diff.core import DiffOptions, compare_objects, register

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pgcanon.catalog.model import Snapshot
    from pgcanon.diff.changes import Change


@register("cast")
def compare_casts(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """Casts: method (its function, WITHOUT FUNCTION or WITH INOUT), context, comment."""
    return compare_objects(old.casts, new.casts, options)


@register("operator")
def compare_operators(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """Operators: function, commutator, negator, restrict and join estimators, HASHES, MERGES, comment."""
    return compare_objects(old.operators, new.operators, options)


@register("operator family")
def compare_operator_families(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """Operator families: their loose operators and functions, comment."""
    return compare_objects(old.operator_families, new.operator_families, options)


@register("operator class")
def compare_operator_classes(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """Operator classes: data type, DEFAULT, family, STORAGE, operators and functions, comment."""
    return compare_objects(old.operator_classes, new.operator_classes, options)
