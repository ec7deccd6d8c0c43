"""Building .sql files into a database: order, atomicity, and errors that point into the file."""

from __future__ import annotations

from typing import TYPE_CHECKING

import psycopg
import pytest

from pgcanon.errors import SourceError
from pgcanon.sources.ddl import DdlSource, position

if TYPE_CHECKING:
    from pathlib import Path

    from pgcanon.server import Server


def tables(conninfo: str) -> list[str]:
    with psycopg.connect(conninfo) as conn:
        rows = conn.execute(
            "SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace ORDER BY 1"
        ).fetchall()
    return [r[0] for r in rows]


def build(tmp_path: Path, pg_server: Server, conninfo: str, **files: str) -> None:
    for name, text in files.items():
        (tmp_path / f"{name}.sql").write_text(text)
    DdlSource((tmp_path,), label="schema", root=tmp_path).build(pg_server, conninfo)


def test_position_counts_lines_and_columns() -> None:
    text = "ab\ncd\nef"
    assert position(text, 0) == (1, 1)
    assert position(text, 4) == (2, 2)
    assert position(text, 6) == (3, 1)


def test_directory_runs_in_name_order(tmp_path: Path, pg_server: Server, empty_db: str) -> None:
    build(tmp_path, pg_server, empty_db, b_child="CREATE TABLE child (p int REFERENCES parent);",
          a_parent="CREATE TABLE parent (id int PRIMARY KEY);")
    assert tables(empty_db) == ["child", "parent"]


def test_unknown_type_names_file_line_column_and_statement(tmp_path: Path, pg_server: Server, empty_db: str) -> None:
    text = "CREATE TABLE ok (a int);\n\n-- the bad one\nCREATE TABLE bad (\n    b int,\n    c nosuchtype\n);\n"
    with pytest.raises(SourceError) as info:
        build(tmp_path, pg_server, empty_db, create_schema=text)
    err = info.value
    assert (err.file, err.line, err.column) == ("create_schema.sql", 6, 7)
    assert str(err).startswith('create_schema.sql:6:7: type "nosuchtype" does not exist')
    assert "CREATE TABLE bad ( b int, c nosuchtype )" in str(err)
    assert tables(empty_db) == [], "a failing file must leave nothing behind"


def test_syntax_error_position(tmp_path: Path, pg_server: Server, empty_db: str) -> None:
    with pytest.raises(SourceError) as info:
        build(tmp_path, pg_server, empty_db, s="CREATE TABLE t (a int);\nCREAT TABLE u (b int);\n")
    assert (info.value.line, info.value.column) == (2, 1)
    assert "syntax error" in str(info.value)


def test_error_without_position_finds_the_statement(tmp_path: Path, pg_server: Server, empty_db: str) -> None:
    text = "CREATE TABLE t (a int);\nINSERT INTO t VALUES (1), (1);\nCREATE UNIQUE INDEX t_a ON t (a);\n"
    with pytest.raises(SourceError) as info:
        build(tmp_path, pg_server, empty_db, s=text)
    assert (info.value.line, info.value.column) == (3, 1)
    assert "could not create unique index" in str(info.value)
    assert tables(empty_db) == []


def test_comment_only_file_is_an_empty_schema(tmp_path: Path, pg_server: Server, empty_db: str) -> None:
    build(tmp_path, pg_server, empty_db, empty="-- nothing here yet\n/* nor here */\n")
    assert tables(empty_db) == []


def test_statements_that_refuse_a_transaction_block_still_run(
    tmp_path: Path, pg_server: Server, empty_db: str
) -> None:
    build(tmp_path, pg_server, empty_db, s="CREATE TABLE t (a int);\nCREATE INDEX CONCURRENTLY t_a ON t (a);\n")
    with psycopg.connect(empty_db) as conn:
        assert conn.execute("SELECT to_regclass('t_a') IS NOT NULL").fetchone() == (True,)


def test_missing_file(tmp_path: Path, pg_server: Server, empty_db: str) -> None:
    with pytest.raises(SourceError, match="no such file or directory"):
        DdlSource((tmp_path / "nope.sql",), label="x").build(pg_server, empty_db)


def test_non_ascii_before_the_error_keeps_columns_right(tmp_path: Path, pg_server: Server, empty_db: str) -> None:
    text = "COMMENT ON SCHEMA public IS 'héhé ünïcode';\nCREATE TABLE t (a nosuch);\n"
    with pytest.raises(SourceError) as info:
        build(tmp_path, pg_server, empty_db, s=text)
    assert (info.value.line, info.value.column) == (2, 19)
