"""Default privileges (``ALTER DEFAULT PRIVILEGES``): per role, schema and kind of object, what its future
objects are granted. An entry one side lacks is that side's defaults, so the change is always the
privileges' delta (``PUBLIC:EXECUTE only in a``), never an entry "only in" one side."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pgcanon.diff.changes import Altered, Hazard
from pgcanon.diff.core import DiffOptions, diff_keyed, register

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pgcanon.catalog.model import Snapshot
    from pgcanon.diff.changes import Change


@register("default privileges")
def compare_default_privileges(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """``default privileges for (database owner) on functions: privileges PUBLIC:EXECUTE only in a``."""
    if options.ignore_privileges:
        return
    added, removed, common = diff_keyed(old.default_privileges, new.default_privileges)
    deltas = [(o.privileges, n.privileges, n) for o, n in common]
    deltas += [(n.defaults, n.privileges, n) for n in added] + [(o.privileges, o.defaults, o) for o in removed]
    for before, after, entry in sorted(deltas, key=lambda d: d[2].key):
        if set(before) != set(after):
            yield Altered("default privileges", entry.qualname, group=entry.qualname, field="privileges",
                          old=before, new=after, hazards=(Hazard.CHANGES_AUTHORIZATION,))
