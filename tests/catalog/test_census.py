"""The census (``census.sql``) leaves out the queries of kinds a database holds none of: it must never
leave out a kind that has a row. Each schema here is read twice, with the census and with every
query sent, and the two snapshots (and their not-compared counts) must be the same."""

from __future__ import annotations

import sys
from pathlib import Path

import psycopg
import pytest

from pgcanon.catalog import read_snapshot, reader

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "mutations"))
from mutation_support import rich_schema
from peer_cases import ensure_roles

CASES = Path(__file__).resolve().parent.parent / "diff" / "cases"

#: The smallest schema holding each kind, alone where it can stand alone: a census that misses a kind
#: shows here, where nothing else makes its query run.
ONE_KIND = {
    "schema comment": "COMMENT ON SCHEMA public IS 'the public schema'",
    "schema grant": "CREATE SCHEMA s; GRANT USAGE ON SCHEMA s TO PUBLIC",
    "extension": "CREATE EXTENSION btree_gist",
    "collation": "CREATE COLLATION c1 (provider = libc, locale = 'C')",
    "enum": "CREATE TYPE e AS ENUM ('a', 'b')",
    "domain": "CREATE DOMAIN d AS int CHECK (VALUE > 0)",
    "composite type": "CREATE TYPE c AS (x int, y text)",
    "sequence": "CREATE SEQUENCE s START 5",
    "table": "CREATE TABLE t (a int PRIMARY KEY CHECK (a > 0), b text UNIQUE)",
    "view alone": "CREATE VIEW v AS SELECT 1 AS x",
    "materialized view": "CREATE MATERIALIZED VIEW m AS SELECT 1 AS x",
    "function": "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
    "procedure": "CREATE PROCEDURE p() LANGUAGE sql AS 'SELECT 1'",
    "trigger": "CREATE TABLE t (a int); CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS "
               "'BEGIN RETURN NEW; END'; CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION tf()",
    "policy": "CREATE TABLE t (a int); ALTER TABLE t ENABLE ROW LEVEL SECURITY; CREATE POLICY p ON t USING (a > 0)",
    "statistics": "CREATE TABLE t (a int, b int); CREATE STATISTICS st (dependencies) ON a, b FROM t",
    "rule": "CREATE TABLE t (a int); CREATE RULE r AS ON INSERT TO t DO INSTEAD NOTHING",
    "event trigger": "CREATE FUNCTION ef() RETURNS event_trigger LANGUAGE plpgsql AS 'BEGIN END';"
                     "CREATE EVENT TRIGGER et ON ddl_command_start EXECUTE FUNCTION ef()",
    "range type": "CREATE TYPE r AS RANGE (SUBTYPE = int4)",
    "conversion": "CREATE CONVERSION conv FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8",
    "text search configuration": "CREATE TEXT SEARCH CONFIGURATION ts (COPY = english)",
    "text search dictionary": "CREATE TEXT SEARCH DICTIONARY td (TEMPLATE = simple, stopwords = english)",
    "text search parser": "CREATE TEXT SEARCH PARSER tp (START = prsd_start, GETTOKEN = prsd_nexttoken, "
                          "END = prsd_end, LEXTYPES = prsd_lextype)",
    "text search template": "CREATE TEXT SEARCH TEMPLATE tt (LEXIZE = dsimple_lexize)",
    "publication": "CREATE PUBLICATION pub",
    "publication of a table": "CREATE TABLE t (a int); CREATE PUBLICATION pub FOR TABLE t WITH (publish = 'insert')",
    "subscription": "CREATE SUBSCRIPTION sub CONNECTION 'dbname=nowhere' PUBLICATION pub WITH (connect = false)",
    "default privileges": "ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO PUBLIC",
    "foreign data wrapper": "CREATE FOREIGN DATA WRAPPER w",
    "foreign server": "CREATE FOREIGN DATA WRAPPER w; CREATE SERVER s FOREIGN DATA WRAPPER w",
    "user mapping": "CREATE FOREIGN DATA WRAPPER w; CREATE SERVER s FOREIGN DATA WRAPPER w;"
                    "CREATE USER MAPPING FOR PUBLIC SERVER s OPTIONS (user 'u')",
    "foreign table": "CREATE FOREIGN DATA WRAPPER w; CREATE SERVER s FOREIGN DATA WRAPPER w;"
                     "CREATE FOREIGN TABLE ft (a int OPTIONS (column_name 'x')) SERVER s OPTIONS (t 'y')",
    "access method": "CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler",
    "cast": "CREATE TYPE e AS ENUM ('a'); CREATE CAST (e AS int) WITH INOUT",
    "operator": "CREATE OPERATOR === (FUNCTION = int4eq, LEFTARG = int, RIGHTARG = int)",
    "operator family": "CREATE OPERATOR FAMILY f USING hash",
    "operator class": "CREATE FUNCTION rev(int, int) RETURNS int LANGUAGE sql AS 'SELECT btint4cmp($2, $1)';"
                      "CREATE OPERATOR CLASS rev_ops FOR TYPE int USING btree AS OPERATOR 1 >,"
                      " FUNCTION 1 rev(int, int)",
    "shell operator": "CREATE OPERATOR === (FUNCTION = int4eq, LEFTARG = int, RIGHTARG = int, NEGATOR = !==)",
}



def _golden(path: Path) -> object:
    floor = path.parent / "min_version"  # as tests/diff/test_cases.py: skipped on older servers
    marks = [pytest.mark.pg(f">= {floor.read_text().strip()}")] if floor.is_file() else []
    return pytest.param(path.read_text(), id=f"{path.parent.name}/{path.name}", marks=marks)


SCHEMAS = [pytest.param(ddl, id=name) for name, ddl in ONE_KIND.items()]
SCHEMAS += [_golden(path) for path in sorted(CASES.glob("*/[ab].sql"))]
SCHEMAS += [pytest.param(None, id="rich_schema")]


@pytest.mark.parametrize("ddl", SCHEMAS)
def test_the_census_leaves_out_no_row(ddl: str | None, empty_db: str, pg_version: int,
                                      golden_roles: tuple[str, ...]) -> None:
    ddl = rich_schema(pg_version) if ddl is None else ddl
    ensure_roles(empty_db, ["mut_reader", "mut_writer"])  # the rich schema grants to them (cluster-wide, raced)
    with psycopg.connect(empty_db, autocommit=True) as conn:
        conn.execute(ddl.encode())
    counted = read_snapshot(empty_db, jobs=1)
    full = read_snapshot(empty_db, jobs=1, census=False)
    assert counted == full
    assert counted.not_compared == full.not_compared


def test_an_empty_database_needs_only_the_schemas(empty_db: str) -> None:
    """The census is not a no-op: in a database of one schema, every kind it names is ruled out."""
    with psycopg.connect(empty_db, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA s")
        with conn.transaction():
            present = reader._census(conn)
    assert present.pop("relations") == 0
    assert present and not any(present.values()), present
