"""Golden cases: tests/diff/cases/<name>/{a.sql, b.sql, expected.txt}.

Each side is built into its own scratch database, read, diffed (a = old, b = new)
and rendered as text with labels ``a`` and ``b``.  ``PGCANON_UPDATE_GOLDEN=1``
rewrites expected.txt from the current output (review the git diff after!).

A case may hold ``min_version`` (a major version: skipped on older servers) and
``expected.pgNN.txt`` (what servers up to NN report, e.g. 17: without named NOT NULL
constraints).
"""

from __future__ import annotations

import os
from pathlib import Path

import psycopg
import pytest

from pgcanon.catalog import Snapshot, read_snapshot
from pgcanon.diff import diff
from pgcanon.render import text
from pgcanon.scratch import scratch_database

CASES = Path(__file__).parent / "cases"
NAMES = sorted(p.name for p in CASES.iterdir() if (p / "a.sql").is_file())


def build_and_read(server: object, ddl: str) -> Snapshot:
    """Execute *ddl* (one batch, autocommit) in a fresh scratch database and read it back."""
    with scratch_database(server) as conninfo:  # type: ignore[arg-type]
        with psycopg.connect(conninfo, autocommit=True) as conn:
            if ddl.strip():
                conn.execute(ddl.encode())
        return read_snapshot(conninfo)


def expected_for(case: Path, pg_version: int) -> Path:
    """``expected.pgNN.txt`` with the smallest NN >= the server's version, else ``expected.txt``.

    ``expected.pg17.txt`` holds what servers up to 17 report (no named NOT NULL constraints),
    ``expected.pg15.txt`` what servers up to 15 report (e.g. pg_get_viewdef qualifying columns).
    """
    versioned = sorted(
        (int(f.stem.removeprefix("expected.pg")), f) for f in case.glob("expected.pg*.txt")
    )
    return next((f for major, f in versioned if pg_version <= major), case / "expected.txt")


@pytest.mark.parametrize("name", NAMES)
def test_case(name: str, pg_server: object, pg_version: int, golden_roles: tuple[str, ...]) -> None:
    case = CASES / name
    if (case / "min_version").is_file() and pg_version < int((case / "min_version").read_text()):
        pytest.skip(f"needs PostgreSQL {(case / 'min_version').read_text().strip()}")
    old = build_and_read(pg_server, (case / "a.sql").read_text())
    new = build_and_read(pg_server, (case / "b.sql").read_text())
    got = text.render(diff(old, new), "a", "b")
    expected_file = expected_for(case, pg_version)
    if os.environ.get("PGCANON_UPDATE_GOLDEN") == "1":
        expected_file.write_text(got)
    assert got == expected_file.read_text()
    # Every case also checks the engine's own identity: a snapshot equals itself.
    assert diff(old, old) == ()
