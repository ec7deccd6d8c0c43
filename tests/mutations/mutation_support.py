"""Helpers of the mutation suite, importable by its test modules (a conftest module is not:
several directories have one, and which one ``import conftest`` finds depends on collection order)."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import psycopg
from pgdump import normalized_dump

RICH_SCHEMA = Path(__file__).parent / "rich_schema.sql"
#: Roles rich_schema.sql grants to; roles are cluster-wide, so they are created once and kept.
ROLES = ("mut_reader", "mut_writer")
#: Connections the reader uses; for a schema this small one connection is as fast as three.
JOBS = 1


class Mutation(NamedTuple):
    """One change to the rich schema: after *sql*, some change has ``kind`` and ``name`` in its name."""

    sql: str
    kind: str
    name: str
    dump: bool = True  # pg_dump --schema-only sees the change
    pg: str | None = None  # a server-version condition, e.g. ">= 17"


def oracle_dump(conninfo: str) -> str:
    """pg_dump's normalized schema, with GRANT/REVOKE lines sorted.

    pg_dump prints an object's privileges in aclitem order, which is the order the
    GRANTs ran in: not a property of the schema.  Everything else keeps its order.
    """
    lines = normalized_dump(conninfo).splitlines()
    acl = ("GRANT ", "REVOKE ")
    return "\n".join([x for x in lines if not x.startswith(acl)] + sorted(x for x in lines if x.startswith(acl))) + "\n"


def execute_script(conninfo: str, text: str) -> None:
    """Run *text* (one or more statements) in autocommit, as one batch."""
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(text.encode())
