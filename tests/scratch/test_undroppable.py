"""A scratch database pgcanon cannot drop is one warning per run, never an error, and changes no exit code.

Made by hand: pgcanon runs as a role that may create databases but not end a
superuser's session, and such a session sits in an orphaned scratch database
(its maker's process is gone), so the sweep of every run meets it. It lives on
this suite's private cluster: on the shared one, another run's sweep (as a
superuser) would drop it.
"""

from __future__ import annotations

import logging
import secrets
import subprocess
import sys
from typing import TYPE_CHECKING

import psycopg
import pytest
from fix_sources import ROOT, run_cli, url_of
from psycopg import sql

from pgcanon.scratch import PREFIX, host_tag

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from pgcanon.server import EmbeddedServer


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


@pytest.fixture
def held_orphan(replica_project: tuple[Path, EmbeddedServer]) -> Iterator[tuple[str, str]]:
    """(URL of a CREATEDB role, name of an orphaned scratch database it owns that a superuser session holds)."""
    pg_server = replica_project[1]
    role = f"pgcanon_test_{secrets.token_hex(3)}"
    name = f"{PREFIX}{host_tag()}_{_dead_pid()}_{secrets.token_hex(4)}"
    admin = psycopg.connect(pg_server.conninfo(), autocommit=True)
    admin.execute(sql.SQL("CREATE ROLE {} LOGIN CREATEDB").format(sql.Identifier(role)))
    admin.execute(sql.SQL("CREATE DATABASE {} OWNER {}").format(sql.Identifier(name), sql.Identifier(role)))
    holder = psycopg.connect(pg_server.conninfo(name))  # a superuser's session: the role cannot end it
    url = url_of(pg_server.conninfo()).replace("postgresql://postgres@", f"postgresql://{role}@", 1)
    assert role in url
    try:
        yield url, name
    finally:
        holder.close()
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        admin.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))
        admin.close()


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "pgcanon.scratch"]


def test_one_warning_per_run_and_the_exit_code_says_what_the_schemas_say(
    held_orphan: tuple[str, str], sql: Callable[[str, str], str], monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from pgcanon import scratch

    url, name = held_orphan
    monkeypatch.setenv("DATABASE_URL", url)
    a = sql("a.sql", "CREATE TABLE t (a int);\n")
    b = sql("b.sql", "CREATE TABLE t (a bigint);\n")
    for argv, expected in ((("diff", a, a), 0), (("diff", a, b), 1), (("diff", a, a), 0)):
        monkeypatch.setattr(scratch, "_given_up", set())  # a new run
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="pgcanon.scratch"):
            code, out, err = run_cli(*argv)
        assert code == expected, out + err
        assert "Traceback" not in err
        # Two scratch databases per diff, two sweeps: one warning, naming the database and how to remove it.
        (warning,) = _warnings(caplog)
        assert warning.startswith(f"pgcanon: warning: scratch database {name} on ")
        assert "permission denied to terminate process" in warning
        assert f'DROP DATABASE "{name}" WITH (FORCE);' in warning
        assert "\n" not in warning


def test_the_warning_is_one_line_on_stderr_of_a_real_run(
    held_orphan: tuple[str, str], sql: Callable[[str, str], str],
) -> None:
    url, name = held_orphan
    a = sql("a.sql", "CREATE TABLE t (a int);\n")
    proc = subprocess.run([sys.executable, "-m", "pgcanon", "diff", a, a], cwd=ROOT, capture_output=True, text=True,
                          env={**_env(), "DATABASE_URL": url}, timeout=120)
    assert proc.returncode == 0, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if name in line]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("pgcanon: warning: scratch database")


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PGCANON_DATABASE_URL")}
