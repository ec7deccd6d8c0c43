"""Ownership: who owns each object both sides hold.

An object only one side holds is reported as added or removed by its own kind; its owner is not a
second line. The owner a plan gives a created object is :mod:`pgcanon.plan.owners`' concern.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pgcanon.diff.changes import Altered, Hazard
from pgcanon.diff.core import DiffOptions, diff_keyed, register

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pgcanon.catalog.model import Snapshot
    from pgcanon.diff.changes import Change


@register("owner")
def compare_owners(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """``table public.t: owner auditor (a) vs (database owner) (b)``, grouped with the object."""
    if options.ignore_owners:
        return
    _, _, common = diff_keyed(old.owners, new.owners)
    for o, n in common:
        if o.owner != n.owner:
            yield Altered(n.object_type.lower(), n.identity, group=n.identity, field="owner", old=o.owner,
                          new=n.owner, hazards=(Hazard.CHANGES_AUTHORIZATION,))
