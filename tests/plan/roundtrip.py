"""The generator's proof: apply the plan OLD → NEW with psql on a database holding OLD, then compare
the result with NEW twice, by pgcanon's own diff and by a normalized ``pg_dump --schema-only``
(an oracle that shares no code with us). Both directions run on one pair of builds: each side is
built once and cloned (``CREATE DATABASE … TEMPLATE``) for the plan to run on.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import psycopg
from pgdump import normalized_dump, pg_dump_bin
from psycopg.conninfo import conninfo_to_dict

from pgcanon.catalog import read_snapshot
from pgcanon.diff import DiffOptions, diff
from pgcanon.plan import plan
from pgcanon.render import sql as render_sql
from pgcanon.render import text
from pgcanon.scratch import scratch_database

if TYPE_CHECKING:
    from pgcanon.catalog import Snapshot
    from pgcanon.server import Server


@dataclass(frozen=True)
class Side:
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


def _load(conninfo: str, ddl: str) -> None:
    with psycopg.connect(conninfo, autocommit=True) as conn:
        if ddl.strip():
            conn.execute(ddl.encode())


class RoundTrip:
    """Both sides of a pair built once; :meth:`check` proves one direction."""

    def __init__(self, server: Server, old_ddl: str, new_ddl: str, stack: ExitStack) -> None:
        self.server = server
        self.stack = stack
        self.sides = {}
        for label, ddl in (("old", old_ddl), ("new", new_ddl)):
            conninfo = stack.enter_context(scratch_database(server))
            _load(conninfo, ddl)
            self.sides[label] = Side(conninfo, read_snapshot(conninfo), normalized_dump(conninfo))

    def check(self, direction: str, options: DiffOptions = DiffOptions()) -> str:  # noqa: B008
        """Prove the plan from one side to the other; returns the plan's SQL. Raises AssertionError or PlanError."""
        src, dst = (self.sides["old"], self.sides["new"]) if direction == "forward" else (
            self.sides["new"], self.sides["old"])
        p = plan(src.snapshot, dst.snapshot, options)
        script = render_sql.render(p, "a", "b")
        if diff(src.snapshot, dst.snapshot, options) == ():
            assert p.empty, f"equal schemas must give an empty plan, got:\n{script}"
            return script
        name = str(conninfo_to_dict(src.conninfo)["dbname"])
        with scratch_database(self.server, template=name) as target:
            done = psql(target, script)
            assert done.returncode == 0, f"the plan fails on the old schema:\n{done.stderr}\n--- plan:\n{script}"
            after = read_snapshot(target)
            left = diff(after, dst.snapshot, options)
            assert left == (), (f"after the plan, the database still differs:\n{text.render(left, 'after', 'target')}"
                                f"--- plan:\n{script}")
            if options == DiffOptions():
                assert normalized_dump(target) == dst.dump, f"pg_dump still differs after the plan\n--- plan:\n{script}"
        return script
