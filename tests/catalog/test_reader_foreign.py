"""The reader on SQL/MED: foreign data wrappers, servers, user mappings, foreign tables and their columns."""

from __future__ import annotations

import pickle

import psycopg
from psycopg.conninfo import make_conninfo

from pgcanon.catalog import read_snapshot
from pgcanon.diff import diff

SECRET = "s3cr3t-Pa55"


def test_foreign_data_wrappers_servers_and_mappings(snapshot_of):
    snap = snapshot_of(
        "CREATE EXTENSION IF NOT EXISTS postgres_fdw;"  # its wrapper is the extension's, not read
        "CREATE FUNCTION check_options(text[], oid) RETURNS void LANGUAGE plpgsql AS 'BEGIN END';"
        "CREATE FOREIGN DATA WRAPPER plain;"
        "CREATE FOREIGN DATA WRAPPER checked VALIDATOR check_options OPTIONS (debug 'true', mode 'x');"
        "COMMENT ON FOREIGN DATA WRAPPER checked IS 'checks'; GRANT USAGE ON FOREIGN DATA WRAPPER plain TO PUBLIC;"
        "CREATE SERVER far TYPE 'pg' VERSION '18' FOREIGN DATA WRAPPER postgres_fdw"
        " OPTIONS (host 'db.example', port '5432', dbname 'app');"
        "COMMENT ON SERVER far IS 'the far one';"
        "CREATE SERVER near FOREIGN DATA WRAPPER plain OPTIONS (token 'xyz');"
        f"CREATE USER MAPPING FOR CURRENT_USER SERVER far OPTIONS (user 'app', password '{SECRET}');"
        "CREATE USER MAPPING FOR PUBLIC SERVER far;"
    )
    got = [(w.name, w.handler, w.validator, w.options, w.comment, w.privileges) for w in snap.foreign_data_wrappers]
    assert got == [
        ("checked", None, "public.check_options", ("debug=true", "mode=x"), "checks", ("(owner):USAGE",)),
        ("plain", None, None, (), None, ("(owner):USAGE", "PUBLIC:USAGE")),
    ]
    far, near = snap.foreign_servers
    assert (far.name, far.wrapper, far.server_type, far.version, far.options, far.comment) == (
        "far", "postgres_fdw", "pg", "18", ("host=db.example", "port=5432", "dbname=app"), "the far one")
    assert near.options[0].startswith("token=<secret sha256 ") and "xyz" not in near.options[0]
    owner, public = snap.user_mappings
    assert (owner.server, owner.user, public.user, public.options) == ("far", "(owner)", "PUBLIC", ())
    assert owner.options[0] == "user=app" and owner.options[1].startswith("password=<secret sha256 ")
    # the secret never reaches pgcanon: not in the snapshot, nor in what the cache would keep of it
    assert SECRET not in repr(snap) and SECRET.encode() not in pickle.dumps(snap)
    assert snap.not_compared == ()


def test_foreign_tables_and_columns(snapshot_of):
    snap = snapshot_of(
        "CREATE FOREIGN DATA WRAPPER w; CREATE SERVER s FOREIGN DATA WRAPPER w;"
        "CREATE FOREIGN TABLE ft (id int OPTIONS (column_name 'ID') NOT NULL, gone int,"
        " note text COLLATE \"C\" DEFAULT 'none', twice int GENERATED ALWAYS AS (id * 2) STORED)"
        " SERVER s OPTIONS (schema_name 'remote', table_name 'things');"
        "ALTER FOREIGN TABLE ft DROP COLUMN gone; COMMENT ON FOREIGN TABLE ft IS 'remote things';"
        "COMMENT ON COLUMN ft.note IS 'a note'; GRANT SELECT ON ft TO PUBLIC; GRANT UPDATE (note) ON ft TO PUBLIC;"
        "ALTER FOREIGN TABLE ft ALTER COLUMN id SET STATISTICS 300;"
    )
    (ft,) = snap.foreign_tables
    assert (ft.schema, ft.name, ft.server, ft.options, ft.comment) == (
        "public", "ft", "s", ("schema_name=remote", "table_name=things"), "remote things")
    assert "PUBLIC:SELECT" in ft.privileges
    got = [(c.name, c.position, c.type, c.collation, c.not_null, c.default, c.generated, c.options, c.comment,
            c.privileges, c.statistics) for c in snap.foreign_columns]
    assert got == [
        ("id", 1, "integer", None, True, None, None, ("column_name=ID",), None, (), 300),
        ("note", 2, "text", '"C"', False, "'none'::text", None, (), "a note", ("PUBLIC:UPDATE",), None),
        ("twice", 3, "integer", None, False, "(id * 2)", "STORED", (), None, (), None),
    ]
    assert snap.tables == () and snap.columns == ()  # a foreign table is not a table


def test_user_mapping_options_hidden_from_the_reader_are_none(snapshot_of, empty_db):
    # pg_user_mappings shows a mapping's options to its user (with USAGE on the server), to the server's
    # owner and to superusers only: a reader that may not see them gets None, not "no options"
    role = "pgcanon_fdw_reader"
    with psycopg.connect(empty_db, autocommit=True) as conn:
        conn.execute(f"DROP ROLE IF EXISTS {role}")
        conn.execute(f"CREATE ROLE {role} LOGIN")
    try:
        seen = snapshot_of(
            "CREATE FOREIGN DATA WRAPPER w; CREATE SERVER s FOREIGN DATA WRAPPER w;"
            f"GRANT USAGE ON FOREIGN SERVER s TO {role};"
            f"CREATE USER MAPPING FOR PUBLIC SERVER s OPTIONS (user 'x');"
            f"CREATE USER MAPPING FOR {role} SERVER s OPTIONS (user 'y');"
        )
        snap = read_snapshot(make_conninfo(empty_db, user=role), jobs=1)
        assert [(m.user, m.options) for m in snap.user_mappings] == [("PUBLIC", None), (role, ("user=y",))]
        assert [c.describe("a", "b") for c in diff(seen, snap) if c.kind == "user mapping"] == [
            "user mapping for PUBLIC on s: options user=x only in a; (hidden from the reader) only in b"]
    finally:
        with psycopg.connect(empty_db, autocommit=True) as conn:
            conn.execute(f"DROP OWNED BY {role}")
            conn.execute(f"DROP ROLE {role}")
