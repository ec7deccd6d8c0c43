"""The generator's proof: apply the plan OLD → NEW with psql on a database holding OLD, then compare
the result with NEW twice, by pgcanon's own diff and by a normalized ``pg_dump --schema-only``
(an oracle that shares no code with us).

Each side of a pair is built once and each built database serves as a plan's target once:
a side's own database, after its snapshot and dump were taken, is where the plan *from* that side
runs; a database a proven plan left holding the other side serves the next plan from there. Both
directions of a pair cost two builds; a side is built again only when no database holds it any more
(a failed plan leaves its database in no known state, so it is never reused). On the fsync-less
scratch cluster a fresh database (about 50 ms to create and drop) costs less than emptying a used one
and proving it empty, so databases are not pooled.
"""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import psycopg
from pgdump import normalized_dump, pg_dump_bin
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict

from pgcanon.catalog import read_snapshot
from pgcanon.diff import DiffOptions, diff
from pgcanon.diff.changes import Hazard
from pgcanon.plan import plan
from pgcanon.plan.quote import ident
from pgcanon.render import sql as render_sql
from pgcanon.render import text
from pgcanon.scratch import scratch_database
from pgcanon.sources.ddl import DdlSource

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable, Mapping

    from pgcanon.catalog import Snapshot
    from pgcanon.plan import Plan
    from pgcanon.server import Server

@dataclass(frozen=True)
class Side:
    """One side of a pair as it was built: its snapshot and dump (the database may have changed since)."""

    conninfo: str
    snapshot: Snapshot
    dump: str


def psql(conninfo: str, script: str) -> subprocess.CompletedProcess[str]:
    """Run *script* as ``psql -X -v ON_ERROR_STOP=1 -f FILE`` would, on *conninfo*."""
    params = conninfo_to_dict(conninfo)
    env = dict(os.environ)
    if params.get("password"):
        env["PGPASSWORD"] = str(params.pop("password"))
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as f:
        f.write(script)
    try:
        return subprocess.run(
            [str(pg_dump_bin().with_name("psql")), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", f.name,
             " ".join(f"{k}='{v}'" for k, v in params.items())],
            capture_output=True, text=True, env=env, check=False,
        )
    finally:
        Path(f.name).unlink()


def load(conninfo: str, ddl: str) -> None:
    """Run *ddl* (any number of statements) on *conninfo*, in autocommit, as one batch."""
    with psycopg.connect(conninfo, autocommit=True) as conn:
        if ddl.strip():
            conn.execute(ddl.encode())


def dbname(conninfo: str) -> str:
    return str(conninfo_to_dict(conninfo)["dbname"])


# -- rows that must survive a plan ------------------------------------------------------------------

def _kept_columns(table: tuple[str, str], src: Snapshot, dst: Snapshot) -> list[str]:
    """The columns of *table* whose values the plan must leave as they are: same name, type and
    generation on both sides, and not of a composite type the plan alters (its values gain or lose
    fields)."""
    altered_types = {n.qualname for o, n in _common(src.composite_types, dst.composite_types) if o != n}
    after = {c.key: c for c in dst.columns}
    kept = []
    for c in src.columns:
        if (c.schema, c.table) != table or c.key not in after:
            continue
        n = after[c.key]
        same = (c.type, c.collation, c.generated) == (n.type, n.collation, n.generated)
        if same and (c.generated is None or c.default == n.default) and c.type.removesuffix("[]") not in altered_types:
            kept.append(c.name)
    return kept


def _common(old: tuple, new: tuple) -> list[tuple]:  # type: ignore[type-arg]
    by_key = {o.key: o for o in old}
    return [(by_key[n.key], n) for n in new if n.key in by_key]


def row_fingerprints(conninfo: str, src: Snapshot, dst: Snapshot, *, after: bool = False,
                     ) -> dict[tuple[str, str], tuple[int, str]]:
    """Per table of *src* that holds rows itself (partitioned parents hold none): its row count and a
    digest of the values of the columns the plan to *dst* must keep (see :func:`_kept_columns`).

    :param after: the database holds *dst* now: tables the plan dropped are not read (they count as empty).
    """
    present = {t.key for t in (dst if after else src).tables}
    tables = [t for t in src.tables if t.table_kind == "table" and t.key in present]
    if not tables:
        return {}
    # One statement for every table: a query per table cost a round trip and a plan each.
    parts = []
    for t in tables:
        columns = _kept_columns(t.key, src, dst)
        row = sql.SQL("ROW({})").format(sql.SQL(", ").join(map(sql.Identifier, columns))) if columns else (
            sql.SQL("''"))
        parts.append(sql.SQL("SELECT {}::text, {}::text, count(*), coalesce(md5(string_agg(r, E'\\n' ORDER BY r)), '') "
                             "FROM (SELECT {}::text AS r FROM ONLY {}) AS rows").format(
            sql.Literal(t.schema), sql.Literal(t.name), row, sql.Identifier(t.schema, t.name)))
    with psycopg.connect(conninfo, autocommit=True) as conn:
        rows = conn.execute(sql.SQL(" UNION ALL ").join(parts)).fetchall()
    return {(schema, name): (count, digest) for schema, name, count, digest in rows if count}


def data_deleted(p: Plan, src: Snapshot) -> set[tuple[str, str]]:
    """The tables of *src* a statement marked DELETES_DATA may empty or change: those it names, those
    in a schema it drops, and those with a column of a type it names (``DROP TYPE``, ``DROP ATTRIBUTE``)."""
    statements = [s.sql for s in p.statements if Hazard.DELETES_DATA in s.hazards]

    def named(name: str) -> bool:
        pattern = re.compile(rf'(?<![\w."]){re.escape(name)}(?![\w"])')
        return any(pattern.search(s) for s in statements)

    dropped_schemas = {s.name for s in src.schemas if any(x.startswith(f"DROP SCHEMA {ident(s.name)}")
                                                          for x in statements)}
    out = {t.key for t in src.tables if t.schema in dropped_schemas or named(ident(t.schema, t.name))}
    out |= {(c.schema, c.table) for c in src.columns if named(c.type.removesuffix("[]"))}
    return out


# -- the round trip ----------------------------------------------------------------------------------

@dataclass
class RoundTrip:
    """Both sides of a pair, built once; :meth:`check` proves one direction.

    Make one with :meth:`from_ddl` (or ``RoundTrip(server, old_ddl, new_ddl, stack)``), or with
    :meth:`from_builders` when a side is not built from text (the mutation suite clones a template).
    """

    server: Server
    sides: dict[str, Side]
    builders: Mapping[str, Callable[[], str]]
    dump: Callable[[str], str] = normalized_dump
    #: databases proven to hold a side's schema that no one needs any more: where the next plan runs
    free: dict[str, list[str]] = field(default_factory=lambda: {"old": [], "new": []})

    @classmethod
    def from_ddl(cls, server: Server, old_ddl: str, new_ddl: str, stack: ExitStack, *,
                 dump: Callable[[str], str] = normalized_dump) -> RoundTrip:
        """Each side loaded from its text into a fresh database."""
        return cls.from_builders(server, {"old": _builder(server, stack, lambda c: load(c, old_ddl)),
                                          "new": _builder(server, stack, lambda c: load(c, new_ddl))}, dump=dump)

    @classmethod
    def from_files(cls, server: Server, old: Path, new: Path, stack: ExitStack) -> RoundTrip:
        """Each side built from its ``.sql`` file into a fresh database by pgcanon's DDL source, as
        ``pgcanon diff a.sql b.sql`` builds it (psql meta-commands stripped, errors located)."""
        def by_ddl_source(path: Path) -> Callable[[str], None]:
            return lambda conninfo: DdlSource((path,), path.name).build(server, conninfo)

        return cls.from_builders(server, {"old": _builder(server, stack, by_ddl_source(old)),
                                          "new": _builder(server, stack, by_ddl_source(new))})

    @classmethod
    def from_builders(cls, server: Server, builders: Mapping[str, Callable[[], str]], *,
                      sides: Mapping[str, Side] | None = None, dump: Callable[[str], str] = normalized_dump,
                      ) -> RoundTrip:
        """*builders* make a fresh database holding a side and return its conninfo; a side given in
        *sides* (read once for a whole suite) is not built until a plan needs a database holding it."""
        trip = cls(server, dict(sides or {}), builders, dump)
        for label in ("old", "new"):
            if label not in trip.sides:
                conninfo = builders[label]()
                trip.sides[label] = Side(conninfo, read_snapshot(conninfo, jobs=1), dump(conninfo))
                trip.free[label].append(conninfo)
        return trip

    def check(self, direction: str, options: DiffOptions = DiffOptions(), *,  # noqa: B008
              rows: bool = False) -> str:
        """Prove the plan from one side to the other; returns the plan's SQL. Raises AssertionError or PlanError.

        :param rows: also prove that the rows of the source's tables survive, values included, except
            in the tables a statement marked DELETES_DATA touches.
        """
        src_label, dst_label = ("old", "new") if direction == "forward" else ("new", "old")
        src, dst = self.sides[src_label], self.sides[dst_label]
        p = plan(src.snapshot, dst.snapshot, options)
        script = render_sql.render(p, "a", "b")
        if diff(src.snapshot, dst.snapshot, options) == ():
            assert p.empty, f"equal schemas must give an empty plan, got:\n{script}"
            return script
        # The side's own build first: a database a plan produced may hide what a fresh one shows (sequence state).
        target = self.free[src_label].pop(0) if self.free[src_label] else self.builders[src_label]()
        before = row_fingerprints(target, src.snapshot, dst.snapshot) if rows else {}
        done = psql(target, script)
        assert done.returncode == 0, f"the plan fails on the old schema:\n{done.stderr}\n--- plan:\n{script}"
        after = read_snapshot(target, jobs=1)
        left = diff(after, dst.snapshot, options)
        assert left == (), (f"after the plan, the database still differs:\n{text.render(left, 'after', 'target')}"
                            f"--- plan:\n{script}")
        if options != DiffOptions():
            return script  # pg_dump knows no relaxations; the database is not the other side: not reused
        got = self.dump(target)
        assert got == dst.dump, f"pg_dump still differs after the plan:\n{_delta(got, dst.dump)}--- plan:\n{script}"
        if rows:
            _assert_rows_kept(before, row_fingerprints(target, src.snapshot, dst.snapshot, after=True),
                              data_deleted(p, src.snapshot), script)
        self.free[dst_label].append(target)
        return script


def _builder(server: Server, stack: ExitStack, fill: Callable[[str], None]) -> Callable[[], str]:
    """A builder of a side: a fresh scratch database (dropped with *stack*) that *fill* loads."""
    def build() -> str:
        conninfo = stack.enter_context(scratch_database(server))
        fill(conninfo)
        return conninfo
    return build


def fresh(trip: RoundTrip, label: str) -> str:
    """A database holding side *label* as built, that no plan has run on: the side's own build while
    no plan has taken it, else a new build (dropped with the pair)."""
    own = trip.sides[label].conninfo
    return own if own in trip.free[label] else trip.builders[label]()


def _delta(after: str, target: str) -> str:
    """The lines pg_dump prints differently, as a unified diff (after → target)."""
    lines = difflib.unified_diff(after.splitlines(True), target.splitlines(True), "after", "target", n=0)
    return "".join(line for line in lines if not line.startswith("@@"))


def _assert_rows_kept(before: dict[tuple[str, str], tuple[int, str]], after: dict[tuple[str, str], tuple[int, str]],
                      deleted: set[tuple[str, str]], script: str) -> None:
    lost = [f"{'.'.join(t)}: {n} rows before, {after.get(t, (0, ''))[0]} after"
            + (" (same count, values changed)" if after.get(t, (0, ""))[0] == n else "")
            for t, (n, digest) in sorted(before.items()) if t not in deleted and after.get(t) != (n, digest)]
    assert not lost, "rows did not survive a plan that claims no data loss there:\n  " + "\n  ".join(lost) + (
        f"\n--- plan:\n{script}")


class PairCache:
    """The round trip of the pair tested last, kept for the next test (the other direction of the same
    pair runs next); asking for another pair releases the previous one's databases."""

    def __init__(self) -> None:
        self._key: Hashable | None = None
        self._trip: RoundTrip | None = None
        self._stack = ExitStack()

    def get(self, key: Hashable, make: Callable[[ExitStack], RoundTrip]) -> RoundTrip:
        if self._key != key or self._trip is None:
            self.close()
            self._key = key
            self._trip = make(self._stack)
        return self._trip

    def close(self) -> None:
        self._key, self._trip = None, None
        self._stack.close()
        self._stack = ExitStack()
