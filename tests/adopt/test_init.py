"""``pgcanon init``: a project with only migrations and models adopts pgcanon in one command.

The projects are ``alembic init`` templates with models in ``app/`` (adopt_projects.py), without the
``[tool.pgcanon]`` section and without ``schema/``, as a new user's are. Each command runs in a fresh
interpreter from the project, as a user runs it.
"""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import psycopg
import pytest
from adopt_projects import make_project, pgcanon
from fix_sources import url_of

from pgcanon.init.envpy import read_models

if TYPE_CHECKING:
    from pathlib import Path

PLAIN = b'[project]\nname = "throwaway"\nversion = "0"\n'


def bare_project(tmp_path: Path, pg_url: str, template: str = "generic", pyproject: bytes | None = PLAIN) -> Path:
    """Migrations and models only: no schema/, and a pyproject.toml without [tool.pgcanon] (or none)."""
    project = make_project(tmp_path / "p", template, pg_url)
    shutil.rmtree(project / "schema")
    (project / "pyproject.toml").unlink()
    if pyproject is not None:
        (project / "pyproject.toml").write_bytes(pyproject)
    return project


def test_init_then_check_passes(tmp_path: Path, pg_url: str) -> None:
    project = bare_project(tmp_path, pg_url)
    env = {"PGCANON_DATABASE_URL": pg_url}
    result = pgcanon(project, "init", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "models: app.models:Base.metadata  (read from migrations/env.py:" in result.stdout
    assert "added [tool.pgcanon] to pyproject.toml:" in result.stdout
    assert "next: pgcanon check   (migrations@head = orm, autogenerate)" in result.stdout
    text = (project / "pyproject.toml").read_bytes()
    assert text.startswith(PLAIN + b"\n[tool.pgcanon]\n")
    assert b'orm = "app.models:Base.metadata"\n' in text
    assert b'migrations = "alembic.ini"\n' in text
    check = pgcanon(project, "check", env=env)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "ok   migrations@head = orm" in check.stdout


def test_schema_from_migrations_writes_ddl_equal_to_them(tmp_path: Path, pg_url: str) -> None:
    project = bare_project(tmp_path, pg_url, template="async", pyproject=None)
    env = {"PGCANON_DATABASE_URL": pg_url}
    result = pgcanon(project, "init", "--schema-from", "migrations", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert ("wrote schema/create_schema.sql: 4 statements from migrations@head, built and compared equal"
            in result.stdout)
    assert "created pyproject.toml:" in result.stdout
    assert (project / "pyproject.toml").read_text().startswith('[tool.pgcanon]\n')
    ddl = (project / "schema" / "create_schema.sql").read_text()
    assert "CREATE TABLE public.item (" in ddl
    assert "BEGIN" not in ddl and "lock_timeout" not in ddl
    same = pgcanon(project, "diff", "schema", "migrations@head", env=env)
    assert same.returncode == 0, same.stdout + same.stderr
    check = pgcanon(project, "check", env=env)
    assert check.returncode == 0, check.stdout + check.stderr
    assert [line[:4] for line in check.stdout.splitlines() if not line.startswith(" ")] == ["ok  "] * 3


LIVE = """
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE person (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, mood mood);
CREATE INDEX person_name_idx ON person (lower(name));
COMMENT ON TABLE person IS 'people';
CREATE FUNCTION person_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM person';
CREATE VIEW happy AS SELECT id, name FROM person WHERE mood = 'happy';
"""


def test_schema_from_a_live_database(tmp_path: Path, pg_url: str, empty_db: str) -> None:
    with psycopg.connect(empty_db, autocommit=True) as conn:
        conn.execute(LIVE)
    live = url_of(empty_db)
    project = bare_project(tmp_path, pg_url)
    env = {"PGCANON_DATABASE_URL": pg_url}
    result = pgcanon(project, "init", "--schema-from", live, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    ddl = (project / "schema" / "create_schema.sql").read_text()
    assert "SET check_function_bodies = false;" in ddl  # the function may name a table created later
    same = pgcanon(project, "diff", "schema", live, env=env)
    assert same.returncode == 0, same.stdout + same.stderr


def test_second_init_is_refused_unless_forced(tmp_path: Path, pg_url: str) -> None:
    project = bare_project(tmp_path, pg_url)
    env = {"PGCANON_DATABASE_URL": pg_url}
    assert pgcanon(project, "init", env=env).returncode == 0
    first = (project / "pyproject.toml").read_bytes()
    again = pgcanon(project, "init", env=env)
    assert again.returncode == 2
    assert "pyproject.toml:5 already has a [tool.pgcanon] section" in again.stderr
    assert "--force" in again.stderr
    assert (project / "pyproject.toml").read_bytes() == first
    forced = pgcanon(project, "init", "--force", env=env)
    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert "replaced [tool.pgcanon] in pyproject.toml" in forced.stdout
    assert (project / "pyproject.toml").read_bytes() == first


def test_existing_schema_file_is_not_overwritten(tmp_path: Path, pg_url: str) -> None:
    project = bare_project(tmp_path, pg_url)
    (project / "schema").mkdir()
    ddl = project / "schema" / "create_schema.sql"
    ddl.write_text("-- mine\nCREATE TABLE item (id serial PRIMARY KEY, name varchar(100) NOT NULL);\n")
    env = {"PGCANON_DATABASE_URL": pg_url}
    refused = pgcanon(project, "init", "--schema-from", "migrations", env=env)
    assert refused.returncode == 2
    assert "schema/create_schema.sql already exists; pgcanon init does not overwrite it" in refused.stderr
    assert ddl.read_text().startswith("-- mine\n")
    assert (project / "pyproject.toml").read_bytes() == PLAIN  # nothing written when anything is refused
    forced = pgcanon(project, "init", "--schema-from", "migrations", "--force", env=env)
    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert ddl.read_text().startswith("-- Canonical DDL, written by pgcanon init from migrations@head")


ODD = (b"# a comment first\r\n[project]\r\nname = 'odd'   # spacing kept\r\nversion=\"0\"\r\n\r\n"
       b"[tool.pgcanon]\r\nschema = 'old'\r\nroles = ['x']\r\n\r\n"
       b"[tool.pgcanon.review]\r\nignore = ['renaming-table']\r\n"
       b"\r\n[tool.other]\r\nkey = 1")


def test_pyproject_is_kept_byte_for_byte(tmp_path: Path, pg_url: str) -> None:
    project = bare_project(tmp_path, pg_url, pyproject=b"[project]\nname = 'x'  # no newline at the end")
    assert pgcanon(project, "init", env={"PGCANON_DATABASE_URL": pg_url}).returncode == 0
    text = (project / "pyproject.toml").read_bytes()
    assert text.startswith(b"[project]\nname = 'x'  # no newline at the end\n\n[tool.pgcanon]\n")
    # --force replaces only the [tool.pgcanon] table's lines: CRLF, comments, sub-tables and the rest stay.
    (project / "pyproject.toml").write_bytes(ODD)
    forced = pgcanon(project, "init", "--force", env={"PGCANON_DATABASE_URL": pg_url})
    assert forced.returncode == 0, forced.stdout + forced.stderr
    text = (project / "pyproject.toml").read_bytes()
    head = ODD.partition(b"[tool.pgcanon]\r\n")[0]
    assert text.startswith(head + b"[tool.pgcanon]\r\n")
    assert text.endswith(b"\r\n\r\n[tool.pgcanon.review]\r\nignore = ['renaming-table']\r\n\r\n[tool.other]\r\nkey = 1")
    assert b"schema = 'old'" not in text and b'orm = "app.models:Base.metadata"\r\n' in text


def test_no_alembic_ini_is_a_clear_error(tmp_path: Path, pg_url: str) -> None:
    project = bare_project(tmp_path, pg_url)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    result = pgcanon(outside, "init", env={"PGCANON_DATABASE_URL": pg_url})
    assert result.returncode == 2
    assert f"pgcanon: error: no alembic.ini in {outside.resolve()} or above" in result.stderr
    assert not (outside / "pyproject.toml").exists()
    # One level up from the project, pgcanon points at it.
    above = pgcanon(tmp_path, "init", env={"PGCANON_DATABASE_URL": pg_url})
    assert above.returncode == 2
    assert "found p/alembic.ini: run pgcanon init in p/" in above.stderr
    assert (project / "pyproject.toml").read_bytes() == PLAIN


def test_models_not_named_are_said_and_left_out(tmp_path: Path, pg_url: str) -> None:
    project = bare_project(tmp_path, pg_url)
    env_py = project / "migrations" / "env.py"
    env_py.write_text(env_py.read_text().replace(
        "from app.models import Base\ntarget_metadata = Base.metadata", "target_metadata = None"))
    result = pgcanon(project, "init", env={"PGCANON_DATABASE_URL": pg_url})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "models: not named: migrations/env.py:" in result.stdout
    assert "target_metadata = None (alembic init's default)" in result.stdout
    assert "the section is written without orm" in result.stdout
    assert "next: set orm under [tool.pgcanon]" in result.stdout
    text = (project / "pyproject.toml").read_text()
    assert "\norm =" not in text and '# orm = "package.module:Base.metadata"' in text


# Reading env.py: its source only, the forms users write.
CASES = [
    ("from app.models import Base\ntarget_metadata = Base.metadata\n", "app.models:Base.metadata"),
    ("from app.models import Base as B\ntarget_metadata = B.metadata\n", "app.models:Base.metadata"),
    ("from app import models\ntarget_metadata = models.Base.metadata\n", "app.models:Base.metadata"),
    ("import app.models\ntarget_metadata = app.models.Base.metadata\n", "app.models:Base.metadata"),
    ("import app.models as m\ntarget_metadata: object = m.Base.metadata\n", "app.models:Base.metadata"),
    ("from app.models import metadata\ntarget_metadata = metadata\n", "app.models:metadata"),
    ("try:\n    from app.models import Base\nexcept ImportError:\n    raise\ntarget_metadata = Base.metadata\n",
     "app.models:Base.metadata"),
    # SQLModel's metadata holds the tables once the project's module that imports SQLModel ran (full-stack template).
    ("from sqlmodel import SQLModel\nfrom app.models import Item  # noqa\ntarget_metadata = SQLModel.metadata\n",
     "app.models:SQLModel.metadata"),
    ("target_metadata = None\n", None),
    ("from app.models import Base\ntarget_metadata = [Base.metadata]\n", None),
    ("def models():\n    from app.models import Base\n    return Base\ntarget_metadata = models().metadata\n", None),
    ("from elsewhere import Base\ntarget_metadata = Base.metadata\n", None),
    ("run_migrations()\n", None),
]


@pytest.mark.parametrize(("source", "orm"), CASES)
def test_target_metadata_is_read_from_the_source(tmp_path: Path, source: str, orm: str | None) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "models.py").write_text("from sqlmodel import SQLModel\n\nclass Item(SQLModel):\n    pass\n")
    env_py = tmp_path / "env.py"
    env_py.write_text("raise SystemExit('env.py must not run')\n" + source)
    found = read_models(env_py, (tmp_path,), "env.py")
    assert found.orm == orm, found.reason
    assert found.reason


def test_init_from_a_subdirectory_and_sources_it_refuses(tmp_path: Path, pg_url: str) -> None:
    project = bare_project(tmp_path, pg_url)
    (project / ".gitignore").write_text("__pycache__/\n")
    env = {"PGCANON_DATABASE_URL": pg_url}
    for spec, why in (("schema", "it is the file being written"), ("empty", "an empty database has no schema")):
        refused = pgcanon(project / "app", "init", "--schema-from", spec, env=env)
        assert refused.returncode == 2
        assert f"--schema-from {spec}: {why}" in refused.stderr
        assert not (project / "schema").exists()
    result = pgcanon(project / "app", "init", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"found alembic.ini in {project.resolve()}" in result.stdout
    assert "note: add .pgcanon/ to .gitignore" not in result.stdout  # pgcanon uses PGCANON_DATABASE_URL's server
    assert (project / "pyproject.toml").read_bytes().startswith(PLAIN + b"\n[tool.pgcanon]\n")
    assert not (project / "app" / "pyproject.toml").exists()
    # Without a server of its own, pgcanon will start the embedded one in .pgcanon/: init says to ignore it.
    bare = {k: "" for k in ("PGHOST", "PGPORT", "PGHOSTADDR", "PGSERVICE")}
    forced = pgcanon(project, "init", "--force", env=bare)
    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert "note: add .pgcanon/ to .gitignore" in forced.stdout
    assert (project / ".gitignore").read_text() == "__pycache__/\n"


def test_an_import_for_its_models_is_noted(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    for name in ("__init__", "db", "models"):
        (tmp_path / "app" / f"{name}.py").write_text("")
    env_py = tmp_path / "env.py"
    env_py.write_text("from app.db import Base\nimport app.models  # noqa: F401\nfrom app import models  # noqa\n"
                      "from alembic import context\ntarget_metadata = Base.metadata\n")
    found = read_models(env_py, (tmp_path,), "env.py")
    assert found.orm == "app.db:Base.metadata"
    assert found.notes == ("env.py also imports app.models: if models defined there are missing from the check, "
                           "set orm to a module that imports every model",)
