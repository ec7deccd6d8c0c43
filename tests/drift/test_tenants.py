"""`pgcanon drift --schemas-like`: 50 tenant schemas of one database, each judged against the canonical ``public``.

The tenants are built the two ways a schema-per-tenant platform builds them: most by running
the canonical DDL with ``search_path`` set to the tenant (plus an ``alembic_version`` at head,
as a provisioning script would write it), and the ones behind by running the real migrations
with that ``search_path``, so Alembic puts its ``alembic_version`` into the tenant schema as
it does in production. The project's own ``check`` proves the DDL equals ``migrations@head``.
"""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

import fleet as fm
import psycopg
import pytest
from fix_sources import ROOT, run_cli, url_of
from psycopg import sql
from psycopg.conninfo import make_conninfo

from pgcanon import migrations

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pgcanon.config import Settings
    from pgcanon.server import Server

# Under pytest -n, one worker builds the tenants' database and runs all of this module.
pytestmark = pytest.mark.xdist_group("drift-tenants")

DATABASE = fm.PREFIX + "tenants"
#: Its own reading role, not the fleet's: this module drops what it made when it ends.
READER = f"drift_tenant_reader_{os.getpid()}"
COUNT = 50
#: Needs quoting wherever PostgreSQL prints it ("tenant_X49".videos): the renaming must see through that.
QUOTED = "tenant_X49"
TENANTS = [f"tenant_{i:02d}" for i in range(COUNT - 1)] + [QUOTED]
DROP_INDEX = ("tenant_03", "tenant_17")
DRIFTED = {
    **{t: "DROP INDEX jobs_video_id_idx" for t in DROP_INDEX},
    # a default that names the tenant's own type: 'running'::tenant_29.job_state
    "tenant_29": "ALTER TABLE jobs ALTER COLUMN state SET DEFAULT 'running'",
}
BEHIND = {"tenant_05": fm.REV_0005, "tenant_06": fm.REV_0004}
#: No alembic_version: compared with the canonical schema itself.
UNVERSIONED = "tenant_07"
#: Outside 'tenant_%': one the reader may not read (no USAGE on it), next to one it may.
LOCKED, OPEN = "locked_no", "locked_ok"

ALEMBIC_VERSION = (
    "CREATE TABLE alembic_version (version_num varchar(32) NOT NULL,"
    " CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
)


@dataclass(frozen=True)
class Tenants:
    admin: str  # conninfo of the database, as its owner
    url: str  # the database as READER, for --target


def _execute(conninfo: str, *statements: str | sql.Composed) -> None:
    with psycopg.connect(conninfo, autocommit=True) as conn:
        for s in statements:
            conn.execute(s)


def _provision(conninfo: str, schemas: list[str], ddl: str) -> None:
    """Each schema built from the canonical DDL, in one transaction; ``alembic_version`` at head unless unversioned."""
    with psycopg.connect(conninfo) as conn:
        for schema in schemas:
            ident = sql.Identifier(schema)
            # public second: the extensions' types and operator classes (citext, gin_trgm_ops) live there,
            # and CREATE EXTENSION IF NOT EXISTS finds them there and does nothing.
            conn.execute(sql.SQL("CREATE SCHEMA {}; SET LOCAL search_path = {}, public").format(ident, ident))
            conn.execute(ddl)
            if schema != UNVERSIONED:
                conn.execute(ALEMBIC_VERSION)
                conn.execute("INSERT INTO alembic_version VALUES (%s)", [fm.HEAD])
            conn.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(ident, sql.Identifier(READER)))
            if schema != UNVERSIONED:
                conn.execute(sql.SQL("GRANT SELECT ON alembic_version TO {}").format(sql.Identifier(READER)))
            if schema == LOCKED:
                conn.execute(sql.SQL("REVOKE USAGE ON SCHEMA {} FROM {}").format(ident, sql.Identifier(READER)))
            if schema in DRIFTED:
                conn.execute(DRIFTED[schema])


def _migrated(settings: Settings, conninfo: str, schema: str, revision: str) -> None:
    """*schema* built by the migrations up to *revision*, as a per-tenant deploy runs them."""
    ident = sql.Identifier(schema)
    _execute(conninfo, sql.SQL("CREATE SCHEMA {}").format(ident),
             sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(ident, sql.Identifier(READER)))
    # Alembic puts alembic_version in current_schema(), the first schema of the search path.
    migrations.upgrade(settings, make_conninfo(conninfo, options=f"-c search_path={schema},public"), revision)
    _execute(conninfo, sql.SQL("GRANT SELECT ON {}.alembic_version TO {}").format(ident, sql.Identifier(READER)))


def _drop(pg_server: Server) -> None:
    _execute(pg_server.conninfo(), sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(DATABASE)),
             sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(READER)))


@pytest.fixture(scope="module")
def tenants(pg_server: Server, settings: Settings) -> Iterator[Tenants]:
    _drop(pg_server)  # a killed earlier run with the same pid
    admin = pg_server.conninfo(DATABASE)
    try:
        _execute(pg_server.conninfo(), sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(READER)),
                 sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE)))
        # The database's extensions, in public as the canonical build has them.
        _execute(admin, "CREATE EXTENSION citext", "CREATE EXTENSION pg_trgm")
        ddl = (ROOT / "schema" / "create_schema.sql").read_text(encoding="utf-8")
        by_ddl = [t for t in TENANTS if t not in BEHIND] + [LOCKED, OPEN]
        # Two connections: the DDL is server work (~60 ms a tenant), and the machine has two cores.
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(lambda part: _provision(admin, part, ddl), [by_ddl[0::2], by_ddl[1::2]]))
        for schema, revision in BEHIND.items():
            _migrated(settings, admin, schema, revision)
        url = url_of(make_conninfo(admin, user=READER))
        yield Tenants(admin, url)
    finally:
        _drop(pg_server)


def write_counts(admin: str) -> dict[str, tuple[int, int, int]]:
    """Rows inserted, updated, deleted per schema of the tenants' database (user tables: see fleet.write_counts)."""
    with psycopg.connect(admin) as conn:
        rows = conn.execute("SELECT schemaname::text, sum(n_tup_ins), sum(n_tup_upd), sum(n_tup_del)"
                            " FROM pg_stat_user_tables GROUP BY 1").fetchall()
    return {r[0]: (int(r[1]), int(r[2]), int(r[3])) for r in rows}


@dataclass(frozen=True)
class Run:
    code: int
    doc: dict
    text: str
    err: str
    before: dict[str, tuple[int, int, int]]
    after: dict[str, tuple[int, int, int]]


@pytest.fixture(scope="module")
def run(tenants: Tenants) -> Run:
    """One JSON and one text run over the 50 tenants, with the write counters around both."""
    before = fm.settled(lambda: write_counts(tenants.admin))
    args = ("drift", "--target", tenants.url, "--schemas-like", "tenant\\_%", "-j", "2")
    code, out, err = run_cli(*args, "--format", "json")
    text_code, text, text_err = run_cli(*args)
    after = fm.settled(lambda: write_counts(tenants.admin))
    assert (text_code, text_err) == (code, err)
    return Run(code, json.loads(out) if out else {}, text, err, before, after)


def names(doc: dict) -> dict[str, dict]:
    return {t["name"].removeprefix(DATABASE + "."): t for t in doc["targets"]}


def test_every_tenant_gets_its_state(run: Run) -> None:
    assert (run.code, run.err) == (1, "")
    got = names(run.doc)
    assert sorted(got) == sorted(TENANTS)
    for tenant, t in got.items():
        assert t["target"].endswith(f" schema {tenant}"), t["target"]
        if tenant in DRIFTED:
            assert t["state"] == "drifted", tenant
        elif tenant in BEHIND:
            assert (t["state"], t["revision"], t["compared_with"]) == ("behind", BEHIND[tenant],
                                                                       f"migrations@{BEHIND[tenant]}")
        elif tenant == UNVERSIONED:
            assert (t["state"], t["versioned"], t["compared_with"]) == ("ok", False, "schema")
        else:
            assert (t["state"], t["revision"], t["compared_with"]) == ("ok", fm.HEAD, f"migrations@{fm.HEAD}"), \
                (tenant, t["changes"][:3])
    assert got["tenant_05"]["pending"] == [fm.HEAD]
    assert got["tenant_06"]["pending"] == [fm.REV_0005, fm.HEAD]
    assert run.doc["summary"] == {"targets": 50, "ok": 45, "behind": 2, "drifted": 3, "error": 0}


def test_each_drift_is_named_in_public_terms(run: Run) -> None:
    got = names(run.doc)
    for tenant in DROP_INDEX:
        assert [c["description"] for c in got[tenant]["changes"]] == [
            "index public.jobs.jobs_video_id_idx: only in expected"]
    # The tenant's own type is printed as the canonical one: the same drift on two tenants is one line.
    assert [c["description"] for c in got["tenant_29"]["changes"]] == [
        ("column public.jobs.state: default 'queued'::public.job_state (expected) "
         "vs 'running'::public.job_state (found)")]


def test_shared_drift_is_grouped(run: Run) -> None:
    lines = run.text.splitlines()
    db = DATABASE
    assert (f"  2 of 50 targets lack index public.jobs.jobs_video_id_idx: {db}.tenant_03, {db}.tenant_17"
            in lines)
    assert any(line.startswith("  1 of 50 targets differs: column public.jobs.state: ") and
               line.endswith(f": {db}.tenant_29") for line in lines)
    assert lines[-1] == "50 targets: 45 ok, 2 behind, 3 drifted, 0 errors"
    assert sum(1 for line in lines if line.split(" ", 1)[0] in ("ok", "behind", "drifted", "error")) == 50
    (behind,) = [line for line in lines if " schema tenant_06  " in line]
    assert behind.startswith("behind ")
    assert behind.endswith(f"at {fm.REV_0004}: 2 revisions behind, {fm.REV_0005} → {fm.HEAD} pending")
    (unversioned,) = [line for line in lines if f" schema {UNVERSIONED}  " in line]
    assert unversioned.startswith("ok ") and unversioned.endswith("no alembic_version; matches schema")


def test_nothing_is_written(run: Run) -> None:
    assert set(TENANTS) <= set(run.before), "no statistics for the tenant schemas"
    assert run.after == run.before


def test_allow_behind_passes_only_the_behind(tenants: Tenants) -> None:
    code, out, err = run_cli("drift", "--target", tenants.url, "--schemas-like", "tenant\\_0_", "--allow-behind")
    assert (code, err) == (1, "")  # tenant_03 (drifted) is in tenant_00..09
    assert out.splitlines()[-1] == "10 targets: 7 ok, 2 behind, 1 drifted, 0 errors"


def test_an_unreadable_tenant_is_its_own_error(tenants: Tenants) -> None:
    # The reader may not use schema locked_no: that tenant cannot be read, its neighbour still can.
    code, out, err = run_cli("drift", "--target", tenants.url, "--schemas-like", "locked\\_%", "--format", "json")
    assert (code, err) == (2, "")
    got = names(json.loads(out))
    assert got[OPEN]["state"] == "ok", got[OPEN]
    assert got[LOCKED]["state"] == "error"
    assert f"permission denied for schema {LOCKED}" in got[LOCKED]["message"]


def test_no_tenant_matches(tenants: Tenants) -> None:
    code, out, err = run_cli("drift", "--target", tenants.url, "--schemas-like", "nobody\\_%")
    assert (code, out) == (2, "")
    assert "no database or schema matches the pattern" in err
