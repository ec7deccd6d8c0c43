"""The proof a generated revision must pass before it is kept: on a scratch database, upgrade to it
(snapshot equals ``schema``), downgrade one step (equals the old head), upgrade again (equals ``schema``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pgcanon.catalog import read_snapshot
from pgcanon.diff import DiffOptions, diff
from pgcanon.migrations import downgrade, upgrade
from pgcanon.render import text
from pgcanon.scratch import scratch_database

if TYPE_CHECKING:
    from pgcanon.catalog import Snapshot
    from pgcanon.config import Settings
    from pgcanon.server import Server


def prove(settings: Settings, server: Server, new: Snapshot, old: Snapshot, options: DiffOptions,
          down_options: DiffOptions) -> list[str]:
    """What still differs after each step (empty when the revision is proven)."""
    failures: list[str] = []
    with scratch_database(server) as conninfo:
        for step, action, want, opts, label in (
            ("upgrade head", lambda: upgrade(settings, conninfo, "head"), new, options, "schema"),
            ("downgrade -1", lambda: downgrade(settings, conninfo, "-1"), old, down_options, "migrations@head"),
            ("upgrade head again", lambda: upgrade(settings, conninfo, "head"), new, options, "schema"),
        ):
            action()
            left = diff(read_snapshot(conninfo), want, opts)
            if left:
                failures.append(f"after {step}, the database differs from {label}:\n"
                                + text.render(left, step, label))
                break
    return failures
