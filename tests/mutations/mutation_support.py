"""Helpers of the mutation suite, importable by its test modules (a conftest module is not:
several directories have one, and which one ``import conftest`` finds depends on collection order)."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import psycopg
from pgdump import normalized_dump

from pgcanon.diff import diff

if TYPE_CHECKING:
    from pgcanon.catalog import Snapshot
    from pgcanon.diff import Change

RICH_SCHEMA = Path(__file__).parent / "rich_schema.sql"
#: Roles rich_schema.sql grants to; roles are cluster-wide, so they are created once and kept.
ROLES = ("mut_reader", "mut_writer")
#: The one spelling of rich_schema.sql (and of the equivalent schemas) that needs PostgreSQL 15: on 14 the
#: products' barcode key is a plain UNIQUE (the mutation that drops NULLS NOT DISTINCT is 15+ only).
NULLS_NOT_DISTINCT = "UNIQUE NULLS NOT DISTINCT"


def for_server(text: str, version: int) -> str:
    """*text* (the rich schema or one of its equivalent spellings) as PostgreSQL *version* can build it."""
    return text if version >= 15 else text.replace(NULLS_NOT_DISTINCT, "UNIQUE")


def rich_schema(version: int) -> str:
    """rich_schema.sql as PostgreSQL *version* (a major, e.g. 14) builds it."""
    return for_server(RICH_SCHEMA.read_text(encoding="utf-8"), version)


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
    GRANTs ran in: not a property of the schema.  Everything else keeps its order. Owners are kept:
    every database of the suite is built by one role, and the owner mutations change them.
    """
    lines = normalized_dump(conninfo, owners=True).splitlines()
    acl = ("GRANT ", "REVOKE ")
    return "\n".join([x for x in lines if not x.startswith(acl)] + sorted(x for x in lines if x.startswith(acl))) + "\n"


def execute_script(conninfo: str, text: str) -> None:
    """Run *text* (one or more statements) in autocommit, as one batch."""
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(text.encode())


#: Gaps in the engine, kept visible: case name -> what the engine should do.  Each is a change
#: pg_dump sees (the oracle is checked first and is never expected to fail).
XFAILS: dict[str, str] = {}


class EngineMiss(AssertionError):
    """The diff did not report a change the oracle saw: what an xfail may expect, and nothing else."""


class SnapshotEqualityMiss(AssertionError):
    """The diff saw the change but ``Snapshot.__eq__`` / ``digest()`` did not."""


def report(changes: tuple[Change, ...]) -> str:
    return "\n".join(f"  {c.describe('base', 'mutated')}" for c in changes) or "  (no changes)"


def dump_delta(a: str, b: str) -> str:
    return "".join(difflib.unified_diff(a.splitlines(True), b.splitlines(True), "base", "other", n=1))


def assert_detected(case: Mutation, base: Snapshot, base_dump: str, mutated: Snapshot, dump: str) -> None:
    """The mutation is real by pg_dump, and the diff base → mutated reports it, one line per change,
    naming the kind and object the case says; Snapshot equality and digest see it too.

    :raises EngineMiss: the diff missed a change pg_dump saw (what an xfail of XFAILS may expect).
    """
    changes = diff(base, mutated)
    said = report(changes)
    # The independent oracle first: pg_dump sees the change too (so the mutation was not a no-op),
    # or, for what pg_dump does not print (extension versions), it indeed does not.
    if case.dump:
        assert dump != base_dump, f"pg_dump sees no change for {case.sql}; the diff was:\n{said}"
    else:
        assert dump == base_dump, dump_delta(base_dump, dump)
    if not changes:
        raise EngineMiss(f"not detected: {case.sql}\npg_dump saw:\n{dump_delta(base_dump, dump)}")
    if not any(c.kind == case.kind and case.name in c.name for c in changes):
        raise EngineMiss(f"no {case.kind} change naming {case.name!r}; the diff was:\n{said}")
    for change in changes:
        line = change.describe("base", "mutated")
        assert "\n" not in line and change.name in line, f"describe() is not one line naming the object: {line!r}"
    # A snapshot that diffs non-empty must not compare equal, nor hash equal, to the base.
    if mutated == base or mutated.digest() == base.digest():
        raise SnapshotEqualityMiss(f"Snapshot ==/digest() see no change, though the diff says:\n{said}")
