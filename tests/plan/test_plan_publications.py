"""The generator's order for publications that a round trip alone does not show: what they stop
publishing goes before the tables, columns and schemas it names, what they start publishing after."""

from __future__ import annotations

from contextlib import ExitStack

import pytest
from roundtrip import RoundTrip


@pytest.fixture
def stack() -> ExitStack:
    with ExitStack() as s:
        yield s  # type: ignore[misc]


def test_a_table_leaves_its_publication_before_it_is_dropped(pg_server: object, stack: ExitStack) -> None:
    a = "CREATE TABLE t (a int); CREATE TABLE u (a int); CREATE PUBLICATION p FOR TABLE t, u;"
    b = "CREATE TABLE t (a int); CREATE PUBLICATION p FOR TABLE t;"
    trip = RoundTrip.from_ddl(pg_server, a, b, stack)  # type: ignore[arg-type]
    script = trip.check("forward")
    assert script.index("ALTER PUBLICATION p DROP TABLE public.u") < script.index("DROP TABLE public.u;")
    script = trip.check("backward")  # and joins it after it is created
    assert script.index("CREATE TABLE public.u") < script.index("ALTER PUBLICATION p ADD TABLE public.u")


def test_for_all_tables_is_dropped_and_created_again_a_rename_is_a_rename(pg_server: object,
                                                                         stack: ExitStack) -> None:
    a = "CREATE TABLE t (a int); CREATE PUBLICATION p FOR ALL TABLES; CREATE PUBLICATION q FOR TABLE t;"
    b = ("CREATE TABLE t (a int); CREATE PUBLICATION p FOR TABLE t; COMMENT ON PUBLICATION p IS 'only t';"
         "CREATE PUBLICATION r FOR TABLE t;")
    trip = RoundTrip.from_ddl(pg_server, a, b, stack)  # type: ignore[arg-type]
    script = trip.check("forward")
    assert "ALTER PUBLICATION q RENAME TO r" in script
    assert script.index("DROP PUBLICATION p") < script.index("CREATE PUBLICATION p FOR TABLE public.t")
    assert "COMMENT ON PUBLICATION p IS 'only t'" in script
    script = trip.check("backward")
    assert "CREATE PUBLICATION p FOR ALL TABLES" in script and "ALTER PUBLICATION r RENAME TO q" in script


@pytest.mark.pg(">= 15")
def test_a_column_list_and_a_schema_leave_before_their_column_and_schema(pg_server: object,
                                                                       stack: ExitStack) -> None:
    # PostgreSQL refuses to drop a column a column list names, or a schema a publication names
    # (a column list and TABLES IN SCHEMA cannot share a publication)
    a = ("CREATE SCHEMA s; CREATE TABLE s.x (a int); CREATE TABLE t (a int, c int, b int);"
         "CREATE PUBLICATION p FOR TABLE t (a, b) WHERE (c > 0); CREATE PUBLICATION q FOR TABLES IN SCHEMA s;")
    b = ("CREATE TABLE t (a int, c bigint); CREATE PUBLICATION p FOR TABLE t (a) WHERE (c > 0);"
         "CREATE PUBLICATION q;")
    trip = RoundTrip.from_ddl(pg_server, a, b, stack)  # type: ignore[arg-type]
    script = trip.check("forward")
    assert script.index("ALTER PUBLICATION p DROP TABLE public.t") < script.index("DROP COLUMN b")
    assert script.index("ALTER PUBLICATION q DROP TABLES IN SCHEMA s") < script.index("DROP SCHEMA s")
    assert script.index("ALTER COLUMN c TYPE bigint") < script.index("ALTER PUBLICATION p ADD TABLE public.t (a)")
    trip.check("backward")
