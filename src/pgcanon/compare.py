"""Compare two sources: build each, snapshot each, diff the snapshots.

A source spec used by several comparisons in one run (the canonical DDL in
``check``) is built and read once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pgcanon.build import built, ensure_roles
from pgcanon.server import resolve_server
from pgcanon.sources import LiveSource, resolve

if TYPE_CHECKING:
    from pgcanon.diff import DiffOptions
    from pgcanon.catalog.model import Snapshot
    from pgcanon.config import Settings
    from pgcanon.diff.changes import Change
    from pgcanon.server import Server


@dataclass(frozen=True)
class Comparison:
    """The outcome of comparing two sources."""

    old_label: str
    new_label: str
    changes: tuple[Change, ...]

    @property
    def equal(self) -> bool:
        return not self.changes


@dataclass
class Comparer:
    """Builds and snapshots sources on one server, remembering each spec's snapshot."""

    settings: Settings
    roles: tuple[str, ...] = ()
    _server: Server | None = None
    _snapshots: dict[str, tuple[str, Snapshot]] = field(default_factory=dict)

    @property
    def server(self) -> Server:
        if self._server is None:
            self._server = resolve_server(self.settings)
        return self._server

    def snapshot(self, spec: str) -> tuple[str, Snapshot]:
        """Return (label, snapshot) for *spec*, building it on first use."""
        # The engine is imported on first use: `pgcanon migrate` never needs it and starts faster without.
        from pgcanon.catalog import read_snapshot

        if spec not in self._snapshots:
            source = resolve(spec, self.settings)
            if isinstance(source, LiveSource):
                self._snapshots[spec] = (source.label, read_snapshot(source.conninfo()))
            else:
                ensure_roles(self.server, (*self.settings.roles, *self.roles))
                with built(source, self.server) as conninfo:
                    self._snapshots[spec] = (source.label, read_snapshot(conninfo))
        return self._snapshots[spec]

    def compare(self, old: str, new: str, options: DiffOptions) -> Comparison:
        from pgcanon.diff import diff

        old_label, old_snap = self.snapshot(old)
        new_label, new_snap = self.snapshot(new)
        return Comparison(old_label, new_label, tuple(diff(old_snap, new_snap, options)))
