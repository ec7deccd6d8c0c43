"""Assertions for a project's own tests: two schemas are the same, or the failure lists every difference."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pgcanon.diff import DiffOptions

if TYPE_CHECKING:
    from pgcanon.compare import Comparer


def assert_same_schema(comparer: Comparer, old: str, new: str, options: DiffOptions | None = None) -> None:
    """Fail with one line per difference when source *old* and source *new* differ.

    :param comparer: builds and caches snapshots (the ``pgcanon_compare`` fixture).
    :param old: the reference source spec, e.g. ``"schema"``.
    :param new: the compared source spec, e.g. ``"migrations@head"``.
    """
    result = comparer.compare(old, new, comparer.settings.diff_options(options or DiffOptions()))
    if result.changes:
        lines = "\n".join(c.describe(result.old_label, result.new_label) for c in result.changes)
        raise AssertionError(
            f"{result.old_label} and {result.new_label} differ ({len(result.changes)}):\n{lines}"
        )
