"""pgcanon runs a project's own env.py and never lets it touch a database other than the scratch one.

Four throwaway projects, each pointing its own configuration at a *sentinel* database (what the
application is configured for): Alembic's generic template (``sqlalchemy.url``), its async template
with asyncpg, an env.py that reads its own environment variable, and one that hard-codes the URL.
The first three work unchanged; the fourth is stopped before any statement. The sentinel never gets
a table.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

import psycopg
import pytest
from adopt_projects import make_project, pgcanon
from fix_sources import scratch_names, url_of
from psycopg import sql

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from pgcanon.server import Server


@pytest.fixture
def sentinel(pg_server: Server) -> Iterator[str]:
    """A database the projects' configuration names; yields its postgresql:// URL."""
    name = f"sentinel_{secrets.token_hex(4)}"
    with psycopg.connect(pg_server.conninfo(), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield url_of(pg_server.conninfo(name))
    finally:
        with psycopg.connect(pg_server.conninfo(), autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def sentinel_tables(url: str) -> list[str]:
    with psycopg.connect(url) as conn:
        return [r[0] for r in conn.execute(
            "SELECT relname::text FROM pg_class WHERE relnamespace = 'public'::regnamespace").fetchall()]


def _async(url: str) -> str:
    return url.replace("postgresql://", "postgresql+asyncpg://", 1)


ENV_VAR_ENV_PY = '''\
import os

from alembic import context
from sqlalchemy import create_engine, pool

from app.models import Base

target_metadata = Base.metadata


def run_migrations_online():
    engine = create_engine(os.environ["APP_DB_URL"].replace("postgresql://", "postgresql+psycopg://", 1),
                           poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
'''


@pytest.mark.parametrize("template", ["generic", "async"])
def test_alembic_init_templates_work_unchanged(
    template: str, tmp_path: Path, sentinel: str, pg_url: str, pg_server: Server
) -> None:
    url = _async(sentinel) if template == "async" else sentinel
    project = make_project(tmp_path / "p", template, url)
    before = scratch_names(pg_server.conninfo())
    result = pgcanon(project, "check", env={"PGCANON_DATABASE_URL": pg_url})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok   schema = migrations@head" in result.stdout
    assert "ok   schema = alembic autogenerate" in result.stdout
    assert "INFO" not in result.stderr  # the template's logging.fileConfig does not flood the report
    assert sentinel_tables(sentinel) == []
    assert scratch_names(pg_server.conninfo()) == before


def test_env_py_reading_its_own_variable_gets_the_scratch_database(
    tmp_path: Path, sentinel: str, pg_url: str
) -> None:
    """Read once into a settings module, as FastAPI apps do: the second env.py run of the same process
    (migrations@head, then autogenerate) still reaches its own scratch database."""
    project = make_project(tmp_path / "p", "generic", sentinel)
    (project / "app" / "settings.py").write_text('import os\n\nDB_URL = os.environ["APP_DB_URL"]\n')
    (project / "migrations" / "env.py").write_text(
        ENV_VAR_ENV_PY.replace('os.environ["APP_DB_URL"]', "settings.DB_URL").replace(
            "from app.models import Base", "from app import settings\nfrom app.models import Base"))
    result = pgcanon(project, "check", env={"PGCANON_DATABASE_URL": pg_url, "APP_DB_URL": sentinel})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok   schema = alembic autogenerate" in result.stdout
    assert sentinel_tables(sentinel) == []


def test_env_py_that_hard_codes_another_database_is_stopped(
    tmp_path: Path, sentinel: str, pg_url: str, pg_server: Server
) -> None:
    project = make_project(tmp_path / "p", "generic", sentinel)
    env_py = project / "migrations" / "env.py"
    hard = sentinel.replace("postgresql://", "postgresql+psycopg://", 1)
    env_py.write_text(ENV_VAR_ENV_PY.replace('os.environ["APP_DB_URL"]', repr(hard)))
    before = scratch_names(pg_server.conninfo())
    result = pgcanon(project, "diff", "schema", "migrations@head", env={"PGCANON_DATABASE_URL": pg_url})
    assert result.returncode == 2, result.stdout + result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith(
        "pgcanon: error: migrations/env.py:14 opened a connection to postgresql://postgres@/sentinel_"
    ), first
    assert "stopped before any statement ran" in first
    assert 'config.attributes.get("connection")' in result.stderr
    assert "Traceback" not in result.stderr
    assert sentinel_tables(sentinel) == []
    assert scratch_names(pg_server.conninfo()) == before


def test_failing_env_py_is_named_not_a_revision(tmp_path: Path, sentinel: str, pg_url: str) -> None:
    project = make_project(tmp_path / "p", "generic", sentinel)
    env_py = project / "migrations" / "env.py"
    env_py.write_text(ENV_VAR_ENV_PY.replace(
        "target_metadata = Base.metadata",
        'target_metadata = Base.metadata\nraise RuntimeError("settings: SECRET_KEY is required\\nset it in .env")'))
    result = pgcanon(project, "diff", "schema", "migrations@head", env={"PGCANON_DATABASE_URL": pg_url})
    assert result.returncode == 2, result.stdout + result.stderr
    assert "migrations/env.py failed outside any revision's code: RuntimeError: settings: SECRET_KEY is required" \
        in result.stderr
    assert "set it in .env" in result.stderr  # the whole message, not its first line
    assert "0001_item" not in result.stderr


def test_one_transaction_env_py_names_the_revision_that_failed(tmp_path: Path, sentinel: str, pg_url: str) -> None:
    """The generic template runs every revision in one transaction: the second one failing is named."""
    project = make_project(tmp_path / "p", "generic", sentinel)
    (project / "migrations" / "versions" / "0002_bad.py").write_text(
        '"""bad"""\nfrom alembic import op\n\nrevision = "0002_bad"\ndown_revision = "0001_item"\n'
        "branch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n"
        '    op.execute("ALTER TABLE item ADD COLUMN x nosuchtype")\n\n\ndef downgrade():\n    pass\n')
    result = pgcanon(project, "diff", "schema", "migrations@head", env={"PGCANON_DATABASE_URL": pg_url})
    assert result.returncode == 2, result.stdout + result.stderr
    assert "revision 0002_bad (bad) failed: type \"nosuchtype\" does not exist" in result.stderr
    assert "the database stays at base" in result.stderr
    assert sentinel_tables(sentinel) == []
