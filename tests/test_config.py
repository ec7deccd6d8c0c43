"""Settings, the external-server switch, and password redaction (no database needed)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from pgcanon.config import external_url, load_settings, read_section, redact
from pgcanon.errors import ConfigError
from pgcanon.server import ExternalServer

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("postgresql://app:s3cr%40t@db:5432/app", "postgresql://app:***@db:5432/app"),
        ("postgresql://app@db/app", "postgresql://app@db/app"),
        ("host=db password=hunter2 user=x", "host=db password=*** user=x"),
        ("host=db password='a b\\' c' user=x", "host=db password=*** user=x"),
        ("error at postgres://u:p@h/d: boom", "error at postgres://u:***@h/d: boom"),
        ("postgresql://app:a/b@db1/x", "postgresql://app:***@db1/x"),
        ("postgresql://app:p@ss@db1/x?sslmode=require", "postgresql://app:***@db1/x?sslmode=require"),
        ("postgresql://a:1@h/d postgresql://b:2@h/d", "postgresql://a:***@h/d postgresql://b:***@h/d"),
        ("postgresql://h:5432/d then mail me@example.org", "postgresql://h:5432/d then mail me@example.org"),
    ],
)
def test_redact_hides_every_password(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_database_url_wins_then_libpq_variables() -> None:
    assert external_url({"DATABASE_URL": "postgresql://h/d", "PGHOST": "x"}) == "postgresql://h/d"
    assert external_url({"PGHOST": "db"}) == ""
    assert external_url({"PGUSER": "me"}) is None, "PGUSER alone does not name another server"
    assert external_url({}) is None


def test_settings_from_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.pgcanon]\nschema = "db/ddl"\nroles = ["app_user"]\n')
    (tmp_path / "sub").mkdir()
    settings = load_settings(tmp_path / "sub", environ={})
    assert settings.root == tmp_path.resolve()
    assert settings.schema == tmp_path.resolve() / "db" / "ddl"
    assert settings.roles == ("app_user",)
    assert settings.database_url is None
    assert "password" not in repr(load_settings(tmp_path, environ={"DATABASE_URL": "postgresql://u:password@h/d"}))


def test_one_reader_for_every_table_of_the_section(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pgcanon]\nschema = "s.sql"\n[tool.pgcanon.review]\nignore = ["renaming-table"]\n'
    )
    assert read_section(tmp_path) == {"schema": "s.sql", "review": {"ignore": ["renaming-table"]}}
    assert read_section(tmp_path, "review") == {"ignore": ["renaming-table"]}
    assert read_section(tmp_path, "drift") == {}, "an absent table is empty: every setting takes its default"


def test_a_setting_where_a_table_belongs_is_named(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.pgcanon]\nreview = "strict"\n')
    with pytest.raises(ConfigError, match=r"\[tool\.pgcanon\.review\]: expected a table"):
        read_section(tmp_path, "review")


def test_a_pyproject_that_is_not_toml_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.pgcanon]\nschema = "unterminated\n')
    with pytest.raises(ConfigError, match="pyproject.toml: not valid TOML"):
        load_settings(tmp_path)


def test_settings_without_section_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    with pytest.raises(ConfigError, match=r"\[tool.pgcanon\]"):
        load_settings(tmp_path, environ={})


@pytest.mark.parametrize("url", ["mysql://u:pw@h/d", "http://example.invalid/", "sqlite:///x.db"])
def test_non_postgresql_url_is_refused_without_its_password(url: str) -> None:
    with pytest.raises(ConfigError, match="not a PostgreSQL URL") as info:
        ExternalServer(url)
    assert "pw" not in str(info.value)


def test_sqlalchemy_style_url_is_accepted() -> None:
    server = ExternalServer("postgresql+psycopg://u@h:5433/app")
    assert "5433" in server.conninfo()
    assert server.describe() == "PostgreSQL at h:5433, database app"
