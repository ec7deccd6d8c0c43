"""`pgcanon diff OLD NEW --format sql`: the script runs as printed with psql, exit codes say whether
there is anything to do, `empty` bootstraps a source's whole DDL, and nothing but differences exits 1."""

from __future__ import annotations

import json
import subprocess
import textwrap
from pathlib import Path

import psycopg
import pytest
from fix_sources import run_cli, scratch_names, url_of
from pgdump import pg_dump_bin

from pgcanon.catalog import read_snapshot
from pgcanon.diff import DiffOptions, diff
from pgcanon.scratch import scratch_database

OLD = """
    CREATE TABLE public.videos (id integer PRIMARY KEY, title varchar(20));
    CREATE VIEW public.titles AS SELECT id, title FROM public.videos;
"""
NEW = """
    CREATE TYPE public.video_state AS ENUM ('new', 'ready');
    CREATE TABLE public.videos (id integer PRIMARY KEY, title text, state public.video_state);
    CREATE VIEW public.titles AS SELECT id, title FROM public.videos;
    CREATE INDEX videos_title ON public.videos (title);
"""


@pytest.fixture
def pair(tmp_path: Path) -> tuple[str, str]:
    (tmp_path / "old.sql").write_text(textwrap.dedent(OLD))
    (tmp_path / "new.sql").write_text(textwrap.dedent(NEW))
    return str(tmp_path / "old.sql"), str(tmp_path / "new.sql")


def _apply(conninfo: str, ddl: str) -> None:
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(ddl.encode())


def psql(conninfo: str, script: str, tmp: Path) -> subprocess.CompletedProcess[str]:
    """The script as a user runs it: ``psql -X -v ON_ERROR_STOP=1 -f plan.sql``."""
    (tmp / "plan.sql").write_text(script)
    return subprocess.run([str(pg_dump_bin().with_name("psql")), "-X", "-q", "-v", "ON_ERROR_STOP=1",
                           "-f", str(tmp / "plan.sql"), "-d", url_of(conninfo)],
                          capture_output=True, text=True, check=False)


def test_the_printed_script_turns_old_into_new(pg_server: object, pair: tuple[str, str]) -> None:
    old, new = pair
    code, script, err = run_cli("diff", old, new, "--format", "sql")
    assert (code, err) == (1, "")
    assert "CREATE INDEX CONCURRENTLY videos_title" in script
    with scratch_database(pg_server) as target, scratch_database(pg_server) as wanted:  # type: ignore[arg-type]
        _apply(target, Path(old).read_text())
        _apply(wanted, Path(new).read_text())
        done = psql(target, script, Path(old).parent)
        assert done.returncode == 0, done.stderr
        assert diff(read_snapshot(target), read_snapshot(wanted), DiffOptions()) == ()


def test_equal_sources_print_no_statement_and_exit_0(pair: tuple[str, str]) -> None:
    code, script, _ = run_cli("diff", pair[0], pair[0], "--format", "sql")
    assert code == 0
    assert [line for line in script.splitlines() if not line.startswith("--")] == []


def test_no_online_gives_the_plain_forms(pair: tuple[str, str]) -> None:
    code, script, _ = run_cli("diff", *pair, "--format", "sql", "--no-online")
    assert code == 1
    assert "CONCURRENTLY" not in script and "lock_timeout" not in script
    assert "CREATE INDEX videos_title ON public.videos USING btree (title);" in script


def test_sql_json_is_the_same_plan_as_data(pair: tuple[str, str]) -> None:
    code, out, _ = run_cli("--format", "sql-json", "diff", *pair)
    doc = json.loads(out)
    assert code == 1 and doc["equal"] is False
    index = next(s for s in doc["statements"] if "CONCURRENTLY" in s["sql"])
    assert index["transactional"] is False and "FAILS_IN_TRANSACTION" in index["hazards"]
    _, script, _ = run_cli("diff", *pair, "--format", "sql")
    assert all(s["sql"] in script for s in doc["statements"])


def test_empty_bootstraps_the_whole_schema_of_this_repository(pg_server: object, tmp_path: Path) -> None:
    code, script, err = run_cli("diff", "empty", "migrations@head", "--format", "sql", "--no-online")
    assert (code, err) == (1, "")
    with scratch_database(pg_server) as target:  # type: ignore[arg-type]
        done = psql(target, script, tmp_path)
        assert done.returncode == 0, done.stderr
        code, out, _ = run_cli("diff", url_of(target), "migrations@head")
        assert code == 0, out


def test_a_column_in_the_middle_exits_2_and_names_the_fix(tmp_path: Path) -> None:
    (tmp_path / "a.sql").write_text("CREATE TABLE public.t (a int, c int);")
    (tmp_path / "b.sql").write_text("CREATE TABLE public.t (a int, b int, c int);")
    code, out, err = run_cli("diff", str(tmp_path / "a.sql"), str(tmp_path / "b.sql"), "--format", "sql")
    assert (code, out) == (2, "")
    assert "public.t" in err and "--ignore-column-order" in err


def test_a_format_the_command_has_not_is_a_usage_error() -> None:
    code, _, err = run_cli("--format", "sql", "check")
    assert code == 2 and "--format sql" in err


LAYERS = {
    "server": "pgcanon.compare.scratch_server",
    "build": "pgcanon.compare.built",
    "snapshot": "pgcanon.catalog.read_snapshot",
    "diff": "pgcanon.diff.diff",
    "render": "pgcanon.render.text.render",
}


@pytest.mark.parametrize("layer", sorted(LAYERS))
def test_an_unexpected_failure_in_any_layer_exits_2_in_one_line(
    layer: str, pair: tuple[str, str], pg_server: object, monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError(f"the {layer} broke")

    monkeypatch.setattr(LAYERS[layer], broken)
    before = scratch_names(pg_server.conninfo("postgres"))  # type: ignore[attr-defined]
    code, _, err = run_cli("diff", *pair)
    assert code == 2
    assert "Traceback" not in err and len(err.splitlines()) == 2
    assert f"RuntimeError: the {layer} broke" in err and "--debug" in err
    assert scratch_names(pg_server.conninfo("postgres")) == before  # type: ignore[attr-defined]
    code, _, err = run_cli("--debug", "diff", *pair)
    assert code == 2 and "Traceback" in err
