"""What neither side's snapshot models, side by side: the objects of the kinds pgcanon does not read
(:class:`~pgcanon.catalog.model.NotCompared`), so that a comparison never passes over them silently.

Reported as a note (``not compared: 2 operators, 1 conversion``), listed in the JSON report, and, with
``DiffOptions(strict_kinds=True)`` (``--strict-kinds``), refused as an error.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pgcanon.catalog.objects import NotCompared, plural
from pgcanon.errors import PgcanonError

if TYPE_CHECKING:
    from pgcanon.catalog.model import Snapshot
    from pgcanon.diff.core import DiffOptions

#: (kind, count in the old snapshot, count in the new), sorted by kind.
Uncompared = tuple[tuple[str, int, int], ...]


class KindsNotCompared(PgcanonError):
    """``--strict-kinds``: a side holds objects of kinds the snapshot does not model (exit 2)."""

    @classmethod
    def found(cls, entries: Uncompared, old_label: str, new_label: str) -> KindsNotCompared:
        return cls(f"{describe(entries, old_label, new_label)}: pgcanon cannot say whether they are equal\n"
                   "  drop --strict-kinds to compare everything else (the report then notes them), or remove them")


def not_compared(old: Snapshot, new: Snapshot) -> Uncompared:
    """Each kind that either snapshot counts among the objects it does not model, with both counts."""
    a = {n.object_kind: n.count for n in old.not_compared}
    b = {n.object_kind: n.count for n in new.not_compared}
    return tuple((kind, a.get(kind, 0), b.get(kind, 0)) for kind in sorted(a.keys() | b.keys()))


def noted(old: Snapshot, new: Snapshot, options: DiffOptions, old_label: str, new_label: str,
          ) -> tuple[Uncompared, tuple[str, ...]]:
    """What the sides hold that is not compared and the note that says it, for every command that
    compares or plans; with ``options.strict_kinds`` any such object is an error instead."""
    skipped = not_compared(old, new)
    if skipped and options.strict_kinds:
        raise KindsNotCompared.found(skipped, old_label, new_label)
    return skipped, (describe(skipped, old_label, new_label),) if skipped else ()


def describe(entries: Uncompared, old_label: str, new_label: str) -> str:
    """``not compared: 2 operators, 1 conversion``; a kind the sides hold in other numbers says both."""
    parts = []
    for kind, a, b in entries:
        if a == b:
            parts.append(NotCompared(kind, a).describe())
        else:
            parts.append(f"{plural(kind)} ({old_label}: {a}, {new_label}: {b})")
    return "not compared: " + ", ".join(parts)

