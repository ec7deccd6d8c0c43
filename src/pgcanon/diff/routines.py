"""Functions, procedures and aggregates, by schema.name(argument types)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pgcanon.diff.core import DiffOptions, compare_objects, register

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pgcanon.catalog.model import Snapshot
    from pgcanon.diff.changes import Change


@register("function")
def compare_functions(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """Routines: result, language, body byte for byte, volatility, strictness, security, parallel, config."""
    return compare_objects(old.functions, new.functions, options)
