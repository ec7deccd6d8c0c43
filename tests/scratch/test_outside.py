"""Statements that would act outside the scratch database are refused, with their place, before any runs;
roles a schema creates on pgcanon's own server are its own, and go with its scratch database."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import TYPE_CHECKING

import psycopg
import pytest
from fix_sources import run_cli, scratch_names
from psycopg import sql as pgsql

from pgcanon.scratch import PREFIX, ROLE_MARK, host_tag

#: This process's scratch databases that existed before the test: other suites' session fixtures (the
#: mutation suite's rich template) keep theirs for the whole run; only what the test leaves counts.
_BEFORE: set[str] = set()


# The command's own embedded server is what these test, also under make test-matrix.
pytestmark = pytest.mark.embedded_cli


@pytest.fixture(autouse=True)
def _scratch_before(pg_server: Server) -> None:
    _BEFORE.clear()
    _BEFORE.update(scratch_names(pg_server.conninfo()))


if TYPE_CHECKING:
    from collections.abc import Callable

    from pgcanon.server import EmbeddedServer, Server

PLAIN = "CREATE TABLE t (a int);\n"
TOUCHED = Path("/tmp") / f"pgcanon_test_{secrets.token_hex(4)}"


@pytest.mark.parametrize(
    ("statement", "message"),
    [
        ("ALTER SYSTEM SET work_mem = '1GB';", "ALTER SYSTEM changes the server's configuration"),
        ("CREATE TABLESPACE ts LOCATION '/tmp';", "a tablespace is a directory on the server's host"),
        (f"COPY t TO PROGRAM 'touch {TOUCHED}';", "COPY … PROGRAM runs a program on the server's host"),
        (f"COPY t TO '{TOUCHED}';", f"COPY … TO '{TOUCHED}' writes a file on the server's host"),
        ("CREATE SUBSCRIPTION s CONNECTION 'host=localhost' PUBLICATION p;",
         "CREATE SUBSCRIPTION connects to its publisher"),
        ("CREATE SUBSCRIPTION s CONNECTION 'host=localhost' PUBLICATION p WITH (connect = false);\n"
         "ALTER SUBSCRIPTION s ENABLE;", "ALTER SUBSCRIPTION … ENABLE starts replicating"),
        ("SELECT pg_create_physical_replication_slot('s', true);",
         "pg_create_physical_replication_slot() creates a physical replication slot"),
        ("IMPORT FOREIGN SCHEMA public FROM SERVER far INTO public;", "IMPORT FOREIGN SCHEMA connects"),
        ("ALTER DATABASE postgres SET work_mem = '1GB';", "the statement acts on database postgres of the server"),
        ("GRANT CONNECT ON DATABASE postgres TO PUBLIC;", "the statement acts on database postgres of the server"),
        ("CREATE ROLE app;", "CREATE ROLE creates a role on the whole server"),
        ("ALTER ROLE postgres SET work_mem = '1GB';",
         "the statement changes role postgres, which belongs to the whole server"),
        ("GRANT pg_read_server_files TO PUBLIC;", "GRANT/REVOKE of role membership (pg_read_server_files TO PUBLIC)"),
    ],
    ids=["alter-system", "tablespace", "copy-program", "copy-to-file", "subscription-connects",
         "subscription-enable", "physical-slot", "import-foreign-schema", "alter-database", "grant-on-database",
         "create-role-elsewhere", "alter-role", "grant-role"],
)
def test_refused_with_its_place_before_anything_runs(
    statement: str, message: str, sql: Callable[[str, str], str], pg_server: Server, pg_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATABASE_URL", pg_url)  # a server that is not pgcanon's own: not even roles
    path = sql("schema.sql", f"{PLAIN}-- below: the refused statement\n  {statement}\n")
    code, out, err = run_cli("diff", path, path)
    assert code == 2, out + err
    line = 3 + statement.count("\n")
    column = 3 if "\n" not in statement else 1
    assert err.startswith(f"pgcanon: error: {path}:{line}:{column}: {message}"), err
    assert "in statement: " in err
    assert "Traceback" not in err
    assert not TOUCHED.exists()
    assert scratch_names(pg_server.conninfo()) - _BEFORE == set()


def test_allowed_forms_are_built(sql: Callable[[str, str], str], pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Reading a file, a subscription declared only, grants to existing roles: inside the scratch database.
    monkeypatch.setenv("DATABASE_URL", pg_url)
    path = sql("schema.sql", PLAIN + "GRANT SELECT ON t TO PUBLIC;\n"
                             "CREATE SUBSCRIPTION s CONNECTION 'host=/nonexistent' PUBLICATION p "
                             "WITH (connect = false, slot_name = NONE);\n"
                             "DROP SUBSCRIPTION s;\n")
    code, out, err = run_cli("diff", path, path)
    assert code == 0, out + err


def _roles(server: Server, *names: str) -> set[str]:
    with psycopg.connect(server.conninfo()) as conn:
        return {r[0] for r in conn.execute("SELECT rolname FROM pg_roles WHERE rolname = ANY(%s)", [list(names)])}


def test_roles_a_schema_creates_on_our_server_go_with_its_scratch_database(
    sql: Callable[[str, str], str], replica_project: tuple[Path, EmbeddedServer],
) -> None:
    root, server = replica_project
    tag = secrets.token_hex(3)
    plain, quoted, dynamic = f"app_{tag}", f"App {tag}", f"dyn_{tag}"
    a = sql("a.sql", f"""\
        CREATE ROLE {plain} NOLOGIN;
        CREATE ROLE "{quoted}" IN ROLE {plain};
        ALTER ROLE {plain} SET work_mem = '8MB';
        DO $$ BEGIN CREATE ROLE {dynamic}; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
        {PLAIN}GRANT SELECT ON t TO {plain}, "{quoted}", {dynamic};
        """)
    b = sql("b.sql", PLAIN)
    # Twice: a role left by the first run would make the second one's CREATE ROLE fail.
    for _ in range(2):
        code, out, err = run_cli("diff", a, a, cwd=root)
        assert code == 0, out + err
        assert _roles(server, plain, quoted, dynamic) == set()
    code, out, _ = run_cli("diff", a, b, cwd=root)
    assert code == 1
    assert f'privileges "{quoted}":SELECT, {plain}:SELECT, {dynamic}:SELECT only in {a}' in out
    assert _roles(server, plain, quoted, dynamic) == set()


def test_roles_of_a_failed_build_are_dropped_too(
    sql: Callable[[str, str], str], replica_project: tuple[Path, EmbeddedServer],
) -> None:
    root, server = replica_project
    role = f"app_{secrets.token_hex(3)}"
    schema = root / f"failing_{role}"
    schema.mkdir()
    (schema / "1_role.sql").write_text(f"CREATE ROLE {role};\n")
    (schema / "2_bad.sql").write_text("CREATE TABLE t (a int,, b int);\n")
    code, _, err = run_cli("diff", str(schema), str(schema), cwd=root)
    assert code == 2
    assert "2_bad.sql:1:" in err
    assert _roles(server, role) == set()


def test_roles_left_by_a_killed_run_are_swept(
    replica_project: tuple[Path, EmbeddedServer],
) -> None:
    import subprocess
    import sys

    root, server = replica_project
    role = f"app_{secrets.token_hex(3)}"
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    gone = f"{PREFIX}{host_tag()}_{proc.pid}_{secrets.token_hex(4)}"  # its database was dropped, its role not
    with psycopg.connect(server.conninfo(), autocommit=True) as conn:
        conn.execute(pgsql.SQL("CREATE ROLE {}").format(pgsql.Identifier(role)))
        conn.execute(pgsql.SQL("COMMENT ON ROLE {} IS {}").format(pgsql.Identifier(role),
                                                                  pgsql.Literal(ROLE_MARK + gone)))
    path = sql_file(root, PLAIN)
    assert run_cli("diff", path, path, cwd=root)[0] == 0
    assert _roles(server, role) == set()


def test_a_role_the_schema_did_not_create_is_not_touched(
    replica_project: tuple[Path, EmbeddedServer],
) -> None:
    root, server = replica_project
    role = f"keep_{secrets.token_hex(3)}"
    with psycopg.connect(server.conninfo(), autocommit=True) as conn:
        conn.execute(pgsql.SQL("CREATE ROLE {}").format(pgsql.Identifier(role)))
    try:
        path = sql_file(root, f"{PLAIN}GRANT SELECT ON t TO {role};\nDO $$ BEGIN CREATE ROLE {role}; "
                              "EXCEPTION WHEN duplicate_object THEN NULL; END $$;\n")
        assert run_cli("diff", path, path, cwd=root)[0] == 0
        assert _roles(server, role) == {role}
        code, _, err = run_cli("diff", sql_file(root, f"ALTER ROLE {role} SET work_mem = '8MB';\n"), path, cwd=root)
        assert code == 2
        assert f"changes role {role}" in err
    finally:
        with psycopg.connect(server.conninfo(), autocommit=True) as conn:
            conn.execute(pgsql.SQL("DROP ROLE {}").format(pgsql.Identifier(role)))


def sql_file(root: Path, text: str) -> str:
    path = root / f"s_{secrets.token_hex(4)}.sql"
    path.write_text(text)
    return str(path)
