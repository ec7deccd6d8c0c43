"""What PostgreSQL will not drop a database under is undone first: every run leaves no scratch database.

Each schema leaves its scratch database held by something ``DROP DATABASE … WITH
(FORCE)`` alone refuses or has to wait for: a subscription, a prepared transaction,
a logical replication slot, a session spawned by a trigger, the template flag.
The diff still says what the schemas say, nothing is left behind, no warning is
given, and the next diff works.
"""

from __future__ import annotations

import logging
import os
import secrets
from typing import TYPE_CHECKING

import psycopg
import pytest
from fix_sources import run_cli, scratch_names

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
    from pathlib import Path

    from pgcanon.server import EmbeddedServer, Server

PLAIN = "CREATE TABLE t (a int);\n"

#: A trigger that opens a dblink session into the scratch database, runs QUERY there and leaves it running.
SPAWN = """\
CREATE EXTENSION dblink;
CREATE FUNCTION spawn() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM dblink_connect('lingering', format('host=%s port=%s dbname=%s user=%s',
      split_part(current_setting('unix_socket_directories'), ',', 1), current_setting('port'),
      current_database(), current_user));
  PERFORM dblink_send_query('lingering', QUERY);
  RETURN NEW;
END $fn$;
CREATE TRIGGER spawn AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION spawn();
INSERT INTO t VALUES (1);
"""


def _diff_twice(a: str, same: str, other: str, cwd: Path | None, caplog: pytest.LogCaptureFixture) -> None:
    """diff a a-like → 0, diff a other → 1, then again a a → 0; no warning on the way."""
    kwargs = {"cwd": cwd} if cwd is not None else {}
    with caplog.at_level(logging.WARNING, logger="pgcanon.scratch"):
        code, out, err = run_cli("diff", a, same, **kwargs)
        assert code == 0, out + err
        code, out, err = run_cli("diff", a, other, **kwargs)
        assert code == 1, out + err
        code, out, err = run_cli("diff", a, a, **kwargs)
        assert code == 0, out + err
    assert [r.getMessage() for r in caplog.records if r.name == "pgcanon.scratch"] == []


def _no_trace(conninfo: str) -> None:
    """None of this process's scratch databases, and nothing that belonged to one, is left."""
    assert scratch_names(conninfo) - _BEFORE == set()
    # this process's names only: another xdist worker's scratch database may hold a subscription right now
    ours = f"pgcanon\\_s\\_%\\_{os.getpid()}\\_%"
    with psycopg.connect(conninfo) as conn:
        left = conn.execute(
            "SELECT (SELECT count(*) FROM pg_subscription s JOIN pg_database d ON d.oid = s.subdbid"
            "        WHERE d.datname LIKE %(ours)s),"
            "       (SELECT count(*) FROM pg_prepared_xacts WHERE database LIKE %(ours)s),"
            "       (SELECT count(*) FROM pg_replication_slots WHERE database LIKE %(ours)s)",
            {"ours": ours},
        ).fetchone()
    assert left == (0, 0, 0)


@pytest.fixture
def superuser(pg_server: Server) -> None:
    with psycopg.connect(pg_server.conninfo()) as conn:
        if not conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()[0]:
            pytest.skip("subscriptions and dblink sessions need a superuser on the test server")


def test_subscription_declared_without_connecting(
    sql: Callable[[str, str], str], pg_server: Server, pg_url: str, superuser: None,
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
) -> None:
    # What pg_dump writes for a subscription: it never connected, but its slot name makes DROP DATABASE refuse.
    a = sql("a.sql", PLAIN + "CREATE PUBLICATION p FOR TABLE t;\n"
            "CREATE SUBSCRIPTION s CONNECTION 'host=/nonexistent dbname=none' PUBLICATION p "
            "WITH (connect = false, slot_name = 's');\n")
    b = sql("b.sql", "CREATE TABLE t (a bigint);\n")
    monkeypatch.setenv("DATABASE_URL", pg_url)
    _diff_twice(a, a, b, None, caplog)
    _no_trace(pg_server.conninfo())


def test_session_spawned_by_a_trigger_is_ended(
    sql: Callable[[str, str], str], pg_server: Server, pg_url: str, superuser: None,
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
) -> None:
    # The trigger opens a dblink session into the scratch database that sleeps on after the build disconnects.
    a = sql("a.sql", PLAIN + SPAWN.replace("QUERY", "'SELECT pg_sleep(120)'"))
    with psycopg.connect(pg_server.conninfo()) as conn:
        if not conn.execute("SELECT current_setting('unix_socket_directories') <> ''").fetchone()[0]:
            pytest.skip("the test server has no unix socket for dblink to reach it by")
    b = sql("b.sql", "CREATE TABLE t (a int, b int);\n")
    monkeypatch.setenv("DATABASE_URL", pg_url)
    _diff_twice(a, a, b, None, caplog)
    _no_trace(pg_server.conninfo())
    with psycopg.connect(pg_server.conninfo()) as conn:
        sleeping = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname LIKE 'pgcanon\\_s\\_%%'"
                                " AND query = 'SELECT pg_sleep(120)'").fetchone()[0]
    assert sleeping == 0


def test_database_made_a_template_by_its_schema(
    sql: Callable[[str, str], str], pg_server: Server, pg_url: str, superuser: None,
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
) -> None:
    # ALTER DATABASE is refused at top level; a DO block can still do it, and DROP DATABASE refuses templates.
    a = sql("a.sql", PLAIN + "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I IS_TEMPLATE true', "
                             "current_database()); END $$;\n")
    b = sql("b.sql", "")
    monkeypatch.setenv("DATABASE_URL", pg_url)
    _diff_twice(a, sql("same.sql", PLAIN), b, None, caplog)
    _no_trace(pg_server.conninfo())


def test_prepared_transaction_left_open(
    sql: Callable[[str, str], str], replica_project: tuple[Path, EmbeddedServer], caplog: pytest.LogCaptureFixture,
) -> None:
    root, server = replica_project
    gid = f"pgcanon_test_{secrets.token_hex(4)}"
    # The first file commits t; the second prepares a transaction holding a lock on t and never finishes it.
    schema = root / "prepared"
    schema.mkdir()
    (schema / "1_t.sql").write_text(PLAIN)
    (schema / "2_prepared.sql").write_text(f"BEGIN;\nLOCK TABLE t;\nCREATE TABLE hidden (b int);\n"
                                          f"PREPARE TRANSACTION '{gid}';\n")
    same = sql("same.sql", PLAIN)
    other = sql("other.sql", PLAIN + "CREATE TABLE hidden (b int);\n")
    _diff_twice(str(schema), same, other, root, caplog)
    _no_trace(server.conninfo())




def test_logical_replication_slot_held_by_a_session(
    sql: Callable[[str, str], str], replica_project: tuple[Path, EmbeddedServer], caplog: pytest.LogCaptureFixture,
) -> None:
    # DROP DATABASE drops a database's idle logical slots itself, but refuses (FORCE or not) while one is in use:
    # here a session the schema's trigger spawned holds a temporary slot and sleeps.
    root, server = replica_project
    slot = f"pgcanon_test_{secrets.token_hex(4)}"
    query = f"$q$SELECT pg_create_logical_replication_slot('{slot}', 'pgoutput', true), pg_sleep(120)$q$"
    a = sql("slot.sql", PLAIN + SPAWN.replace("QUERY", query))
    b = sql("b.sql", "CREATE TABLE t (a text);\n")
    _diff_twice(a, a, b, root, caplog)
    _no_trace(server.conninfo())


def test_idle_logical_replication_slot(
    sql: Callable[[str, str], str], replica_project: tuple[Path, EmbeddedServer], caplog: pytest.LogCaptureFixture,
) -> None:
    root, server = replica_project
    slot = f"pgcanon_test_{secrets.token_hex(4)}"
    # A slot is created before anything is written in its transaction, so it comes first in the file.
    a = sql("slot.sql", f"SELECT pg_create_logical_replication_slot('{slot}', 'pgoutput');\n" + PLAIN)
    b = sql("b.sql", "CREATE TABLE t (a text);\n")
    _diff_twice(a, sql("same.sql", PLAIN), b, root, caplog)
    _no_trace(server.conninfo())


def test_everything_at_once(
    sql: Callable[[str, str], str], replica_project: tuple[Path, EmbeddedServer], caplog: pytest.LogCaptureFixture,
) -> None:
    root, server = replica_project
    tag = secrets.token_hex(4)
    schema = root / f"all_{tag}"
    schema.mkdir()
    (schema / "1_slot.sql").write_text(f"SELECT pg_create_logical_replication_slot('slot_{tag}', 'pgoutput');\n")
    (schema / "2_sub.sql").write_text(PLAIN + "CREATE PUBLICATION p FOR TABLE t;\n"
                                      "CREATE SUBSCRIPTION s CONNECTION 'host=/nonexistent dbname=none' "
                                      "PUBLICATION p WITH (connect = false);\n")
    (schema / "3_prepared.sql").write_text(f"BEGIN;\nCREATE TABLE hidden (b int);\nPREPARE TRANSACTION 'gid_{tag}';\n")
    # the publication is compared, the subscription only counted (a note, not a difference)
    _diff_twice(str(schema), sql("same.sql", PLAIN + "CREATE PUBLICATION p FOR TABLE t;\n"), sql("b.sql", ""), root,
                caplog)
    _no_trace(server.conninfo())


def _blocked_then_released(server: Server, setup: list[str], *, keep_open: bool = False) -> None:
    """*setup* in a new scratch database really blocks DROP DATABASE … WITH (FORCE); release() still drops it.

    :param keep_open: the session that ran *setup* stays connected (it holds what it made).
    """
    from pgcanon.scratch import new_name, release

    name = new_name()
    with psycopg.connect(server.conninfo(), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        conn = psycopg.connect(server.conninfo(name), autocommit=True)
        for statement in setup:
            conn.execute(statement)
        if not keep_open:
            conn.close()
        with pytest.raises(psycopg.errors.ObjectInUse):
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        assert release(server, admin, name) is True
        conn.close()
        assert admin.execute("SELECT count(*) FROM pg_database WHERE datname = %s", [name]).fetchone()[0] == 0


def test_force_alone_fails_on_a_subscription_and_release_does_not(pg_server: Server, superuser: None) -> None:
    _blocked_then_released(pg_server, [
        "CREATE TABLE t (a int)", "CREATE PUBLICATION p FOR TABLE t",
        "CREATE SUBSCRIPTION s CONNECTION 'host=/nonexistent dbname=none' PUBLICATION p WITH (connect = false)",
    ])


@pytest.mark.parametrize("kind", ["prepared", "slot"])
def test_force_alone_fails_on_2pc_and_slots_and_release_does_not(
    kind: str, replica_project: tuple[Path, EmbeddedServer],
) -> None:
    tag = secrets.token_hex(4)
    setup = {
        "prepared": ["BEGIN", "CREATE TABLE t (a int)", f"PREPARE TRANSACTION 'gid_{tag}'"],
        "slot": [f"SELECT pg_create_logical_replication_slot('slot_{tag}', 'pgoutput', true)"],
    }[kind]
    _blocked_then_released(replica_project[1], setup, keep_open=kind == "slot")


def test_prepared_transaction_where_the_server_disables_them(
    sql: Callable[[str, str], str], pg_server: Server, pg_url: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    with psycopg.connect(pg_server.conninfo()) as conn:
        if conn.execute("SHOW max_prepared_transactions").fetchone()[0] != "0":
            pytest.skip("the test server allows prepared transactions")
    a = sql("a.sql", PLAIN + "BEGIN;\nCREATE TABLE hidden (b int);\nPREPARE TRANSACTION 'never';\n")
    monkeypatch.setenv("DATABASE_URL", pg_url)
    code, _, err = run_cli("diff", a, a)
    assert code == 2
    assert err.startswith(f"pgcanon: error: {a}:4:1: prepared transactions are disabled")
    _no_trace(pg_server.conninfo())
