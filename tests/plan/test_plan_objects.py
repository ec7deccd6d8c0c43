"""The generator's rules for statistics, rules, collations and event triggers that a round trip alone
does not show: what it refuses and why, and what it builds again around a rebuilt object."""

from __future__ import annotations

from contextlib import ExitStack

import pytest
from roundtrip import RoundTrip

from pgcanon.diff import diff
from pgcanon.errors import PlanError


@pytest.fixture
def stack() -> ExitStack:
    with ExitStack() as s:
        yield s  # type: ignore[misc]


def test_a_collation_in_use_that_changes_is_refused_with_its_users(pg_server: object, stack: ExitStack) -> None:
    used = "CREATE COLLATION public.sortable (provider = icu, locale = '{}'); CREATE TABLE t (a text COLLATE sortable);"
    trip = RoundTrip.from_ddl(pg_server, used.format("de"), used.format("sv"), stack)  # type: ignore[arg-type]
    with pytest.raises(PlanError) as caught:
        trip.check("forward")
    message = str(caught.value)
    assert "collation public.sortable" in message and "column public.t.a" in message
    assert "ALTER COLLATION cannot" in message


def test_a_collation_nothing_uses_is_created_again(pg_server: object, stack: ExitStack) -> None:
    free = "CREATE COLLATION public.sortable (provider = icu, locale = '{}');"
    trip = RoundTrip.from_ddl(pg_server, free.format("de"), free.format("sv"), stack)  # type: ignore[arg-type]
    script = trip.check("forward")
    assert script.index("DROP COLLATION public.sortable") < script.index("CREATE COLLATION public.sortable")


def test_rules_and_statistics_of_a_rebuilt_view_are_created_again(pg_server: object, stack: ExitStack) -> None:
    side = ("CREATE TABLE t (a {}, b int); CREATE MATERIALIZED VIEW m AS SELECT a, b FROM t;"
            "CREATE STATISTICS m_ab ON a, b FROM m; CREATE VIEW v AS SELECT a FROM t;"
            "CREATE RULE v_del AS ON DELETE TO v DO INSTEAD DELETE FROM t WHERE a = OLD.a;")
    trip = RoundTrip.from_ddl(pg_server, side.format("int"), side.format("bigint"), stack)  # type: ignore[arg-type]
    script = trip.check("forward")  # the round trip proves them there; the plan says how
    assert "CREATE STATISTICS public.m_ab" in script and "CREATE RULE v_del" in script
    assert "DROP STATISTICS" not in script and "DROP RULE" not in script  # they go with their views


def test_parents_in_another_order_are_refused(pg_server: object, stack: ExitStack) -> None:
    side = "CREATE TABLE p1 (a int); CREATE TABLE p2 (b int); CREATE TABLE c (a int, b int) INHERITS ({});"
    trip = RoundTrip.from_ddl(pg_server, side.format("p1, p2"), side.format("p2, p1"), stack)  # type: ignore[arg-type]
    with pytest.raises(PlanError) as caught:
        trip.check("forward")
    assert "table public.c: the order of its parents changes (public.p1, public.p2 → public.p2, public.p1)" in str(
        caught.value)


def test_a_column_that_becomes_only_inherited_is_reported_and_refused(pg_server: object, stack: ExitStack) -> None:
    side = "CREATE TABLE p (a int); CREATE TABLE c ({}) INHERITS (p);"
    trip = RoundTrip.from_ddl(pg_server, side.format("a int"), side.format(""), stack)  # type: ignore[arg-type]
    old, new = trip.sides["old"].snapshot, trip.sides["new"].snapshot
    assert [(c.qualname, c.inherited) for c in new.columns] == [("public.c.a", True), ("public.p.a", False)]
    assert [c.describe("a", "b") for c in diff(old, new)] == ["column public.c.a: only inherited no (a) vs yes (b)"]
    with pytest.raises(PlanError, match=r"column public\.c\.a: only inherited in the new schema"):
        trip.check("forward")


def test_a_column_added_to_a_parent_is_not_added_to_its_children(pg_server: object, stack: ExitStack) -> None:
    trip = RoundTrip.from_ddl(pg_server, "CREATE TABLE p (a int); CREATE TABLE c () INHERITS (p);",  # type: ignore[arg-type]
                              "CREATE TABLE p (a int, b int); CREATE TABLE c () INHERITS (p);", stack)
    script = trip.check("forward")  # the round trip proves the child gets it through its parent
    assert "ALTER TABLE public.p ADD COLUMN b integer" in script and "ALTER TABLE public.c" not in script
    trip.check("backward")


def test_a_range_type_in_use_that_changes_is_refused_with_its_users(pg_server: object, stack: ExitStack) -> None:
    used = ("CREATE TYPE public.span AS RANGE (subtype = text, collation = {});"
            "CREATE TABLE t (a span); CREATE FUNCTION f(span) RETURNS int LANGUAGE sql AS 'SELECT 1';")
    trip = RoundTrip.from_ddl(pg_server, used.format('"C"'), used.format('"POSIX"'), stack)  # type: ignore[arg-type]
    with pytest.raises(PlanError) as caught:
        trip.check("forward")
    message = str(caught.value)
    assert "range type public.span" in message and "ALTER TYPE cannot" in message
    assert "column public.t.a" in message and "function public.f(public.span)" in message


def test_a_range_type_renamed_gives_its_multirange_name_to_the_new_one(pg_server: object, stack: ExitStack) -> None:
    # ALTER TYPE … RENAME keeps the multirange's name: the old type is dropped before the new one is created
    trip = RoundTrip.from_ddl(pg_server, "CREATE TYPE span AS RANGE (subtype = int8);",  # type: ignore[arg-type]
                              "CREATE TYPE span AS RANGE (subtype = int8); ALTER TYPE span RENAME TO spell;", stack)
    script = trip.check("forward")
    assert script.index("DROP TYPE public.span") < script.index("CREATE TYPE public.spell")
    trip.check("backward")


OPERATOR = ("CREATE FUNCTION public.eq(int, int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 = $2';"
            "CREATE FUNCTION public.eq2(int, int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $2 = $1';"
            "CREATE OPERATOR public.=== (FUNCTION = {function}, LEFTARG = int, RIGHTARG = int{options});")


def test_an_operator_in_use_whose_function_changes_is_refused_with_its_users(pg_server: object,
                                                                              stack: ExitStack) -> None:
    used = OPERATOR + "CREATE TABLE t (a int, b int, CHECK (a OPERATOR(public.===) b));"
    trip = RoundTrip.from_ddl(pg_server, used.format(function="eq", options=""),  # type: ignore[arg-type]
                              used.format(function="eq2", options=""), stack)
    with pytest.raises(PlanError) as caught:
        trip.check("forward")
    message = str(caught.value)
    assert "operator public.===(integer, integer)" in message and "ALTER OPERATOR cannot" in message
    assert "constraint public.t.t_check" in message


def test_an_operator_gains_hashes_by_alter_from_postgresql_17(pg_server: object, pg_version: int,
                                                              stack: ExitStack) -> None:
    # ALTER OPERATOR … SET (HASHES) is 17's; before, the operator is dropped and created again
    trip = RoundTrip.from_ddl(pg_server, OPERATOR.format(function="eq", options=""),  # type: ignore[arg-type]
                              OPERATOR.format(function="eq", options=", HASHES"), stack)
    script = trip.check("forward")
    altered = "ALTER OPERATOR public.=== (integer, integer) SET (HASHES)" in script
    assert altered == (pg_version >= 17) and ("DROP OPERATOR" in script) == (pg_version < 17)
    # HASHES never goes back by ALTER: dropped and created again on every version
    assert "DROP OPERATOR public.=== (integer, integer)" in trip.check("backward")


def test_a_one_sided_commutator_link_stays_one_sided(pg_server: object, stack: ExitStack) -> None:
    # CREATE OPERATOR filling a shell keeps only the links it names: >>> has none, <<< names >>>
    pair = ("CREATE FUNCTION lt(int, int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 < $2';"
            "CREATE FUNCTION gt(int, int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 > $2';"
            "CREATE OPERATOR <<< (FUNCTION = lt, LEFTARG = int, RIGHTARG = int, COMMUTATOR = OPERATOR(public.>>>));"
            "CREATE OPERATOR >>> (FUNCTION = gt, LEFTARG = int, RIGHTARG = int);")
    trip = RoundTrip.from_ddl(pg_server, "", pair, stack)  # type: ignore[arg-type]
    script = trip.check("forward")
    assert script.index("CREATE OPERATOR public.<<<") < script.index("CREATE OPERATOR public.>>>")
    trip.check("backward")


REV = ("CREATE FUNCTION public.rev(int, int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT btint4cmp($2, $1)';"
       "CREATE FUNCTION public.rev2(int, int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT btint4cmp($2, $1)';"
       "CREATE OPERATOR CLASS public.rev_ops FOR TYPE int USING btree AS OPERATOR 1 >, OPERATOR 2 >=, OPERATOR 3 =,"
       " OPERATOR 4 <=, OPERATOR 5 <, FUNCTION 1 {function}(int, int);"
       "CREATE TABLE t (a int); CREATE INDEX t_a ON t (a rev_ops);")


def test_an_operator_class_in_use_that_changes_is_refused_with_its_users(pg_server: object, stack: ExitStack) -> None:
    trip = RoundTrip.from_ddl(pg_server, REV.format(function="rev"), REV.format(function="rev2"),  # type: ignore[arg-type]
                              stack)
    with pytest.raises(PlanError) as caught:
        trip.check("forward")
    message = str(caught.value)
    assert "operator class public.rev_ops USING btree" in message and "index public.t.t_a" in message


def test_an_operator_class_whose_members_are_all_its_familys(pg_server: object, stack: ExitStack) -> None:
    # hash files members over other types than the class's (anyenum) under the family: the class has none
    # of its own, and is created with STORAGE of its own type (recorded as none), its family's added after
    mood = ("CREATE TYPE mood AS ENUM ('sad', 'glad'); CREATE OPERATOR CLASS mood_ops DEFAULT FOR TYPE mood"
            " USING hash AS OPERATOR 1 = (anyenum, anyenum), FUNCTION 1 hashenum(anyenum);")
    trip = RoundTrip.from_ddl(pg_server, "CREATE TYPE mood AS ENUM ('sad', 'glad');", mood,  # type: ignore[arg-type]
                              stack)
    assert "STORAGE public.mood" in trip.check("forward")
    trip.check("backward")


def test_what_of_a_dropped_table_uses_a_dropped_operator_goes_first(pg_server: object, stack: ExitStack) -> None:
    # DROP TABLE (drops phase) comes after DROP OPERATOR (drop_dependents): the check goes before the operator
    used = OPERATOR.format(function="eq", options="") + "CREATE TABLE t (a int, b int, CHECK (a OPERATOR(===) b));"
    trip = RoundTrip.from_ddl(pg_server, used, "", stack)  # type: ignore[arg-type]
    script = trip.check("forward")
    at = script.index("DROP OPERATOR public.=== (integer, integer)")
    assert script.index("ALTER TABLE public.t DROP CONSTRAINT t_check") < at < script.index("DROP TABLE public.t")
    trip.check("backward")


def test_a_cast_over_an_enum_the_plan_rebuilds_is_refused(pg_server: object, stack: ExitStack) -> None:
    # the enum is renamed aside and created anew: the cast would stay on the old one, and block its drop
    enum = "CREATE TYPE mood AS ENUM ({}); CREATE CAST (mood AS text) WITH INOUT;"
    trip = RoundTrip.from_ddl(pg_server, enum.format("'sad', 'glad'"), enum.format("'glad', 'sad'"),  # type: ignore[arg-type]
                              stack)
    with pytest.raises(PlanError) as caught:
        trip.check("forward")
    assert "cast (public.mood AS text): its type public.mood is dropped and created again" in str(caught.value)


FDW = "CREATE FOREIGN DATA WRAPPER w; CREATE FOREIGN DATA WRAPPER v;"


def test_a_server_whose_wrapper_changes_is_created_again_when_nothing_uses_it(pg_server: object,
                                                                              stack: ExitStack) -> None:
    trip = RoundTrip.from_ddl(pg_server, FDW + "CREATE SERVER s TYPE 'a' FOREIGN DATA WRAPPER w;",  # type: ignore[arg-type]
                              FDW + "CREATE SERVER s TYPE 'b' FOREIGN DATA WRAPPER v;", stack)
    script = trip.check("forward")
    assert script.index("DROP SERVER s") < script.index("CREATE SERVER s TYPE 'b' FOREIGN DATA WRAPPER v")
    trip.check("backward")


def test_a_server_in_use_whose_wrapper_changes_is_refused_with_its_users(pg_server: object, stack: ExitStack) -> None:
    used = FDW + "CREATE SERVER s FOREIGN DATA WRAPPER {}; CREATE FOREIGN TABLE ft (a int) SERVER s;"
    trip = RoundTrip.from_ddl(pg_server, used.format("w"), used.format("v"), stack)  # type: ignore[arg-type]
    with pytest.raises(PlanError, match=r"foreign server s: its wrapper or type changes.*foreign table public\.ft"):
        trip.check("forward")


def test_a_foreign_table_with_a_check_that_must_be_created_again_is_refused(pg_server: object,
                                                                             stack: ExitStack) -> None:
    # CREATE FOREIGN TABLE cannot keep what ALTER added to the old one: a CHECK would be lost
    side = (FDW + "CREATE SERVER s FOREIGN DATA WRAPPER w; CREATE SERVER t FOREIGN DATA WRAPPER w;"
            "CREATE FOREIGN TABLE ft (a int CONSTRAINT positive CHECK (a > 0)) SERVER {};")
    trip = RoundTrip.from_ddl(pg_server, side.format("s"), side.format("t"), stack)  # type: ignore[arg-type]
    with pytest.raises(PlanError, match=r"foreign table public\.ft: its server.*constraint positive"):
        trip.check("forward")


def test_foreign_table_options_keep_their_order(pg_server: object, stack: ExitStack) -> None:
    # ADD appends: to put b first again, what follows it goes and comes back, in order
    side = FDW + "CREATE SERVER s FOREIGN DATA WRAPPER w; CREATE FOREIGN TABLE ft (a int) SERVER s OPTIONS ({});"
    trip = RoundTrip.from_ddl(pg_server, side.format("a '1', b '2', c '3'"),  # type: ignore[arg-type]
                              side.format("a '1', c '3', b '2'"), stack)
    script = trip.check("forward")
    assert "ALTER FOREIGN TABLE public.ft OPTIONS (DROP b, DROP c, ADD c '3', ADD b '2')" in script
    trip.check("backward")


def test_a_foreign_partition_gets_its_partitioned_tables_new_column_from_it(pg_server: object,
                                                                            stack: ExitStack) -> None:
    side = (FDW + "CREATE SERVER s FOREIGN DATA WRAPPER w; CREATE TABLE p (a int{}) PARTITION BY LIST (a);"
            "CREATE FOREIGN TABLE f PARTITION OF p FOR VALUES IN (1) SERVER s;")
    trip = RoundTrip.from_ddl(pg_server, side.format(""), side.format(", b text"), stack)  # type: ignore[arg-type]
    script = trip.check("forward")  # ALTER TABLE p recurses into its partitions, foreign ones too
    assert "ALTER TABLE public.p ADD COLUMN b text" in script and "ALTER FOREIGN TABLE" not in script
    trip.check("backward")


def test_a_foreign_table_that_inherits_is_refused(pg_server: object, stack: ExitStack) -> None:
    base = FDW + "CREATE SERVER s FOREIGN DATA WRAPPER w; CREATE TABLE parent (a int);"
    trip = RoundTrip.from_ddl(pg_server, base, base + "CREATE FOREIGN TABLE f () INHERITS (parent) SERVER s;",  # type: ignore[arg-type]
                              stack)
    with pytest.raises(PlanError, match=r"foreign table public\.f: its parents \(INHERITS\) change"):
        trip.check("forward")
