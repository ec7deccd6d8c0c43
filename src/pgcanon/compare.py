"""Compare two sources: build each, snapshot each, diff the snapshots.

A source spec used by several comparisons in one run (the canonical DDL in
``check``) is built and read once. A comparison with ORM models is narrowed to
what models can declare and explained in the models' terms.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from pgcanon.build import built, ensure_roles
from pgcanon.comparison import Comparison
from pgcanon.errors import PgcanonError
from pgcanon.orm.scope import orm_options
from pgcanon.render.wording import ReaderWording
from pgcanon.server import scratch_server
from pgcanon.sources import resolve

if TYPE_CHECKING:
    from pgcanon.catalog.model import Snapshot
    from pgcanon.config import Settings
    from pgcanon.diff import DiffOptions
    from pgcanon.orm.compare import OrmContext
    from pgcanon.server import Server
    from pgcanon.sources import DdlSource, LiveSource, OrmSource, Source


@dataclass
class Comparer:
    """Builds and snapshots sources on one server, remembering each spec's snapshot.

    The database a spec in *keep* was built into stays until :meth:`close`, so a later step that
    needs the same build (``autogenerate`` on the canonical DDL, in ``check``) runs on it instead of
    building it again; a step that would change it (Alembic's stamp) runs after every read of it.
    """

    settings: Settings
    roles: tuple[str, ...] = ()
    _server: Server | None = None
    keep: frozenset[str] = frozenset()
    _snapshots: dict[str, tuple[str, Snapshot]] = field(default_factory=dict)
    _orm_contexts: dict[tuple[OrmSource, DdlSource | None], OrmContext] = field(default_factory=dict)
    _kept: dict[str, str] = field(default_factory=dict)
    _stack: ExitStack = field(default_factory=ExitStack)
    # Builds run in threads (:meth:`snapshots`); an ExitStack is not safe to push onto from two at once.
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def close(self) -> None:
        """Drop the databases kept for later steps."""
        self._kept.clear()
        self._stack.close()

    @property
    def server(self) -> Server:
        if self._server is None:
            self._server = scratch_server(self.settings)
        return self._server

    def snapshot(self, spec: str) -> tuple[str, Snapshot]:
        """Return (label, snapshot) for *spec*, building it on first use."""
        # The engine is imported on first use: `pgcanon migrate` never needs it and starts faster without.
        from pgcanon.catalog import read_snapshot

        if spec not in self._snapshots:
            source = resolve(spec, self.settings)
            if source.kind == "live":  # read where it is, never built
                self._snapshots[spec] = (source.label, read_snapshot(cast("LiveSource", source).conninfo()))
            else:
                source = cast("Source", source)
                ensure_roles(self.server, (*self.settings.roles, *self.roles))
                if spec in self.keep:
                    with ExitStack() as mine:
                        conninfo = mine.enter_context(built(source, self.server))
                        self._snapshots[spec] = (source.label, read_snapshot(conninfo))
                        with self._lock:
                            self._stack.push(mine.pop_all())
                        self._kept[spec] = conninfo
                else:
                    with built(source, self.server) as conninfo:
                        self._snapshots[spec] = (source.label, read_snapshot(conninfo))
        return self._snapshots[spec]

    def snapshots(self, *specs: str, quiet: bool = False) -> list[tuple[str, Snapshot]]:
        """:meth:`snapshot` of each of *specs*, those not built yet built at the same time.

        A build mostly waits for the server, so two builds at once take little more than one.
        Migrations and models are built one at a time, in one thread: Alembic's ``context`` and the
        environment hand-over of :mod:`pgcanon.confine` are process-wide, and SQLAlchemy is imported
        there. With *quiet*, a source that fails is left for :meth:`snapshot` to raise later (one
        check's error stays that check's); nothing is returned.
        """
        kinds: dict[str, str] = {}
        for spec in dict.fromkeys(specs):
            if spec in self._snapshots:
                continue
            try:
                kinds[spec] = resolve(spec, self.settings).kind
            except PgcanonError:
                if not quiet:
                    raise  # else: the check naming it says so, in its own line
        todo = list(kinds)
        # Models and migrations import SQLAlchemy (and Alembic) lazily: two threads importing one package at
        # once can see it half-initialised, so those sources are built one after the other, in one thread.
        alone = [s for s in todo if kinds[s] in ("migrations", "orm")]
        together = [s for s in todo if s not in alone]
        if len(together) + min(len(alone), 1) > 1:
            self.server  # noqa: B018 - started once, before the threads ask for it
            ensure_roles(self.server, (*self.settings.roles, *self.roles))

            def build(group: list[str]) -> None:
                for spec in group:
                    try:
                        self.snapshot(spec)
                    except PgcanonError:
                        if not quiet:
                            raise

            with ThreadPoolExecutor(max_workers=len(together) + 1, thread_name_prefix="pgcanon-build") as pool:
                done = [pool.submit(build, [s]) for s in together] + [pool.submit(build, alone)]
                for future in done:
                    future.result()
        return [] if quiet else [self.snapshot(s) for s in specs]

    def orm_context(self, orm: OrmSource, ddl: DdlSource | None) -> OrmContext:
        """The models' declarations and the DDL's locations, computed once per run (check uses them thrice)."""
        from pgcanon.orm.compare import orm_context

        key = (orm, ddl)
        if key not in self._orm_contexts:
            self._orm_contexts[key] = orm_context(self.settings, orm, ddl)
        return self._orm_contexts[key]

    def compare(self, old: str, new: str, options: DiffOptions) -> Comparison:
        from pgcanon.diff import diff

        old_source, new_source = resolve(old, self.settings), resolve(new, self.settings)
        orm = _orm_side(old_source, new_source)
        if orm is not None:
            from pgcanon.orm.compare import model_problems

            other, other_spec = (new_source, new) if orm is old_source else (old_source, old)
            context = self.orm_context(orm, _ddl(other))
            found = model_problems(context, orm, other_spec)
            if found is not None:
                return found
            options = orm_options(options)
        (old_label, old_snap), (new_label, new_snap) = self.snapshots(old, new)
        changes = tuple(diff(old_snap, new_snap, options))
        from pgcanon.diff import uncompared

        # what neither snapshot models is said, never passed over (an error with --strict-kinds)
        skipped, notes = uncompared.noted(old_snap, new_snap, options, old_label, new_label)
        if orm is None:
            return Comparison(old_label, new_label, changes, describe=_wording(old_source, new_source, old_label,
                                                                              new_label, self.settings),
                              notes=notes, not_compared=skipped)
        from pgcanon.orm.compare import orm_comparison

        # The raw comparison, reworded for the models' authors by the ORM adapter.
        return orm_comparison(self.settings, context,
                              Comparison(old_label, new_label, changes, notes=notes, not_compared=skipped),
                              orm_is_old=orm is old_source, other_is_ddl=_ddl(other) is not None)

    def autogenerate(self) -> Comparison:
        """Alembic's autogenerate (``alembic check``) against a scratch database built from the canonical DDL,
        or from the migrations' head when the project has no DDL."""
        from pgcanon.orm.compare import autogenerate_comparison

        spec = autogenerate_base(self.settings)
        resolved, resolved_orm = resolve(spec, self.settings), resolve("orm", self.settings)
        assert resolved_orm.kind == "orm" and resolved.kind != "live"
        orm, base = cast("OrmSource", resolved_orm), cast("Source", resolved)
        context = self.orm_context(orm, _ddl(base))
        kept = self._kept.pop(spec, None)
        if kept is not None:  # built and read already; nothing reads it after this (the stamp writes to it)
            return autogenerate_comparison(self.settings, context, base.label, kept)
        ensure_roles(self.server, (*self.settings.roles, *self.roles))
        with built(base, self.server) as conninfo:
            return autogenerate_comparison(self.settings, context, base.label, conninfo)


def autogenerate_base(settings: Settings) -> str:
    """The source Alembic's autogenerate compares the models with: the canonical DDL, else the migrations' head."""
    return "schema" if settings.schema is not None else "migrations@head"


# Sources are told apart by kind, not isinstance: testing for OrmSource would import SQLAlchemy.
def _orm_side(old: Source | LiveSource, new: Source | LiveSource) -> OrmSource | None:
    for side in (old, new):
        if side.kind == "orm":
            return cast("OrmSource", side)
    return None


def _ddl(source: object) -> DdlSource | None:
    return cast("DdlSource", source) if getattr(source, "kind", None) == "ddl" else None


__all__ = ["Comparer", "Comparison"]


def _wording(old: object, new: object, old_label: str, new_label: str, settings: Settings) -> ReaderWording:
    """Reader-side wording, with the DDL's file:line for objects a DDL source declares."""
    from pgcanon.orm.located import locations

    def located(source: object) -> dict[tuple[str, str], str]:
        ddl = _ddl(source)
        return locations(ddl.files(), root=ddl.root or settings.root) if ddl is not None else {}

    return ReaderWording(old_label, new_label, located(old), located(new))
