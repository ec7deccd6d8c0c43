"""`pgcanon diff` and `pgcanon check` from the command line: exit codes, reports, and bad inputs."""

from __future__ import annotations

import io
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fix_sources import ROOT, run_cli, scratch_names, url_of

from pgcanon.cli import run

if TYPE_CHECKING:
    from pgcanon.server import Server


@pytest.fixture
def sql(tmp_path: Path):
    def write(name: str, text: str) -> str:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text))
        return str(path)

    return write


def test_check_passes_on_this_repository() -> None:
    code, out, err = run_cli("check")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "ok   schema = migrations@head"


def test_diff_schema_and_head_is_empty() -> None:
    code, out, _ = run_cli("diff", "schema", "migrations@head")
    assert code == 0
    assert out == "schema and migrations@head are identical\n"


@pytest.mark.parametrize(
    ("path", "old", "new", "expected"),
    [
        ("schema/create_schema.sql", "    mime_type VARCHAR(127),", "    mime_type VARCHAR(100),",
         "  column public.videos.mime_type: type character varying(100) (schema) vs character varying(127) "
         "(migrations@head)"),
        ("migrations/versions/0006_scene_thumbnail_key.py", "sa.String(512)", "sa.String(500)",
         "  column public.scenes.thumbnail_key: type character varying(512) (schema) vs character varying(500) "
         "(migrations@head)"),
        ("schema/create_schema.sql", "    'ready',\n    'failed'", "    'failed',\n    'ready'",
         "  enum public.video_state: labels"),
    ],
    ids=["ddl-column-type", "migration-column-type", "ddl-enum-order"],
)
def test_check_fails_naming_the_object_after_a_one_line_change(
    project_copy: Path, path: str, old: str, new: str, expected: str, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", pg_url)  # the copy would otherwise start an embedded server of its own
    file = project_copy / path
    text = file.read_text()
    assert old in text, f"{path} no longer contains {old!r}: update this test"
    file.write_text(text.replace(old, new, 1))
    code, out, err = run_cli("check", cwd=project_copy)
    assert code == 1, err
    assert out.splitlines()[0].startswith("FAIL schema = migrations@head: 1 difference")
    assert expected in out


def test_json_report_has_the_documented_shape(sql) -> None:
    a = sql("a.sql", "CREATE TABLE t (a int, b text);")
    b = sql("b.sql", "CREATE TABLE t (a bigint, c text);")
    code, out, _ = run_cli("diff", a, b, "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert (report["old"], report["new"], report["equal"]) == (a, b, False)
    by_name = {(c["name"], c["change"]): c for c in report["changes"]}
    assert by_name[("public.t.a", "altered")]["field"] == "type"
    altered = by_name[("public.t.a", "altered")]
    assert (altered["old"], altered["new"]) == ("integer", "bigint")
    assert by_name[("public.t.b", "removed")]["kind"] == "column"
    assert by_name[("public.t.c", "added")]["new"]["type"] == "text"
    assert all(set(c) >= {"kind", "name", "change", "field", "old", "new"} for c in report["changes"])


def test_equal_json_report(sql) -> None:
    a = sql("a.sql", "CREATE TABLE t (a int);")
    code, out, _ = run_cli("diff", a, a, "--format", "json")
    assert code == 0
    assert json.loads(out) == {"old": a, "new": a, "equal": True, "changes": []}


def test_column_order_is_strict_unless_relaxed(sql) -> None:
    a = sql("a.sql", "CREATE TABLE t (a int, b int, c int);")
    b = sql("b.sql", "CREATE TABLE t (a int, c int, b int);")
    code, out, _ = run_cli("diff", a, b)
    assert code == 1
    assert "table public.t: column order" in out
    assert run_cli("diff", a, b, "--ignore-column-order")[0] == 0


def test_comment_only_file_is_an_empty_schema(sql) -> None:
    empty = sql("empty.sql", "-- nothing yet\n")
    assert run_cli("diff", empty, empty)[0] == 0
    code, out, _ = run_cli("diff", empty, "schema")
    assert code == 1
    assert re.search(r"empty\.sql lacks table public\.videos \(schema/create_schema\.sql:\d+\)$", out, re.M), out


def test_syntax_error_names_file_line_column_and_leaves_no_scratch_database(
    sql, pg_server: Server
) -> None:
    good = sql("good.sql", "CREATE TABLE t (a int);")
    bad = sql("bad.sql", "CREATE TABLE t (a int);\nCREATE TABLE u (b int,, c int);\n")
    before = scratch_names(pg_server.conninfo())
    code, out, err = run_cli("diff", good, bad)
    assert code == 2
    assert err.startswith(f"pgcanon: error: {bad}:2:23: syntax error at or near \",\"")
    assert "in statement: CREATE TABLE u (b int,, c int)" in err
    assert scratch_names(pg_server.conninfo()) <= before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("missing.sql", "schema"), "missing.sql: no such file or directory"),
        (("schema", "migrations@nosuchrev"), "unknown revision 'nosuchrev'"),
        (("schema", "nosuchthing"), "unknown source 'nosuchthing'"),
        (("schema", "mysql://u:SECRETPW@db/x"), "not a PostgreSQL URL"),
        (("schema", "postgresql://u:SECRETPW@127.0.0.1:1/x"), "cannot connect to"),
    ],
    ids=["missing-file", "unknown-revision", "unknown-source", "not-postgresql", "unreachable"],
)
def test_bad_input_is_exit_2_with_one_clear_message(
    args: tuple[str, str], message: str, pg_server: Server
) -> None:
    before = scratch_names(pg_server.conninfo())
    code, out, err = run_cli("diff", *args)
    assert code == 2
    assert message in err
    assert "SECRETPW" not in out + err
    assert "Traceback" not in err
    assert scratch_names(pg_server.conninfo()) <= before


def test_live_database_is_read_not_written(empty_db: str) -> None:
    import psycopg

    with psycopg.connect(empty_db, autocommit=True) as conn:
        conn.execute("CREATE TABLE live_t (a int)")
    code, out, _ = run_cli("diff", url_of(empty_db), url_of(empty_db))
    assert code == 0
    code, out, _ = run_cli("diff", "schema", url_of(empty_db))
    assert code == 1
    assert "schema lacks table public.live_t" in out


def test_wrong_password_is_a_clear_error_without_the_password(password_server: str) -> None:
    url = password_server.replace("RIGHTPW", "WRONGPW")
    code, out, err = run_cli("diff", url, url)
    assert code == 2
    assert "password authentication failed" in err
    assert "WRONGPW" not in out + err and "RIGHTPW" not in out + err
    assert run_cli("diff", password_server, password_server)[0] == 0


HOSTILE = 'x"; DROP TABLE foobar; --'


@pytest.mark.embedded_cli  # roles are created on our own server only
def test_roles_are_created_on_our_server_and_required_elsewhere(sql, monkeypatch: pytest.MonkeyPatch,
                                                                pg_server: Server) -> None:
    role = f"pgcanon_test_{secrets.token_hex(3)}"
    a = sql("a.sql", f'CREATE TABLE foobar (a int);\nGRANT SELECT ON foobar TO "{role}";\n'
                     f'GRANT SELECT ON foobar TO "{HOSTILE.replace(chr(34), chr(34) * 2)}";\n')
    if not pg_server.ours:
        pytest.skip("the test server is not ours")
    # On a server that is not ours a missing role is an error, and nothing is created.
    monkeypatch.setenv("DATABASE_URL", url_of(pg_server.conninfo()))
    code, _, err = run_cli("diff", a, a, "--role", role, "--role", HOSTILE)
    assert code == 2
    assert f'role(s) "{role}"' in err and "do not exist" in err
    monkeypatch.delenv("DATABASE_URL")
    # On our own server, --role creates them (the hostile name is quoted, never executed).
    assert run_cli("diff", a, a, "--role", role, "--role", HOSTILE)[0] == 0
    b = sql("b.sql", "CREATE TABLE foobar (a int);\n")
    code, out, _ = run_cli("diff", a, b, "--role", role, "--role", HOSTILE)
    assert code == 1
    assert "table public.foobar: privileges" in out


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_and_never_with_no_color(sql, monkeypatch: pytest.MonkeyPatch) -> None:
    a = sql("a.sql", "CREATE TABLE t (a int);")
    b = sql("b.sql", "CREATE TABLE t (a bigint);")
    os.chdir(ROOT)
    monkeypatch.delenv("NO_COLOR", raising=False)
    tty = _Tty()
    assert run(["diff", a, b], tty, io.StringIO()) == 1
    assert "\x1b[" in tty.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    tty = _Tty()
    run(["diff", a, b], tty, io.StringIO())
    assert "\x1b[" not in tty.getvalue()
    assert "\x1b[" not in run_cli("diff", a, b)[1]


def test_scratch_database_of_a_killed_process_is_dropped_by_the_next_run(
    pg_server: Server, sql, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = (
        "import sys, time, pathlib\n"
        "from pgcanon.server import EmbeddedServer, ExternalServer\n"
        "from pgcanon.scratch import scratch_database\n"
        "import os\n"
        "url = os.environ.get('PGCANON_TEST_URL')\n"
        "server = ExternalServer(url) if url else "
        f"EmbeddedServer(pathlib.Path({str(getattr(pg_server, 'data_dir', ''))!r}),"
        " disposable=True)\n"
        "with scratch_database(server) as conninfo:\n"
        "    print(conninfo, flush=True)\n"
        "    time.sleep(120)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()  # type: ignore[union-attr]
        name = line.split("dbname=")[1].split()[0]
        assert name in scratch_names(pg_server.conninfo(), pid=proc.pid), "the name must say which process made it"
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    a = sql("a.sql", "CREATE TABLE t (a int);")
    monkeypatch.setenv("DATABASE_URL", pg_url)  # the next run must use the server the killed one used
    assert run_cli("diff", a, a)[0] == 0
    assert name not in scratch_names(pg_server.conninfo(), pid=proc.pid)
