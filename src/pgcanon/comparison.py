"""The outcome of comparing two sources, on its own: what :mod:`pgcanon.compare` produces, what the
ORM wording (:mod:`pgcanon.orm.compare`) adapts, and what the renderers and commands consume.

It depends on no layer that builds or explains, so each of those can import it without
importing the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from pgcanon.diff.changes import Change


@dataclass(frozen=True)
class Comparison:
    """The outcome of comparing two sources.

    ``describe`` words a change for this comparison's readers (the models' terms for ORM
    comparisons); ``notes`` are said once, whatever the outcome. ``not_compared`` counts, per kind
    the snapshots do not model, the objects on each side: ``(kind, old count, new count)``.
    """

    old_label: str
    new_label: str
    changes: tuple[Change, ...]
    describe: Callable[[Change], str] | None = None
    notes: tuple[str, ...] = ()
    not_compared: tuple[tuple[str, int, int], ...] = ()

    @property
    def equal(self) -> bool:
        return not self.changes

    def lines(self) -> list[str]:
        """One line per change, in this comparison's words."""
        if self.describe is not None:
            return [self.describe(c) for c in self.changes]
        return [c.describe(self.old_label, self.new_label) for c in self.changes]
