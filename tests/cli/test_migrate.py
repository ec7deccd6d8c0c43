"""`pgcanon migrate`: applies what is pending once, says what it did, fails in one clear line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import psycopg
import pytest
from fix_sources import run_cli, url_of

from pgcanon import migrations

if TYPE_CHECKING:
    from pgcanon.config import Settings

ROOT = Path(__file__).resolve().parent.parent


cli = run_cli


def version(conninfo: str) -> str | None:
    with psycopg.connect(conninfo) as conn:
        exists = conn.execute("SELECT to_regclass('public.alembic_version') IS NOT NULL").fetchone()[0]
        if not exists:
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None


def all_revisions(settings: Settings) -> list[str]:
    scripts = migrations.script_directory(settings)
    return [s.revision for s in reversed(list(scripts.walk_revisions("base", "heads")))]


def test_migrate_applies_every_revision_once_then_nothing(
    empty_db: str, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", url_of(empty_db))
    code, out, err = cli("migrate")
    assert (code, err) == (0, "")
    revs = all_revisions(settings)
    assert [line.split()[1] for line in out.splitlines() if line.startswith("applied ")] == revs
    assert out.splitlines()[-1].endswith(f"upgraded to {revs[-1]}")
    assert version(empty_db) == revs[-1]

    code, out, err = cli("migrate")
    assert (code, err) == (0, "")
    assert "applied" not in out
    assert "nothing to apply" in out


def test_two_concurrent_migrates_apply_each_revision_once(empty_db: str, settings: Settings) -> None:
    env = {**os.environ, "DATABASE_URL": url_of(empty_db)}
    cmd = [sys.executable, "-m", "pgcanon", "migrate"]
    procs = [subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    applied = [line for out, _ in results for line in out.splitlines() if line.startswith("applied ")]
    assert sorted(line.split()[1] for line in applied) == sorted(all_revisions(settings))


def test_failing_revision_is_named_rolled_back_and_leaves_the_previous_one(
    empty_db: str, project_copy: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    head = all_revisions(settings)[-1]
    (project_copy / "migrations" / "versions" / "9999_broken.py").write_text(
        f'''"""broken on purpose"""
from alembic import op

revision = "9999_broken"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE TABLE half_done (a int)")
    op.execute("SELECT no_such_function()")


def downgrade() -> None:
    op.execute("DROP TABLE half_done")
'''
    )
    monkeypatch.setenv("DATABASE_URL", url_of(empty_db))
    code, out, err = cli("migrate", cwd=project_copy)
    assert code == 2
    assert err.startswith("pgcanon: error: revision 9999_broken (broken on purpose) failed: "
                          "function no_such_function() does not exist")
    assert f"the database stays at {head}" in err
    assert version(empty_db) == head
    with psycopg.connect(empty_db) as conn:
        assert conn.execute("SELECT to_regclass('half_done')").fetchone() == (None,)


def test_unknown_revision(empty_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", url_of(empty_db))
    code, out, err = cli("migrate", "nosuchrev")
    assert code == 2
    assert "unknown revision 'nosuchrev'" in err
    assert version(empty_db) is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://app:SECRETPW@127.0.0.1:1/app", "cannot connect to PostgreSQL at 127.0.0.1:1"),
        ("mysql://app:SECRETPW@db/app", "not a PostgreSQL URL"),
        ("postgresql://app:SECRETPW@[::1/app", "invalid database URL"),
    ],
)
def test_bad_url_is_one_line_without_the_password(url: str, expected: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("PGCANON_CONNECT_TIMEOUT", "1")
    code, out, err = cli("migrate")
    assert code == 2
    assert expected in err
    assert "SECRETPW" not in out + err
    # The error is one line and its remedy, after the line saying what migrate waited for (if it waited).
    assert err[err.index("pgcanon: error"):].count("\n") <= 2


def test_missing_database_fails_at_once(pg_server: object, monkeypatch: pytest.MonkeyPatch, empty_db: str) -> None:
    url = url_of(empty_db).replace("pgcanon_s_", "nosuchdb_", 1)
    monkeypatch.setenv("DATABASE_URL", url)
    code, _, err = cli("migrate")
    assert code == 2
    assert "does not exist" in err


def test_migrate_json_report(empty_db: str, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    monkeypatch.setenv("DATABASE_URL", url_of(empty_db))
    code, out, _ = cli("migrate", "0002_video_title_description", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert [r["id"] for r in doc["applied"]] == all_revisions(settings)[:2]
    assert doc["current"] == "0002_video_title_description"
    code, out, _ = cli("migrate", "0002_video_title_description", "--format", "json")
    assert json.loads(out)["applied"] == []


def test_migrate_says_it_waits_for_a_server_that_is_not_up(monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://app:SECRETPW@127.0.0.1:1/app")
    monkeypatch.setenv("PGCANON_CONNECT_TIMEOUT", "1")
    code, out, err = cli("migrate")
    assert code == 2
    assert "waiting up to 1s for PostgreSQL at 127.0.0.1:1" in err, "said on the stream the CLI gives it"
    assert capsys.readouterr().err == "", "not on the process's own stderr"
    assert "SECRETPW" not in out + err


def test_migrate_says_on_its_stream_that_it_waits_for_another_migrates_lock(
    empty_db: str, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    import dataclasses
    import io
    import threading
    import time

    from pgcanon import commands

    out, err = io.StringIO(), io.StringIO()
    target = dataclasses.replace(settings, database_url=url_of(empty_db))
    with psycopg.connect(empty_db, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", [migrations.MIGRATE_LOCK_KEY])
        worker = threading.Thread(target=commands.migrate, args=(target, out), kwargs={"err": err}, daemon=True)
        worker.start()
        deadline = time.monotonic() + 30
        while "another migrate holds the lock" not in err.getvalue() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert err.getvalue() == "another migrate holds the lock; waiting for it to finish\n"
        assert worker.is_alive(), "it waits for the lock"
        holder.execute("SELECT pg_advisory_unlock(%s)", [migrations.MIGRATE_LOCK_KEY])
        worker.join(60)
    assert not worker.is_alive()
    assert out.getvalue().splitlines()[-1].endswith(f"upgraded to {all_revisions(settings)[-1]}")
    assert "waiting" not in out.getvalue() and capsys.readouterr().err == ""
