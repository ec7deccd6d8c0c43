"""A command imports only what it uses: Alembic and SQLAlchemy (about 0.65 s) only for the
commands that run migrations or models, pglast (0.07 s) only for those that parse SQL.

Each command runs in a fresh interpreter, as a user runs it; the modules loaded when it has
finished are what it cost to start.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pgcanon.server import Server

ROOT = Path(__file__).resolve().parents[2]

#: Runs ``pgcanon ARGV`` as the console script does, then prints the exit code and every module loaded.
PROBE = """
import json, sys
from pgcanon import cli
sys.argv = ["pgcanon", *sys.argv[1:]]
try:
    cli.main()
except SystemExit as exc:
    code = exc.code
sys.stdout.flush()
sys.__stdout__.write("\\nPROBE " + json.dumps({"code": code, "modules": sorted(sys.modules)}) + "\\n")
"""

#: Variables that would point a command at another server than the one the test chooses.
SERVER_VARS = ("DATABASE_URL", "PGCANON_DATABASE_URL", "PGHOST", "PGPORT", "PGHOSTADDR", "PGSERVICE",
               "PGCANON_SERVER_VERSION")


def run(*argv: str, env: dict[str, str] | None = None) -> tuple[int, str, set[str]]:
    """Run ``pgcanon ARGV`` in a subprocess; return its exit code, its output and the top-level packages it loaded."""
    base = {k: v for k, v in os.environ.items() if k not in SERVER_VARS}
    proc = subprocess.run([sys.executable, "-c", PROBE, *argv], cwd=ROOT, env={**base, **(env or {})},
                          capture_output=True, text=True, timeout=120, check=False)
    output, marker, probe = proc.stdout.rpartition("\nPROBE ")
    assert marker, f"the probe did not finish: {proc.stderr}"
    found = json.loads(probe)
    return found["code"], output + proc.stderr, {m.split(".")[0] for m in found["modules"]}


def heavy(packages: set[str], *names: str) -> set[str]:
    return packages & set(names)


def test_diff_of_two_sql_files_loads_neither_alembic_nor_sqlalchemy(tmp_path: Path, pg_server: Server) -> None:
    from fix_sources import url_of

    (tmp_path / "a.sql").write_text("CREATE TABLE t (a int);\n")
    (tmp_path / "b.sql").write_text("CREATE TABLE t (a int, b int);\n")
    code, output, packages = run("diff", str(tmp_path / "a.sql"), str(tmp_path / "b.sql"),
                                 env={"DATABASE_URL": url_of(pg_server.conninfo())})
    assert code == 1 and "column public.t.b" in output, output  # it compared, and found the difference
    assert "pglast" in packages, "the probe sees what the command loaded (it parses the .sql files)"
    assert heavy(packages, "alembic", "sqlalchemy") == set()


def test_help_loads_no_alembic_sqlalchemy_or_pglast() -> None:
    code, output, packages = run("--help")
    assert code == 0 and "review" in output and "drift" in output, output  # every command is listed
    assert heavy(packages, "alembic", "sqlalchemy", "pglast") == set()


@pytest.mark.parametrize("command", ["review", "drift", "migrate"])
def test_a_commands_own_help_loads_none_of_them(command: str) -> None:
    code, output, packages = run(command, "--help")
    assert code == 0 and f"pgcanon {command}" in output, output
    assert heavy(packages, "alembic", "sqlalchemy", "pglast") == set()


def test_server_url_loads_no_alembic_sqlalchemy_or_pglast() -> None:
    code, output, packages = run("server", "url")
    assert code == 0 and output.startswith("postgresql://"), output
    assert heavy(packages, "alembic", "sqlalchemy", "pglast") == set()


def test_the_probe_sees_alembic_when_a_command_uses_it() -> None:
    # The other tests could pass on a probe that saw nothing: `pgcanon sql` renders Alembic's offline SQL.
    code, output, packages = run("sql", "0006_scene_thumbnail_key")
    assert code == 0 and "thumbnail_key" in output, output
    assert {"alembic", "sqlalchemy", "pglast"} <= packages
