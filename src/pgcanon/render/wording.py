"""Differences worded from the reader's side: which source lacks what, where the DDL declares it,
and the command that fixes the usual case.

``schema = migrations@head`` reading ``column public.videos.view_count: only in schema`` leaves the
reader to work out which side must change; ``migrations@head lacks column public.videos.view_count
(schema/create_schema.sql:95): run `pgcanon revision``` says it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pgcanon.diff.changes import Added, Removed

if TYPE_CHECKING:
    from pgcanon.diff.changes import Change

Located = dict[tuple[str, str], str]


@dataclass(frozen=True)
class ReaderWording:
    """Describes a change between *old_label* and *new_label*; ``*_located`` map objects to ``file:line``."""

    old_label: str
    new_label: str
    old_located: Located = field(default_factory=dict)
    new_located: Located = field(default_factory=dict)

    def _where(self, change: Change, located: Located) -> str:
        place = located.get((change.kind, change.name))
        if place is None and change.kind == "column":
            place = located.get(("table", change.name.rsplit(".", 1)[0]))
        return f" ({place})" if place else ""

    def _fix(self) -> str:
        sides = {self.old_label.split("@")[0], self.new_label.split("@")[0]}
        return ": run `pgcanon revision` (make revision m=...)" if sides == {"schema", "migrations"} else ""

    def __call__(self, change: Change) -> str:
        if isinstance(change, Removed):  # only in old: the new side lacks it
            return f"{self.new_label} lacks {change.what}{self._where(change, self.old_located)}{self._fix()}"
        if isinstance(change, Added):
            return f"{self.old_label} lacks {change.what}{self._where(change, self.new_located)}{self._fix()}"
        return change.describe(self.old_label, self.new_label)  # both sides have it: their labels say which is which
