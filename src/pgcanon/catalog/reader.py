"""Read a database's catalog into a :class:`~pgcanon.catalog.model.Snapshot`: one query per object kind.

Each kind's query is ``queries/<kind>.sql``; it selects exactly the model class's
fields, in order, aliased to their names (checked once per query, not per row),
and sorts rows by key with ``COLLATE "C"`` (byte order of UTF-8 = Python's string
order), so the model needs no sorting in Python.

The reader opens its own connections, in REPEATABLE READ, READ ONLY
transactions. A small database (under :data:`PARALLEL_FROM` relations of its own)
is read over one connection: another backend costs a fork and a cold catalog cache,
more than the few milliseconds of queries it would take over. A larger one, with
``jobs > 1``, is read over *jobs* connections: the first exports its snapshot
(``pg_export_snapshot``) and the others adopt it (``SET TRANSACTION SNAPSHOT``),
so kinds read concurrently still see one consistent state of the database, and
the heaviest kinds (:data:`SPLIT`) are read in parts, one per connection, so that
the connections finish at about the same time.
"""

from __future__ import annotations

import dataclasses
import os
from concurrent.futures import ThreadPoolExecutor
from itertools import chain, pairwise
from typing import TYPE_CHECKING, Any

import psycopg
from psycopg import IsolationLevel, sql

from pgcanon.catalog.model import KINDS, Snapshot
from pgcanon.errors import ServerError
from pgcanon.packaged import load_query
from pgcanon.server import connect

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from psycopg.rows import RowMaker

#: Query files that differ by server version: kind -> ((minimum server_version_num, file), ...),
#: newest first. PostgreSQL 18 records NOT NULL as named constraints (contype 'n'); pg_collation gained
#: colliculocale in 15, collicurules in 16, and renamed the first colllocale in 17. Publications gained
#: column lists, row filters and FOR TABLES IN SCHEMA in 15, publish_generated_columns in 18.
VARIANTS: dict[str, tuple[tuple[int, str], ...]] = {
    "columns": ((180000, "columns.sql"), (0, "columns.pg17.sql")),
    "foreign_columns": ((180000, "foreign_columns.sql"), (0, "foreign_columns.pg17.sql")),
    "collations": ((170000, "collations.sql"), (160000, "collations.pg16.sql"), (150000, "collations.pg15.sql"),
                   (0, "collations.pg14.sql")),
    "publications": ((180000, "publications.sql"), (150000, "publications.pg17.sql"), (0, "publications.pg14.sql")),
}

#: Rough cost per kind (server and decoding, ms per 1000 tables of benchmarks/generate.py, one query at a
#: time on a fresh connection), to balance the queries over the connections: pg_get_expr and pg_get_*def
#: make columns, indexes, constraints and views heavy. A kind not named costs about 1.
WEIGHTS: dict[str, float] = {
    "columns": 120, "indexes": 94, "constraints": 82, "views": 36, "owners": 18, "tables": 16, "sequences": 8,
    "view_columns": 6, "functions": 4, "triggers": 4, "rules": 3, "enums": 2,
}
#: What the first connection has done before its share (the census, the cut into parts, the export), in
#: the units of WEIGHTS: the others start their share meanwhile.
HEAD_START = 12

#: Kinds read in parts over several connections: their query takes the bounds of a run of tables in
#: key order (``$1.$2`` to ``$3.$4``, NULL for open; split_keys.sql cuts them), so the parts concatenate.
SPLIT = frozenset({"columns", "indexes", "constraints"})

#: Per-transaction settings of every reading connection. pg_get_*def, pg_get_expr and format_type
#: qualify names that are not visible on the search path: pin it so the text never depends on who
#: connects. The rest is speed: the reader runs its own connections in parallel (no parallel
#: workers), the catalog queries are short (no JIT compilation), and sorts stay in memory.
SETTINGS: dict[str, str] = {
    "search_path": "pg_catalog",
    "max_parallel_workers_per_gather": "0",
    "jit": "off",
    "work_mem": "64MB",
}

#: Relations of its own (oid >= FirstNormalObjectId: tables, indexes, sequences, views, TOAST) from
#: which a database is read over several connections. Measured on the 2-core test machine (wall time,
#: one connection vs three): 25 tables (178 relations) 81 vs 99 ms, 100 tables (710) 162 vs 156 ms,
#: 400 tables (2,840) 392 vs 303 ms. Three connections always cost more server CPU.
PARALLEL_FROM = 700

#: Connections a large database is read over by default: three, but no more than this machine has
#: cores, since the server that is read is most often the scratch cluster beside it. On the 2-core test
#: machine (benchmarks/bench.py prints both, one run) 1,000 tables read in 0.211 s over two connections and 0.233 s over
#: three, 5,000 in 0.976 and 1.044 s: a third backend only competes for the two cores.
DEFAULT_JOBS = max(1, min(3, os.cpu_count() or 1))

MIN_SERVER_VERSION = 140000
_TEXT_ARRAY_OID = 1009


def query_file(kind: str, server_version: int) -> str:
    """The name of the ``.sql`` file that reads *kind* on a server of *server_version* (e.g. 180006)."""
    for minimum, name in VARIANTS.get(kind, ((0, f"{kind}.sql"),)):
        if server_version >= minimum:
            return name
    raise ServerError(f"no catalog query for {kind} on PostgreSQL {server_version}")  # pragma: no cover


def _model_rows(cls: type) -> Callable[[psycopg.Cursor[Any]], RowMaker[Any]]:
    """A row factory building *cls* positionally; text[] values become tuples.

    Positional construction (``cls(*row)``) skips the per-row dict of ``class_row``;
    the column names are checked against the fields once per result instead.
    """
    expected = [f.name for f in dataclasses.fields(cls)]

    def factory(cur: psycopg.Cursor[Any]) -> RowMaker[Any]:
        desc = cur.description or []
        names = [d.name for d in desc]
        if names != expected:
            raise ServerError(f"catalog query for {cls.__name__} returns {names}, the model wants {expected}")
        arrays = [i for i, d in enumerate(desc) if d.type_code == _TEXT_ARRAY_OID]
        if not arrays:
            return lambda values: cls(*values)

        def make(values: Sequence[Any]) -> Any:
            row = list(values)
            for i in arrays:
                if row[i] is not None:  # NULL: a user mapping's options hidden from the reader
                    row[i] = tuple(row[i])
            return cls(*row)

        return make

    return factory


#: One query to run: (kind, part); part 0 for a kind read whole.
Unit = tuple[str, int]

#: A part's run of tables: (schema, name) of its first table and of the next part's first, None when open.
Bounds = tuple["str | None", "str | None", "str | None", "str | None"]
WHOLE: Bounds = (None, None, None, None)


def _execute(conn: psycopg.Connection[Any], kind: str, bounds: Bounds) -> psycopg.RawCursor[Any]:
    """Send *kind*'s query (on the tables in *bounds* for a kind of :data:`SPLIT`); fetch from the cursor."""
    text = load_query("pgcanon.catalog", query_file(kind, conn.info.server_version))
    params = bounds if kind in SPLIT else None
    cur = psycopg.RawCursor(conn, row_factory=_model_rows(KINDS[kind]))
    cur.execute(text.encode(), params, prepare=False)
    return cur


def _fetch(cur: psycopg.RawCursor[Any]) -> tuple[Any, ...]:
    with cur:
        return tuple(cur.fetchall())


def _plan(jobs: int, kinds: Sequence[str] = tuple(KINDS), parts: int | None = None) -> list[list[Unit]]:
    """Spread the queries of *kinds* over *jobs* groups, one group per connection.

    Each kind of :data:`SPLIT` is read in *parts* parts (*jobs* when not given, at most *jobs*), part i
    on connection i: a connection reads the columns, indexes and constraints of the same tables, whose
    catalog rows it then has cached. The other kinds go heaviest first onto the lightest group.
    """
    parts = jobs if parts is None else min(parts, jobs)
    groups: list[list[Unit]] = [[(kind, i) for kind in kinds if kind in SPLIT and i < parts] for i in range(jobs)]
    load = [sum(WEIGHTS.get(kind, 1) for kind in SPLIT if kind in kinds) / parts * (i < parts) for i in range(jobs)]
    load[0] += HEAD_START
    for kind in sorted((k for k in kinds if k not in SPLIT), key=lambda k: -WEIGHTS.get(k, 1)):
        i = load.index(min(load))
        groups[i].append((kind, 0))
        load[i] += WEIGHTS.get(kind, 1)
    return groups


def _open(conninfo: str) -> psycopg.Connection[Any]:
    conn = connect(conninfo, what="the database to read")
    # The first statement opens BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY: a stable view,
    # and a guarantee that reading never writes.
    conn.isolation_level = IsolationLevel.REPEATABLE_READ
    conn.read_only = True
    return conn


def _read_group(conn: psycopg.Connection[Any], units: list[Unit], ranges: Sequence[Bounds] = (WHOLE,),
                ) -> dict[Unit, tuple[Any, ...]]:
    # Pipelined: every query is sent at once, so the server runs the next ones while this side
    # decodes the results of the first. set_config(..., true): for this transaction only.
    with conn.pipeline():
        conn.execute(
            sql.SQL("SELECT {}").format(
                sql.SQL(", ").join(
                    sql.SQL("pg_catalog.set_config({}, {}, true)").format(sql.Literal(k), sql.Literal(v))
                    for k, v in SETTINGS.items()
                )
            )
        )
        cursors = {(kind, part): _execute(conn, kind, ranges[part]) for kind, part in units}
        return {unit: _fetch(cur) for unit, cur in cursors.items()}


def _read_with_snapshot(conninfo: str, snapshot_id: str, units: list[Unit], ranges: Sequence[Bounds],
                        ) -> dict[Unit, tuple[Any, ...]]:
    with _open(conninfo) as conn:
        # The import must be the first statement of the transaction, before any query.
        conn.execute(sql.SQL("SET TRANSACTION SNAPSHOT {}").format(sql.Literal(snapshot_id)))
        try:
            return _read_group(conn, units, ranges)
        finally:
            conn.rollback()


def _assemble(results: dict[Unit, tuple[Any, ...]]) -> dict[str, tuple[Any, ...]]:
    """One tuple per kind: the parts of a split kind concatenated in part order (= key order)."""
    kinds: dict[str, list[tuple[Any, ...]]] = {}
    for (kind, _), objs in sorted(results.items()):
        kinds.setdefault(kind, []).append(objs)
    return {kind: tuple(chain.from_iterable(parts)) if len(parts) > 1 else parts[0] for kind, parts in kinds.items()}


def read_snapshot(conninfo: str, *, jobs: int = DEFAULT_JOBS, parallel_from: int = PARALLEL_FROM,
                  census: bool = True) -> Snapshot:
    """Read the whole schema of the database at *conninfo*, read-only.

    :param conninfo: a libpq conninfo string or URL.
    :param jobs: at most this many connections; above 1 they share one exported snapshot.
    :param parallel_from: the database's own relations from which more than one connection is used.
    :param census: leave out the queries of the kinds the database holds none of (``census.sql``);
        False sends every query, which tests compare with.
    :returns: the normalized snapshot (every tuple in key order).
    :raises ServerError: when the server cannot be reached or is older than PostgreSQL 14.
    """
    results: dict[Unit, tuple[Any, ...]] = {}
    with _open(conninfo) as conn:
        version = conn.info.server_version
        if version < MIN_SERVER_VERSION:
            raise ServerError(f"PostgreSQL {version // 10000} is not supported; pgcanon needs 14 or later")
        try:
            # The census is the transaction's first query: it fixes the snapshot every kind is read in.
            present = _census(conn)
            if jobs > 1 and present["relations"] < parallel_from:
                jobs = 1
            kinds = [kind for kind in KINDS if present.get(kind, True) or not census]
            jobs = max(1, jobs)
            ranges = _ranges(conn, jobs) if jobs > 1 and SPLIT.intersection(kinds) else [WHOLE]
            groups = _plan(jobs, kinds, len(ranges))
            if len(groups) == 1:
                results.update(_read_group(conn, groups[0]))
            else:
                # The exporting transaction stays open until the others have imported its snapshot:
                # this connection reads its own share meanwhile.
                exported = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]  # type: ignore[index]
                with ThreadPoolExecutor(max_workers=len(groups) - 1) as pool:
                    futures = [pool.submit(_read_with_snapshot, conninfo, exported, g, ranges) for g in groups[1:]]
                    results.update(_read_group(conn, groups[0], ranges))
                    for fut in futures:
                        results.update(fut.result())
        except psycopg.Error as exc:
            raise ServerError(f"cannot read the catalog: {exc}") from exc
        finally:
            conn.rollback()
    return Snapshot(server_version=version, **_assemble(results))


def _census(conn: psycopg.Connection[Any]) -> dict[str, Any]:
    """``census.sql``'s one row: the database's relation count, and per kind whether it may hold any."""
    cur = psycopg.RawCursor(conn)
    cur.execute(load_query("pgcanon.catalog", "census.sql").encode(), prepare=False)
    row = cur.fetchone()
    assert row is not None and cur.description is not None  # one aggregate row, always
    return {d.name: value for d, value in zip(cur.description, row, strict=True)}


def _ranges(conn: psycopg.Connection[Any], parts: int) -> list[Bounds]:
    """The runs of tables (in key order) the kinds of :data:`SPLIT` are read in: at most *parts*, one
    per cut ``split_keys.sql`` finds plus one; a database of fewer tables than *parts* has fewer."""
    cur = psycopg.RawCursor(conn)
    cur.execute(load_query("pgcanon.catalog", "split_keys.sql").encode(), (parts,), prepare=False)
    cuts: list[tuple[str | None, str | None]] = [(None, None), *cur.fetchall(), (None, None)]
    return [(*lo, *hi) for lo, hi in pairwise(cuts)]
