"""Read a database's catalog into a :class:`~pgcanon.catalog.model.Snapshot`: one query per object kind.

Each kind's query is ``queries/<kind>.sql``; it selects exactly the model class's
fields, in order, aliased to their names (checked once per query, not per row),
and sorts rows by key with ``COLLATE "C"`` (byte order of UTF-8 = Python's string
order), so the model needs no sorting in Python.

The reader opens its own connections, in REPEATABLE READ, READ ONLY
transactions. With ``jobs > 1`` the first connection exports its snapshot
(``pg_export_snapshot``) and the others adopt it (``SET TRANSACTION SNAPSHOT``),
so kinds read concurrently still see one consistent state of the database.
"""

from __future__ import annotations

import dataclasses
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import psycopg
from psycopg import IsolationLevel, sql

from pgcanon.catalog.model import KINDS, Snapshot
from pgcanon.errors import ServerError
from pgcanon.server import connect

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from psycopg.rows import RowMaker

#: Query files that differ by server version: kind -> ((minimum server_version_num, file), ...),
#: newest first. PostgreSQL 18 records NOT NULL as named constraints (contype 'n').
VARIANTS: dict[str, tuple[tuple[int, str], ...]] = {
    "columns": ((180000, "columns.sql"), (0, "columns.pg17.sql")),
}

#: Rough server-side cost per kind, to balance kinds over connections (pg_get_expr and
#: pg_get_*def dominate: columns, constraints and indexes are the heavy ones).
WEIGHTS: dict[str, int] = {"columns": 5, "constraints": 4, "indexes": 4, "tables": 2, "functions": 2, "views": 2}

MIN_SERVER_VERSION = 140000
_TEXT_ARRAY_OID = 1009


def query_file(kind: str, server_version: int) -> str:
    """The name of the ``.sql`` file that reads *kind* on a server of *server_version* (e.g. 180006)."""
    for minimum, name in VARIANTS.get(kind, ((0, f"{kind}.sql"),)):
        if server_version >= minimum:
            return name
    raise ServerError(f"no catalog query for {kind} on PostgreSQL {server_version}")  # pragma: no cover


@cache
def load_query(name: str) -> str:
    """The text of ``queries/<name>``, from the installed package."""
    return (resources.files(__package__) / "queries" / name).read_text(encoding="utf-8")


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
                row[i] = tuple(row[i])
            return cls(*row)

        return make

    return factory


def read_kind(conn: psycopg.Connection[Any], kind: str) -> tuple[Any, ...]:
    """Run *kind*'s query on *conn* and return its model objects, in key order."""
    text = load_query(query_file(kind, conn.info.server_version))
    with conn.cursor(row_factory=_model_rows(KINDS[kind])) as cur:
        cur.execute(text.encode(), prepare=False)  # type: ignore[arg-type]
        return tuple(cur.fetchall())


def _plan(jobs: int) -> list[list[str]]:
    """Spread the kinds over *jobs* groups, heaviest first onto the lightest group."""
    groups: list[list[str]] = [[] for _ in range(jobs)]
    load = [0] * jobs
    for kind in sorted(KINDS, key=lambda k: -WEIGHTS.get(k, 1)):
        i = load.index(min(load))
        groups[i].append(kind)
        load[i] += WEIGHTS.get(kind, 1)
    return [g for g in groups if g]


def _open(conninfo: str) -> psycopg.Connection[Any]:
    conn = connect(conninfo, what="the database to read")
    # The first statement opens BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY: a stable view,
    # and a guarantee that reading never writes.
    conn.isolation_level = IsolationLevel.REPEATABLE_READ
    conn.read_only = True
    return conn


def _read_group(conn: psycopg.Connection[Any], kinds: list[str]) -> dict[str, tuple[Any, ...]]:
    # pg_get_*def, pg_get_expr and format_type qualify names that are not visible on the search
    # path: pin it (for this transaction only) so the text never depends on who connects.
    conn.execute("SELECT pg_catalog.set_config('search_path', 'pg_catalog', true)")
    return {kind: read_kind(conn, kind) for kind in kinds}


def _read_with_snapshot(conninfo: str, snapshot_id: str, kinds: list[str]) -> dict[str, tuple[Any, ...]]:
    with _open(conninfo) as conn:
        # Must be the first statement of the transaction, before any query.
        conn.execute(sql.SQL("SET TRANSACTION SNAPSHOT {}").format(sql.Literal(snapshot_id)))
        try:
            return _read_group(conn, kinds)
        finally:
            conn.rollback()


def read_snapshot(conninfo: str, *, jobs: int = 3) -> Snapshot:
    """Read the whole schema of the database at *conninfo*, read-only.

    :param conninfo: a libpq conninfo string or URL.
    :param jobs: connections to read over; above 1 they share one exported snapshot.
    :returns: the normalized snapshot (every tuple in key order).
    :raises ServerError: when the server cannot be reached or is older than PostgreSQL 14.
    """
    with _open(conninfo) as conn:
        version = conn.info.server_version
        if version < MIN_SERVER_VERSION:
            raise ServerError(f"PostgreSQL {version // 10000} is not supported; pgcanon needs 14 or later")
        groups = _plan(max(1, jobs))
        results: dict[str, tuple[Any, ...]] = {}
        try:
            if len(groups) > 1:
                snapshot_id = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]  # type: ignore[index]
                with ThreadPoolExecutor(max_workers=len(groups) - 1) as pool:
                    futures = [pool.submit(_read_with_snapshot, conninfo, snapshot_id, g) for g in groups[1:]]
                    # The exporting transaction must stay open until the others have imported it;
                    # it does: this connection reads its own share meanwhile.
                    results.update(_read_group(conn, groups[0]))
                    for fut in futures:
                        results.update(fut.result())
            else:
                results.update(_read_group(conn, groups[0]))
        except psycopg.Error as exc:
            raise ServerError(f"cannot read the catalog: {exc}") from exc
        finally:
            conn.rollback()
    return Snapshot(server_version=version, **results)
