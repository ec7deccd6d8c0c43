"""A few rows per table, generated from the catalog, so the review measures tables that are not empty.

PostgreSQL skips work on empty tables that it must do on real ones (SET NOT NULL has
nothing to scan, ADD COLUMN … NOT NULL cannot fail), so every table of ours is topped
up to :data:`ROWS` rows before each reviewed revision, parents before children.

Values are plain and type-appropriate, chosen to pass the usual CHECKs: row *i*
(1-based) gets ``i`` for integers, ``i/10`` for other numbers (inside [0, 1]),
``seed<i>@example.com`` for text (non-empty, has an ``@``), ``'{}'`` for json/arrays,
the *i*-th label of an enum, one timestamp per row for every time column (so
``end >= start`` holds). A foreign-key column takes the parent's *i*-th row's key;
a column with a DEFAULT keeps it. A row that still violates a constraint is skipped
and named in the report's seed notes; the review goes on with the rows it has.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from graphlib import CycleError, TopologicalSorter
from typing import TYPE_CHECKING

import psycopg
from psycopg import sql
from psycopg.rows import class_row

from pgcanon.packaged import load_query

if TYPE_CHECKING:
    from psycopg import Connection

ROWS = 3


@dataclass(frozen=True)
class SeedColumn:
    """A column the seeder fills (queries/seed_columns.sql)."""

    table_oid: int
    table_name: str
    column_name: str
    type_sql: str
    base_type: str
    category: str
    has_default: bool
    enum_labels: list[str]


@dataclass(frozen=True)
class ForeignKey:
    """One column pair of a foreign key (queries/foreign_keys.sql)."""

    child_oid: int
    child_column: str
    parent_oid: int
    parent_name: str
    parent_column: str


def seed(conn: Connection, rows: int = ROWS) -> list[str]:
    """Top every table of ours up to *rows* rows, committing; return notes on rows that could not be made."""
    with conn.cursor(row_factory=class_row(SeedColumn)) as cur:
        columns = cur.execute(load_query("pgcanon.review", "seed_columns.sql")).fetchall()
    with conn.cursor(row_factory=class_row(ForeignKey)) as cur:
        fks = cur.execute(load_query("pgcanon.review", "foreign_keys.sql")).fetchall()
    by_table: dict[int, list[SeedColumn]] = defaultdict(list)
    for col in columns:
        by_table[col.table_oid].append(col)
    parents: dict[int, dict[str, ForeignKey]] = defaultdict(dict)
    graph: dict[int, set[int]] = {oid: set() for oid in by_table}
    for fk in fks:
        parents[fk.child_oid][fk.child_column] = fk
        if fk.parent_oid != fk.child_oid and fk.parent_oid in graph and fk.child_oid in graph:
            graph[fk.child_oid].add(fk.parent_oid)
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError:  # a cycle of foreign keys: seed in oid order, some rows may be skipped
        order = sorted(graph)
    notes = []
    for oid in order:
        cols = by_table[oid]
        table = cols[0].table_name
        with conn.transaction():
            have = conn.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.SQL(table))).fetchone()[0]  # type: ignore[index]
            for i in range(have + 1, rows + 1):
                insert = _insert(table, cols, parents[oid], i)
                try:
                    with conn.transaction():
                        conn.execute(insert)
                except psycopg.Error as exc:
                    notes.append(f"{table}: row {i} not seeded: {str(exc).splitlines()[0]}")
                    break
    return notes


def _insert(table: str, cols: list[SeedColumn], fks: dict[str, ForeignKey], i: int) -> sql.Composed:
    names: list[sql.Composable] = []
    values: list[sql.Composable] = []
    for col in cols:
        fk = fks.get(col.column_name)
        if fk is not None:
            # The parent's i-th row in physical order: distinct parents for distinct rows, so a
            # foreign key that is also a primary key (1:1 tables) stays unique.
            value: sql.Composable | None = sql.SQL("(SELECT {} FROM {} ORDER BY ctid OFFSET {} LIMIT 1)").format(
                sql.Identifier(fk.parent_column), sql.SQL(fk.parent_name), sql.Literal(i - 1)
            )
        elif col.has_default:
            continue
        else:
            value = _value(col, i)
        if value is None:
            continue
        names.append(sql.Identifier(col.column_name))
        values.append(value)
    if not names:
        return sql.SQL("INSERT INTO {} DEFAULT VALUES").format(sql.SQL(table))
    return sql.SQL("INSERT INTO {} ({}) VALUES ({})").format(
        sql.SQL(table), sql.SQL(", ").join(names), sql.SQL(", ").join(values)
    )


_INTEGERS = {"int2", "int4", "int8", "oid"}
_LITERALS = {
    "uuid": None,  # gen_random_uuid(), below
    "json": "{}", "jsonb": "{}", "bytea": "\\x00", "tsvector": "", "bool": "true",
    "date": "2025-01-0{i}", "timestamp": "2025-01-0{i} 00:00:00", "timestamptz": "2025-01-0{i} 00:00:00+00",
    "time": "00:0{i}:00", "timetz": "00:0{i}:00+00", "interval": "{i} seconds",
    "inet": "10.0.0.{i}", "cidr": "10.0.{i}.0/24",
}


def _value(col: SeedColumn, i: int) -> sql.Composable | None:
    """A literal of the column's type for row *i*, or None to leave the column NULL."""
    text: str | None
    if col.base_type == "uuid":
        return sql.SQL("gen_random_uuid()")
    if col.category == "E" and col.enum_labels:
        text = col.enum_labels[(i - 1) % len(col.enum_labels)]
    elif col.category == "A":
        text = "{}"
    elif col.base_type in _INTEGERS:
        text = str(i)
    elif col.category == "N":
        text = str(i / 10)
    elif col.category == "S":
        text = f"seed{i}@example.com"
    elif col.base_type in _LITERALS:
        text = str(_LITERALS[col.base_type]).replace("{i}", str(i))
    else:
        return None  # geometric, ranges, custom types: NULL (or the row is skipped if NOT NULL)
    # The explicit cast fits text into varchar(n)/char(n) (an explicit cast truncates).
    return sql.SQL("{}::{}").format(sql.Literal(text), sql.SQL(col.type_sql))
