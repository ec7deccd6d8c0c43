"""Details pg_dump prints that no definition text carries: storage, statistics, CLUSTER ON, index options…"""

from __future__ import annotations

import dataclasses
import itertools

import psycopg
import pytest

from pgcanon.catalog import KINDS, ViewColumn, read_snapshot, reader


def test_every_key_is_its_key_fields(snapshot_of):
    snap = snapshot_of(
        "CREATE EXTENSION IF NOT EXISTS btree_gist; CREATE TYPE pair AS (x int); CREATE TYPE mood AS ENUM ('a');"
        "CREATE DOMAIN pos AS int CHECK (VALUE > 0); CREATE SEQUENCE s;"
        "CREATE TABLE t (id int PRIMARY KEY, a int); CREATE INDEX ON t (a); CREATE VIEW v AS SELECT a FROM t;"
        "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;"
        "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();"
        "CREATE POLICY p ON t USING (true); CREATE STATISTICS st ON id, a FROM t;"
        "CREATE RULE r AS ON DELETE TO t DO INSTEAD NOTHING; CREATE COLLATION co (locale = 'C');"
        "CREATE FUNCTION ef() RETURNS event_trigger LANGUAGE plpgsql AS $$BEGIN END$$;"
        "CREATE EVENT TRIGGER et ON sql_drop EXECUTE FUNCTION ef();"
        "CREATE TEXT SEARCH CONFIGURATION ts (COPY = simple); CREATE TYPE rg AS RANGE (subtype = int8);"
        "CREATE TEXT SEARCH DICTIONARY td (TEMPLATE = simple);"
        "CREATE TEXT SEARCH PARSER tp (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end,"
        " LEXTYPES = prsd_lextype); CREATE TEXT SEARCH TEMPLATE tt (LEXIZE = dsimple_lexize);"
        # not compared: counted
        "CREATE CONVERSION conv FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;"
        "CREATE PUBLICATION pu FOR TABLE t; ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO PUBLIC;"
        "CREATE CAST (mood AS text) WITH INOUT; CREATE OPERATOR === (FUNCTION = int4eq, LEFTARG = int, RIGHTARG = int);"
        "CREATE OPERATOR CLASS mood_ops FOR TYPE mood USING hash AS OPERATOR 1 = (anyenum, anyenum),"
        " FUNCTION 1 hashenum(anyenum);"
        "CREATE FOREIGN DATA WRAPPER w; CREATE SERVER sv FOREIGN DATA WRAPPER w;"
        "CREATE USER MAPPING FOR PUBLIC SERVER sv; CREATE FOREIGN TABLE ft (a int) SERVER sv;"
    )
    for attr, cls in KINDS.items():
        objs = getattr(snap, attr)
        assert objs, f"the test schema has no {attr}"
        names = {f.name for f in dataclasses.fields(cls)}
        assert set(cls.key_fields) <= names, cls
        for obj in objs:
            assert obj.key == tuple(getattr(obj, f) for f in cls.key_fields), obj


def test_column_statistics_storage_compression(snapshot_of):
    snap = snapshot_of(
        "CREATE TABLE t (a int, b text, c text, d text, e numeric);"
        "ALTER TABLE t ALTER COLUMN a SET STATISTICS 500, ALTER COLUMN b SET STORAGE EXTERNAL,"
        " ALTER COLUMN c SET COMPRESSION pglz, ALTER COLUMN e SET STATISTICS 0;"
        # back to the defaults: the same as never set
        "ALTER TABLE t ALTER COLUMN d SET STATISTICS 10, ALTER COLUMN d SET STATISTICS -1,"
        " ALTER COLUMN d SET STORAGE MAIN, ALTER COLUMN d SET STORAGE EXTENDED;"
    )
    got = {c.name: (c.statistics, c.storage, c.compression) for c in snap.columns}
    assert got == {
        "a": (500, None, None),
        "b": (None, "EXTERNAL", None),
        "c": (None, None, "pglz"),
        "d": (None, None, None),
        "e": (0, None, None),
    }


def test_storage_is_relative_to_the_type(snapshot_of):
    # integer's own storage is PLAIN, text's EXTENDED: neither is a column's own choice
    snap = snapshot_of("CREATE TABLE t (a int, b text); CREATE TABLE u (a int, b text);"
                       "ALTER TABLE u ALTER COLUMN b SET STORAGE PLAIN;")
    got = {(c.table, c.name): c.storage for c in snap.columns}
    assert got == {("t", "a"): None, ("t", "b"): None, ("u", "a"): None, ("u", "b"): "PLAIN"}


def test_clustered_on(snapshot_of):
    snap = snapshot_of(
        "CREATE TABLE t (id int PRIMARY KEY, a int); CREATE INDEX t_a ON t (a); ALTER TABLE t CLUSTER ON t_a;"
        "CREATE TABLE u (id int PRIMARY KEY);"
        "CREATE MATERIALIZED VIEW mv AS SELECT a FROM t; CREATE INDEX mv_a ON mv (a);"
        "ALTER MATERIALIZED VIEW mv CLUSTER ON mv_a;"
    )
    assert {t.name: t.clustered_on for t in snap.tables} == {"t": "t_a", "u": None}
    assert [(v.name, v.clustered_on) for v in snap.views] == [("mv", "mv_a")]


def test_constraint_index_options(snapshot_of):
    snap = snapshot_of(
        "CREATE TABLE p (id int PRIMARY KEY WITH (fillfactor = 80), e text UNIQUE, r int);"
        "CREATE TABLE c (p_id int REFERENCES p, CHECK (p_id > 0));"
        "ALTER TABLE p ADD CONSTRAINT p_r_excl EXCLUDE USING btree (r WITH =) WITH (fillfactor = 60);"
    )
    got = {k.name: k.index_options for k in snap.constraints}
    assert got == {
        "p_pkey": ("fillfactor=80",), "p_e_key": (), "p_r_excl": (), "c_p_id_fkey": (), "c_p_id_check": (),
    }
    # a primary key's definition lacks them (what the field is for); an exclusion constraint's has them
    by = {k.name: k.definition for k in snap.constraints}
    assert by["p_pkey"] == "PRIMARY KEY (id)" and by["p_r_excl"].endswith("WITH (fillfactor='60')")


def test_index_statistics_on_expression_columns(snapshot_of):
    snap = snapshot_of(
        "CREATE TABLE t (a int, b text); CREATE INDEX t_expr ON t (a, lower(b), (a + 1));"
        "CREATE INDEX t_plain ON t (a);"
        "ALTER INDEX t_expr ALTER COLUMN 2 SET STATISTICS 100; ALTER INDEX t_expr ALTER COLUMN 3 SET STATISTICS 7;"
    )
    assert {i.name: i.statistics for i in snap.indexes} == {
        "t_expr": ("column 2: 100", "column 3: 7"), "t_plain": (),
    }


def test_composite_attribute_comments(snapshot_of):
    snap = snapshot_of(
        'CREATE TYPE pair AS (x int, "Y" text, z int); COMMENT ON COLUMN pair."Y" IS \'the y\';'
        "COMMENT ON COLUMN pair.x IS 'the x'; COMMENT ON TYPE pair IS 'a pair';"
    )
    (pair,) = snap.composite_types
    assert pair.attribute_comments == ("x: the x", '"Y": the y') and pair.comment == "a pair"


def test_view_columns_are_not_table_columns(snapshot_of):
    snap = snapshot_of(
        "CREATE TABLE t (a int, b text); CREATE VIEW v AS SELECT b, a FROM t;"
        "CREATE MATERIALIZED VIEW mv AS SELECT a FROM t;"
        "COMMENT ON COLUMN v.a IS 'the a'; COMMENT ON COLUMN mv.a IS 'mv a';"
        "ALTER VIEW v ALTER COLUMN b SET DEFAULT 'x';"
    )
    assert {c.table for c in snap.columns} == {"t"}
    assert snap.view_columns == (
        ViewColumn("public", "mv", "a", None, "mv a", ()),
        ViewColumn("public", "v", "a", None, "the a", ()),
        ViewColumn("public", "v", "b", "'x'::text", None, ()),
    )


@pytest.mark.parametrize("jobs", [1, 3])
def test_reads_agree_over_connections(empty_db, jobs):
    with psycopg.connect(empty_db, autocommit=True) as conn:
        conn.execute("CREATE TABLE t (a int, b text); ALTER TABLE t ALTER COLUMN b SET STORAGE MAIN;"
                     "CREATE VIEW v AS SELECT a FROM t;")
    # parallel_from=0: this small database is read over *jobs* connections all the same
    snap = read_snapshot(empty_db, jobs=jobs, parallel_from=0)
    assert snap == snap.normalized() == read_snapshot(empty_db, jobs=1)
    assert snap.columns[1].storage == "MAIN" and len(snap.view_columns) == 1


def test_parts_cut_the_key_order_and_concatenate(empty_db):
    """Columns, indexes and constraints are read in runs of tables cut by key (schema, name) in byte
    order: names that sort apart under a language's collation, in two schemas, each land in one run,
    and the runs read over three connections are the whole, in order."""
    names = ["a", "B", "b_1", "Z", "_u", "ä", "mv"]
    with psycopg.connect(empty_db, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA \"A\"; CREATE SCHEMA z")
        for schema in ("public", "A", "z"):
            for name in names[:-1]:
                conn.execute(psycopg.sql.SQL(
                    "CREATE TABLE {t} (id int PRIMARY KEY, v text NOT NULL CHECK (v <> '')); CREATE INDEX ON {t} (v)"
                ).format(t=psycopg.sql.Identifier(schema, name)))
        conn.execute("CREATE MATERIALIZED VIEW z.mv AS SELECT 1 AS one; CREATE INDEX ON z.mv (one)")
        cuts = [reader._ranges(conn, parts) for parts in (1, 2, 3, 40)]
    assert cuts[0] == [reader.WHOLE]
    assert [len(c) for c in cuts[1:]] == [2, 3, 19]  # 19 tables and views: at most one run each
    assert cuts[2][0][:2] == (None, None) and cuts[2][-1][2:] == (None, None)
    assert all(a[2:] == b[:2] for a, b in itertools.pairwise(cuts[2]))  # each run starts where the last ended
    snap = read_snapshot(empty_db, jobs=3, parallel_from=0)
    assert snap == read_snapshot(empty_db, jobs=1) == snap.normalized()
    assert len(snap.columns) == 2 * 18 and len(snap.indexes) == 19 and len(snap.constraints) == 2 * 18


def test_small_database_is_read_over_one_connection(empty_db, monkeypatch):
    """A few tables are not worth a second backend: one connection reads them, whatever *jobs* says."""
    with psycopg.connect(empty_db, autocommit=True) as conn:
        conn.execute("CREATE TABLE t (a int)")
    opened = []
    real_open = reader._open
    monkeypatch.setattr(reader, "_open", lambda conninfo: opened.append(conninfo) or real_open(conninfo))
    small = read_snapshot(empty_db, jobs=3)
    one = len(opened)
    assert read_snapshot(empty_db, jobs=3, parallel_from=0) == small
    assert (one, len(opened) - one) == (1, 3)
