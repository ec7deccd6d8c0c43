"""A project found as users lay it out: no canonical DDL yet, relaxations in pyproject.toml."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

from adopt_projects import PYPROJECT, make_project, pgcanon

if TYPE_CHECKING:
    from pathlib import Path


def test_without_schema_the_migrations_are_checked_against_the_models(tmp_path: Path, pg_url: str) -> None:
    project = make_project(tmp_path / "p", "generic", pg_url)
    shutil.rmtree(project / "schema")
    (project / "pyproject.toml").write_text(PYPROJECT.replace('schema = "schema"\n', ""))
    result = pgcanon(project, "check", env={"PGCANON_DATABASE_URL": pg_url})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok   migrations@head = orm" in result.stdout
    assert "ok   migrations@head = alembic autogenerate" in result.stdout


def test_a_check_missing_its_setting_is_named_and_the_others_still_run(tmp_path: Path, pg_url: str) -> None:
    project = make_project(tmp_path / "p", "generic", pg_url)
    shutil.rmtree(project / "schema")
    (project / "pyproject.toml").write_text(PYPROJECT.replace(
        'schema = "schema"\n', 'checks = ["schema = migrations@head", "migrations@head = orm"]\n'))
    result = pgcanon(project, "check", env={"PGCANON_DATABASE_URL": pg_url})
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout.splitlines()[0].startswith(
        "ERROR schema = migrations@head: the source 'schema' needs the canonical DDL")
    assert "ok   migrations@head = orm" in result.stdout
    assert "1 of 2 checks could not run: schema = migrations@head" in result.stderr


def test_relaxations_set_in_pyproject_apply_like_their_flags(tmp_path: Path, pg_url: str) -> None:
    project = make_project(tmp_path / "p", "generic", pg_url)
    (project / "schema" / "create_schema.sql").write_text(
        "CREATE TABLE item (id serial PRIMARY KEY, name varchar(100) NOT NULL);\n"
        "COMMENT ON TABLE item IS 'only in the DDL';\n")
    strict = pgcanon(project, "diff", "schema", "migrations@head", env={"PGCANON_DATABASE_URL": pg_url})
    assert strict.returncode == 1, strict.stdout + strict.stderr
    assert "comment" in strict.stdout
    (project / "pyproject.toml").write_text(PYPROJECT + "ignore-comments = true\n")
    relaxed = pgcanon(project, "diff", "schema", "migrations@head", env={"PGCANON_DATABASE_URL": pg_url})
    assert relaxed.returncode == 0, relaxed.stdout + relaxed.stderr
    (project / "pyproject.toml").write_text(PYPROJECT + "ignore_comments = 'yes'\n")
    bad = pgcanon(project, "diff", "schema", "migrations@head", env={"PGCANON_DATABASE_URL": pg_url})
    assert bad.returncode == 2
    assert "ignore_comments: expected true or false" in bad.stderr


def test_ignored_extensions_are_left_out(tmp_path: Path, pg_url: str) -> None:
    project = make_project(tmp_path / "p", "generic", pg_url)
    ddl = project / "schema" / "create_schema.sql"
    ddl.write_text("CREATE EXTENSION citext;\n" + ddl.read_text())
    assert pgcanon(project, "diff", "schema", "migrations@head",
                   env={"PGCANON_DATABASE_URL": pg_url}).returncode == 1
    (project / "pyproject.toml").write_text(PYPROJECT + 'ignore_extensions = ["citext"]\n')
    result = pgcanon(project, "diff", "schema", "migrations@head", env={"PGCANON_DATABASE_URL": pg_url})
    assert result.returncode == 0, result.stdout + result.stderr
