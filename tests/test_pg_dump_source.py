"""A pg_dump --schema-only file is a schema source: it builds and compares equal to its database."""

from __future__ import annotations

import subprocess
from typing import TYPE_CHECKING

from fix_sources import run_cli, url_of
from pgdump import pg_dump_bin

from pgcanon import migrations

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

    from pgcanon.config import Settings


def test_a_dump_of_the_dev_database_compares_equal_to_it(
    settings: Settings, empty_db: str, pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    migrations.upgrade(settings, empty_db, "head")
    url = url_of(empty_db)
    dump = tmp_path / "dump.sql"
    # pg_dump 18, whatever the server: on 14-16 its SET transaction_timeout (a 17 parameter) must not stop the build.
    subprocess.run([str(pg_dump_bin()), "--schema-only", "--exclude-table", "public.alembic_version",
                    "-f", str(dump), url], check=True)
    text = dump.read_text()
    assert "\\restrict " in text and "SELECT pg_catalog.set_config('search_path', '', false);" in text
    monkeypatch.setenv("PGCANON_DATABASE_URL", pg_url)
    code, out, err = run_cli("diff", str(dump), url)
    assert (code, err) == (0, ""), out
    assert "are identical" in out


def test_other_psql_meta_commands_are_refused_with_their_line(
    tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    ddl = tmp_path / "a.sql"
    ddl.write_text("CREATE TABLE t (id int);\n\n\\connect other\nCREATE TABLE u (id int);\n")
    monkeypatch.setenv("PGCANON_DATABASE_URL", pg_url)
    code, _, err = run_cli("diff", str(ddl), str(ddl))
    assert code == 2
    assert f"{ddl}:3:1: psql meta-command \\connect is not SQL" in err
