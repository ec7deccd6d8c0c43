"""`pgcanon check` reuses an outcome only while nothing it was built from has changed.

Each test runs the real CLI in a subprocess on a copy of this repository (so an edited model
module is imported afresh), with the suite's server as DATABASE_URL. A run that builds writes
new cache entries; a run that reuses writes none, which is what the tests count. pgcanon's own
code is part of the key: while someone edits src/pgcanon, a second run builds again, as it must.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest
from fix_sources import ROOT, url_of

if TYPE_CHECKING:
    from pathlib import Path

    from pgcanon.server import Server

PGCANON = str(ROOT / ".venv" / "bin" / "pgcanon") if (ROOT / ".venv" / "bin" / "pgcanon").exists() else "pgcanon"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("schema", "migrations", "src/videodb"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "alembic.ini", tmp_path / "alembic.ini")
    # One check (two builds) per run keeps the module fast; the key covers every project file whatever the checks.
    text = (ROOT / "pyproject.toml").read_text()
    line = next(ln for ln in text.splitlines() if ln.startswith("checks = "))
    (tmp_path / "pyproject.toml").write_text(text.replace(line, 'checks = ["schema = migrations@head"]'))
    return tmp_path


def run_check(project: Path, url: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``pgcanon check`` on DATABASE_URL=url, with none of the caller's cache settings."""
    environ = {k: v for k, v in os.environ.items() if k not in ("PGCANON_DATABASE_URL", "PGCANON_NO_CACHE")}
    return subprocess.run([PGCANON, "check", *args], cwd=project, env={**environ, "DATABASE_URL": url, **env},
                          capture_output=True, text=True, check=False, timeout=300)


def check(project: Path, server: Server, *args: str, **env: str) -> tuple[int, str, int]:
    """(exit code, stdout, cache entries written by this run)."""
    cache = project / ".pgcanon" / "check-cache"
    before = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.pickle")} if cache.exists() else {}
    done = run_check(project, url_of(server.conninfo()), *args, **env)
    assert done.returncode in (0, 1), done.stdout + done.stderr
    after = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.pickle")} if cache.exists() else {}
    written = sum(1 for name, mtime in after.items() if before.get(name) != mtime)
    return done.returncode, done.stdout, written


def test_nothing_changed_nothing_built(project: Path, pg_server: Server) -> None:
    code, out, written = check(project, pg_server)
    assert (code, written) == (0, 1), out
    assert check(project, pg_server) == (0, out, 0)  # the same report, from the cache
    assert check(project, pg_server, "--no-cache") == (0, out, 0)
    assert check(project, pg_server, PGCANON_NO_CACHE="1") == (0, out, 0)


def _append(path: str, text: str) -> object:
    def change(project: Path) -> None:
        with (project / path).open("a") as f:
            f.write(text)
    return change


@pytest.mark.parametrize(
    ("change", "args"),
    [
        (_append("schema/create_schema.sql", "\n-- a comment changes the bytes\n"), ()),
        (_append("migrations/versions/0001_core_tables.py", "\n# a comment\n"), ()),
        (_append("migrations/env.py", "\n# a comment\n"), ()),
        (_append("src/videodb/models/job.py", "\n# a comment\n"), ()),
        (_append("alembic.ini", "\n# a comment\n"), ()),
        (_append("pyproject.toml", '\n[tool.something_else]\nx = 1\n'), ()),
        (None, ("--ignore-comments",)),
        (None, ("--role", "postgres")),  # a role the server has: a role given is part of the key
    ],
    ids=["schema", "migration", "env.py", "model", "alembic.ini", "pyproject", "option", "role"],
)
def test_each_input_misses(project: Path, pg_server: Server, change: object, args: tuple[str, ...]) -> None:
    assert check(project, pg_server)[2] == 1
    if change is not None:
        change(project)  # type: ignore[operator]
    assert check(project, pg_server, *args)[2] == 1


def test_another_server_misses(project: Path, pg_server: Server, password_server: str) -> None:
    """Entries made on one server never answer for another: there the checks are built (and here, fail)."""
    code, out, _ = check(project, pg_server)
    assert code == 0
    done = run_check(project, password_server)
    # its role may not create databases: a build was tried, the cached "ok" was not served
    assert done.returncode == 2 and "ERROR schema = migrations@head" in done.stdout, done.stdout + done.stderr


def test_a_real_change_is_reported_on_the_warm_run(project: Path, pg_server: Server) -> None:
    assert check(project, pg_server)[0] == 0
    schema = project / "schema" / "create_schema.sql"
    schema.write_text(schema.read_text() + "\nCREATE TABLE cache_probe (id int);\n")
    code, out, written = check(project, pg_server)
    assert code == 1 and written == 1, out
    assert "migrations@head lacks table public.cache_probe" in out, out
