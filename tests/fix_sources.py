"""Fixtures for the project's own sources: settings, URLs of scratch databases, a project copy."""

from __future__ import annotations

import io
import os
import shutil
import sys
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from psycopg.conninfo import conninfo_to_dict

from pgcanon.cli import run
from pgcanon.compare import Comparer
from pgcanon.config import Settings, load_settings
from pgcanon.server import Server

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def settings() -> Settings:
    """The repository's own settings, ignoring any DATABASE_URL in the environment."""
    return load_settings(ROOT, environ={})


def url_of(conninfo: str) -> str:
    """A postgresql:// URL for a conninfo (what a user would put in DATABASE_URL)."""
    p = {k: str(v) for k, v in conninfo_to_dict(conninfo).items()}
    auth = quote(p.pop("user", "postgres"), safe="")
    if "password" in p:
        auth += ":" + quote(p.pop("password"), safe="")
    db = quote(p.pop("dbname", "postgres"), safe="")
    host = p.get("host", "")
    if host.startswith("/"):
        return f"postgresql://{auth}@/{db}?{urlencode(p)}"
    p.pop("host", None)
    port = p.pop("port", "5432")
    return f"postgresql://{auth}@{host}:{port}/{db}" + (f"?{urlencode(p)}" if p else "")


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the project's schema, migrations and config that a test may break on purpose."""
    dest = tmp_path / "project"
    dest.mkdir()
    for name in ("pyproject.toml", "alembic.ini"):
        shutil.copy(ROOT / name, dest / name)
    shutil.copytree(ROOT / "schema", dest / "schema")
    shutil.copytree(ROOT / "migrations", dest / "migrations", ignore=shutil.ignore_patterns("__pycache__"))
    return dest


_lend_test_server = True


@pytest.fixture(autouse=True)
def _embedded_cli(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if request.node.get_closest_marker("embedded_cli"):
        monkeypatch.setattr(sys.modules[__name__], "_lend_test_server", False)


def run_cli(*argv: str, cwd: Path = ROOT) -> tuple[int, str, str]:
    """Run ``pgcanon ARGV`` in-process from *cwd*; return (exit code, stdout, stderr).

    With ``PGCANON_TEST_URL`` (make test-matrix) and no DATABASE_URL of the test's own, the command
    builds on the suite's server too: what it builds is then compared with databases of the same
    PostgreSQL, not with the embedded one's major. Tests of the embedded servers themselves are
    marked ``embedded_cli`` and keep the command on its own embedded server.
    """
    out, err = io.StringIO(), io.StringIO()
    old = Path.cwd()
    test_url = os.environ.get("PGCANON_TEST_URL")
    lent = bool(test_url) and "DATABASE_URL" not in os.environ and _lend_test_server
    if lent:
        os.environ["DATABASE_URL"] = str(test_url)
    os.chdir(cwd)
    try:
        code = run(list(argv), out, err)
    finally:
        os.chdir(old)
        if lent:
            del os.environ["DATABASE_URL"]
    return code, out.getvalue(), err.getvalue()


def scratch_names(conninfo: str, *, pid: int | None = None) -> set[str]:
    """The scratch databases on the server right now made by process *pid* (default: this one).

    Other test runs may share the server, so only our own process's names are comparable.
    """
    import psycopg

    with psycopg.connect(conninfo) as conn:
        rows = conn.execute("SELECT datname FROM pg_database WHERE datname LIKE 'pgcanon\\_s\\_%'").fetchall()
    tag = f"_{os.getpid() if pid is None else pid}_"
    return {r[0] for r in rows if tag in r[0]}


@pytest.fixture(scope="session")
def pgcanon_compare(settings: Settings, pg_server: Server) -> Comparer:
    """The plugin's fixture, pointed at the suite's server (so test-matrix checks the other version too)."""
    return Comparer(settings, _server=pg_server)


@pytest.fixture(scope="session")
def pg_url(pg_server: Server) -> str:
    """The suite's server as a DATABASE_URL, for settings of throwaway projects (never start a server of their own)."""
    return url_of(pg_server.conninfo())
