"""The measured report against PostgreSQL's documented lock levels (docs: "Explicit Locking", and the
Notes of CREATE INDEX and ALTER TABLE), and the review's end state against a real ``alembic upgrade``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import psycopg
import pytest
from review_project import make_project

from pgcanon import migrations
from pgcanon.catalog import read_snapshot
from pgcanon.diff import diff
from pgcanon.review import review
from pgcanon.review.measure import measure_revision
from pgcanon.review.model import LOCK_RANK
from pgcanon.review.offline import offline_sql, split, steps
from pgcanon.review.seed import seed
from pgcanon.review.severities import Severities

if TYPE_CHECKING:
    from pathlib import Path

    from pgcanon.config import Settings
    from pgcanon.review import StatementReport
    from pgcanon.server import Server

SETUP = [
    "CREATE TABLE parent (id bigint PRIMARY KEY)",
    "CREATE TABLE t (id bigint PRIMARY KEY, a int, v varchar(50), p bigint)",
]


def _review(tmp: Path, server: Server, *revisions: list[str]) -> list[list[StatementReport]]:
    settings = make_project(tmp, [SETUP, *revisions])
    reports = review(settings, f"r1:r{len(revisions) + 1}", server=server)
    return [list(r.statements) for r in reports]


def _modes(stmt: StatementReport, relation: str = "public.t") -> set[str]:
    return {lk.mode for lk in stmt.locks if lk.relation == relation}


def _strongest(stmt: StatementReport, relation: str = "public.t") -> str:
    return max(_modes(stmt, relation), key=LOCK_RANK.__getitem__)


def test_create_index_takes_share_lock(tmp_path: Path, pg_server: Server) -> None:
    [[stmt]] = _review(tmp_path, pg_server, ["CREATE INDEX t_a_idx ON t (a)"])
    assert _modes(stmt) == {"ShareLock"}
    assert stmt.transactional and not stmt.rewritten


def test_create_index_concurrently_share_update_exclusive_outside_transaction(
    tmp_path: Path, pg_server: Server
) -> None:
    [[stmt]] = _review(tmp_path, pg_server, ["AUTOCOMMIT CREATE INDEX CONCURRENTLY t_a_idx ON t (a)"])
    assert not stmt.transactional and not stmt.in_transaction
    assert stmt.locks_measured
    assert _modes(stmt) == {"ShareUpdateExclusiveLock"}


@pytest.mark.parametrize(
    ("column", "rewrites"),
    [("c int DEFAULT 42", False), ("c timestamptz DEFAULT now()", False), ("c float8 DEFAULT random()", True)],
)
def test_add_column_access_exclusive_rewrite_only_when_volatile(
    column: str, rewrites: bool, tmp_path: Path, pg_server: Server
) -> None:
    [[stmt]] = _review(tmp_path, pg_server, [f"ALTER TABLE t ADD COLUMN {column}"])
    # The rewrite rebuilds the indexes too, which adds a ShareLock: the strongest is what blocks.
    assert _strongest(stmt) == "AccessExclusiveLock"
    assert ("public.t" in stmt.rewritten) is rewrites


@pytest.mark.parametrize(
    ("change", "rewrites"),
    [("a TYPE bigint", True), ("v TYPE varchar(100)", False)],  # varchar(50) -> (100) is binary-coercible
)
def test_alter_column_type_rewrites_unless_binary_coercible(
    change: str, rewrites: bool, tmp_path: Path, pg_server: Server
) -> None:
    [[stmt]] = _review(tmp_path, pg_server, [f"ALTER TABLE t ALTER COLUMN {change}"])
    assert _strongest(stmt) == "AccessExclusiveLock"
    assert ("public.t" in stmt.rewritten) is rewrites
    [finding] = stmt.findings
    assert finding.rule.code == "changing-column-type"
    assert ("measured: rewrote public.t" in finding.detail) is rewrites


def test_not_valid_then_validate(tmp_path: Path, pg_server: Server) -> None:
    [[add], [validate]] = _review(
        tmp_path, pg_server,
        ["ALTER TABLE t ADD CONSTRAINT t_a_check CHECK (a > 0) NOT VALID"],
        ["ALTER TABLE t VALIDATE CONSTRAINT t_a_check"],
    )
    assert _modes(add) == {"AccessExclusiveLock"} and not add.validates and not add.findings
    assert _modes(validate) == {"ShareUpdateExclusiveLock"}
    assert validate.validates == ("public.t",) and validate.scanned == ("public.t",)
    assert not validate.findings


def test_foreign_key_locks_both_tables(tmp_path: Path, pg_server: Server) -> None:
    [[stmt]] = _review(tmp_path, pg_server,
                       ["ALTER TABLE t ADD CONSTRAINT t_p_fkey FOREIGN KEY (p) REFERENCES parent (id)"])
    # ShareRowExclusiveLock on both (docs: ALTER TABLE … ADD FOREIGN KEY), plus the validating query's reads.
    assert _strongest(stmt) == _strongest(stmt, "public.parent") == "ShareRowExclusiveLock"
    assert stmt.validates == ("public.t",)


def test_set_not_null_access_exclusive_and_scan(tmp_path: Path, pg_server: Server) -> None:
    [[stmt]] = _review(tmp_path, pg_server, ["ALTER TABLE t ALTER COLUMN a SET NOT NULL"])
    assert _modes(stmt) == {"AccessExclusiveLock"}
    assert stmt.validates == ("public.t",)
    assert stmt.scanned == ("public.t",)  # measured: pg_stat_xact_user_tables.seq_scan rose
    assert not stmt.rewritten


def test_the_lock_monitor_logs_in_with_a_password_holding_a_quote_and_a_backslash(
    tmp_path: Path, password_server: str
) -> None:
    """The monitor that reads a CONCURRENTLY statement's locks opens a second connection with the
    review's own password; on a server that demands it, every character of it must arrive."""
    from urllib.parse import quote

    from psycopg import sql
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    from pgcanon.server import ExternalServer

    socket_dir = str(conninfo_to_dict(password_server)["host"])
    role, password = "pgcanon_quoted_pw", "it's a \\ back\\'slash\\"
    with psycopg.connect(make_conninfo(host=socket_dir, dbname="postgres", user="postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN CREATEDB PASSWORD {}").format(sql.Identifier(role),
                                                                              sql.Literal(password)))
    server = ExternalServer(f"postgresql://{role}:{quote(password, safe='')}@/postgres?host={quote(socket_dir)}")
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(make_conninfo(server.conninfo(), password=password[:-1])).close()  # it is demanded
    [[stmt]] = _review(tmp_path, server, ["AUTOCOMMIT CREATE INDEX CONCURRENTLY t_a_idx ON t (a)"])
    assert stmt.error is None and stmt.locks_measured
    assert _modes(stmt) == {"ShareUpdateExclusiveLock"}


def test_reviewed_database_equals_a_real_upgrade(settings: Settings, pg_server: Server, empty_db: str) -> None:
    """Statement-by-statement application of the offline SQL builds what `alembic upgrade` builds."""
    from pgcanon.scratch import scratch_database

    with psycopg.connect(empty_db, autocommit=True) as conn:
        for step in steps(settings, "base:head"):
            report = measure_revision(conn, step, split(offline_sql(settings, step), step.revision),
                                      Severities(), seed(conn))
            assert not report.failed
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0006_scene_thumbnail_key",)
    with scratch_database(pg_server) as fresh:
        migrations.upgrade(settings, fresh, "head")
        assert diff(read_snapshot(fresh), read_snapshot(empty_db)) == ()
