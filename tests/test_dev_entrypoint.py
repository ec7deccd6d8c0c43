"""scripts/dev-entrypoint, as docker-compose.yml runs it: migrate DATABASE_URL to head, then start the app;
never start the app on a database that is down."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import psycopg
from fix_sources import ROOT, url_of

from pgcanon.scratch import scratch_database

ENTRYPOINT = ROOT / "scripts" / "dev-entrypoint"
APP = [sys.executable, "-c", "print('app started')"]


def _run(url: str, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PGCANON_DATABASE_URL",)}
    env.update(DATABASE_URL=url, PATH=f"{Path(sys.executable).parent}:{env['PATH']}", **extra)
    return subprocess.run([str(ENTRYPOINT), *APP], capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=120, check=False)


def test_the_database_is_at_head_before_the_app_starts(pg_server: object) -> None:
    with scratch_database(pg_server) as db:  # type: ignore[arg-type]
        done = _run(url_of(db))
        assert done.returncode == 0, done.stderr
        assert done.stdout.splitlines()[-1] == "app started"
        with psycopg.connect(db) as conn:
            head = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        latest = sorted(p.stem for p in (ROOT / "migrations" / "versions").glob("0*.py"))[-1]
        assert head == (latest,)


def test_a_database_that_is_down_keeps_the_app_from_starting() -> None:
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    done = _run(f"postgresql://postgres@127.0.0.1:{port}/videodb", PGCANON_CONNECT_TIMEOUT="1")
    assert done.returncode == 2
    assert "app started" not in done.stdout
    assert "Traceback" not in done.stderr


def test_without_database_url_it_says_so() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PGCANON_DATABASE_URL")}
    done = subprocess.run([str(ENTRYPOINT), *APP], capture_output=True, text=True, cwd=ROOT, env=env, check=False)
    assert done.returncode != 0 and "DATABASE_URL" in done.stderr and "app started" not in done.stdout
