"""The verdict on a target: compared with the revision it claims, not with head.

A target whose ``alembic_version`` claims revision R is compared with the snapshot of
``migrations@R``: equal and R is head, ``ok``; equal and R is older, ``behind`` (the
revisions after R are pending); different, ``drifted``. A target without the table is
compared with the canonical ``schema``. Each reference is built once per run, into a
scratch database, and kept in memory as a snapshot (:class:`References`).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from pgcanon.drift.model import Finding, Result, State
from pgcanon.drift.read import describe_failure, first_line
from pgcanon.drift.tenant import CANONICAL, as_canonical
from pgcanon.errors import ConfigError, MigrationError, PgcanonError

if TYPE_CHECKING:
    from pgcanon.catalog.model import Snapshot
    from pgcanon.config import Settings
    from pgcanon.diff import DiffOptions
    from pgcanon.drift.read import Claim
    from pgcanon.drift.targets import Target
    from pgcanon.sources import Source

SCHEMA = "schema"


@dataclass(frozen=True, slots=True)
class History:
    """The project's revisions, oldest first (empty when the project has no migrations)."""

    revisions: tuple[str, ...] = ()

    @classmethod
    def load(cls, settings: Settings) -> History:
        if not settings.alembic_ini.is_file():
            return cls()
        from pgcanon import migrations  # Alembic: not for `pgcanon --help`, which imports this module

        scripts = migrations.script_directory(settings)
        heads = scripts.get_heads()
        if len(heads) > 1:
            raise MigrationError(
                f"the migrations have {len(heads)} heads ({', '.join(sorted(heads))}): drift needs one history\n"
                "  merge them (alembic merge heads)"
            )
        return cls(tuple(s.revision for s in reversed(list(scripts.walk_revisions("base", "heads")))))

    @property
    def head(self) -> str | None:
        return self.revisions[-1] if self.revisions else None

    def pending(self, revision: str | None) -> tuple[str, ...]:
        """The revisions after *revision* (None = base) up to head, oldest first."""
        if revision is None:
            return self.revisions
        return self.revisions[self.revisions.index(revision) + 1 :]


def reference_spec(claim: Claim, history: History) -> tuple[str, str | None]:
    """The source spec a target with *claim* is compared with, and the revision it claims.

    :raises ConfigError: when the claim cannot be judged (a revision this checkout does not
        have, several revisions, a versioned target in a project without migrations).
    """
    if not claim.versioned:
        return SCHEMA, None
    if len(claim.revisions) > 1:
        raise ConfigError(f"alembic_version holds {len(claim.revisions)} revisions ({', '.join(claim.revisions)}): "
                          "branched histories are not supported")
    revision = claim.revisions[0] if claim.revisions else None
    if not history.revisions:
        raise ConfigError("the target has alembic_version, and the project has no migrations to compare it with")
    if revision is not None and revision not in history.revisions:
        raise ConfigError(f"alembic_version claims {revision}, which this checkout's migrations do not have "
                          f"(head is {history.head}; a newer release deployed?)")
    return f"migrations@{revision or 'base'}", revision


@dataclass
class References:
    """The snapshots targets are compared with, each built once, on pgcanon's server.

    :meth:`prepare` builds them one at a time, before any target is read: building runs the
    project's ``env.py``, which is given its scratch database through the process environment
    as well (``DATABASE_URL``, ``PG*``), and a target connection opened meanwhile could read
    those. A build that fails is remembered and reported by every target that needed it.
    """

    settings: Settings
    roles: tuple[str, ...] = ()
    _built: dict[str, Snapshot | PgcanonError] = field(default_factory=dict)
    _views: dict[tuple[str, str], Snapshot] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def prepare(self, specs: set[str]) -> None:
        from pgcanon.build import built, ensure_roles
        from pgcanon.catalog import read_snapshot
        from pgcanon.server import scratch_server
        from pgcanon.sources import resolve

        todo = sorted(s for s in specs if s not in self._built)
        if not todo:
            return
        server = scratch_server(self.settings)
        ensure_roles(server, (*self.settings.roles, *self.roles))
        for spec in todo:
            try:
                # "schema" or "migrations@REV": never a live database, so always something to build
                source = cast("Source", resolve(spec, self.settings))
                with built(source, server) as conninfo:
                    self._built[spec] = read_snapshot(conninfo)
            except PgcanonError as exc:
                self._built[spec] = exc

    def get(self, spec: str, schema: str | None = None) -> Snapshot:
        """The reference of *spec*; restricted to ``public`` for a schema-mode target.

        :raises PgcanonError: the error its build failed with.
        """
        found = self._built[spec]
        if isinstance(found, PgcanonError):
            raise found
        if schema is None:
            return found
        with self._lock:
            view = self._views.get((spec, CANONICAL))
            if view is None:
                view = self._views[(spec, CANONICAL)] = as_canonical(found, CANONICAL)
        return view


def failed(target: Target, exc: BaseException, *, claim: Claim | None = None) -> Result:
    """The ``error`` result of a target that could not be read or judged."""
    return Result(target.label, target.name, State.ERROR, message=describe_failure(exc),
                  versioned=bool(claim and claim.versioned),
                  revision=(claim.revisions[0] if claim and len(claim.revisions) == 1 else None))


def judge(
    target: Target,
    claim: Claim,
    snapshot: Snapshot,
    history: History,
    references: References,
    options: DiffOptions,
) -> Result:
    """Compare *snapshot* (the target as read) with the reference its *claim* names."""
    from pgcanon.diff import diff

    try:
        spec, revision = reference_spec(claim, history)
    except ConfigError as exc:
        return failed(target, exc, claim=claim)
    try:
        expected = references.get(spec, target.schema)
    except PgcanonError as exc:
        return failed(target, PgcanonError(f"cannot build {spec} to compare with: {first_line(exc)}"), claim=claim)
    found = as_canonical(snapshot, target.schema) if target.schema is not None else snapshot
    changes = diff(expected, found, options)
    label = spec if spec == SCHEMA else f"migrations@{revision or 'base'}"
    if changes:
        return Result(target.label, target.name, State.DRIFTED, findings=tuple(Finding.of(c) for c in changes),
                      revision=revision, versioned=claim.versioned, compared_with=label)
    pending = history.pending(revision) if claim.versioned else ()
    return Result(target.label, target.name, State.BEHIND if pending else State.OK, pending=pending,
                  revision=revision, versioned=claim.versioned, compared_with=label)
