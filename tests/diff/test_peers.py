"""The 414 real-world schema pairs of stripe/pg-schema-diff (../shared/peers), judged by a pg_dump oracle.

For each usable case: ``diff(a, b)`` is non-empty exactly when the oracle says the
schemas differ, and ``diff(a, a)`` is empty.  Roles the cases name are created
first (two of them are deliberately hostile names: always psycopg.sql.Identifier).
"""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from pgcanon.catalog import Snapshot, read_snapshot
from pgcanon.diff import DiffOptions, diff
from pgcanon.render import text
from pgcanon.scratch import scratch_database

PEERS = Path(__file__).resolve().parents[3] / "shared" / "peers" / "pg-schema-diff"
VERDICTS = json.loads((PEERS / "verdicts.json").read_text()) if (PEERS / "verdicts.json").is_file() else {}
USABLE = sorted(name for name, v in VERDICTS.items() if v.get("usable"))

#: Cases where the oracle (pg_dump) and an exact catalog comparison legitimately disagree, with why.
KNOWN: dict[str, str] = {}


def _roles(server: object, roles: list[str]) -> None:
    with psycopg.connect(server.conninfo(), autocommit=True) as conn:  # type: ignore[attr-defined]
        for spelled in roles:
            # verdicts.json spells roles as SQL does: a quoted identifier keeps its quotes there.
            role = spelled[1:-1].replace('""', '"') if spelled.startswith('"') else spelled
            exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role]).fetchone()
            if not exists:
                conn.execute(sql.SQL("CREATE ROLE {}").format(sql.Identifier(role)))


def _build(server: object, ddl: str) -> Snapshot:
    with scratch_database(server) as conninfo:  # type: ignore[arg-type]
        with psycopg.connect(conninfo, autocommit=True) as conn:
            if ddl.strip():
                conn.execute(ddl.encode())
        return read_snapshot(conninfo)


@pytest.mark.slow
@pytest.mark.skipif(not USABLE, reason="the peer cases are not checked out next to the project")
@pytest.mark.parametrize("name", USABLE)
def test_peer(name: str, pg_server: object) -> None:
    verdict = VERDICTS[name]
    if name in KNOWN:
        pytest.xfail(KNOWN[name])
    _roles(pg_server, verdict.get("roles", []))
    case = PEERS / name
    old = _build(pg_server, (case / "a.sql").read_text())
    new = _build(pg_server, (case / "b.sql").read_text())
    assert diff(old, old) == ()
    options = DiffOptions()
    if "extension versions" in verdict.get("oracle_caveat", ""):
        # pg_dump does not print extension versions, so its verdict holds only without them;
        # the strict comparison must still see the versions differ.
        assert diff(old, new), "extension versions differ and the strict diff must say so"
        options = DiffOptions(ignore_extension_versions=True)
    changes = diff(old, new, options)
    report = text.render(changes, "a", "b")
    if verdict["differ"]:
        assert changes, f"the oracle says the schemas differ ({verdict.get('dump_delta_sample')}); we found none"
    else:
        assert not changes, report
