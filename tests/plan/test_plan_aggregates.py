"""Aggregates in the plan: CREATE AGGREGATE after the functions it names, DROP AGGREGATE before them,
CREATE OR REPLACE AGGREGATE for a changed definition, and every kind of aggregate built back exactly."""

from __future__ import annotations

from contextlib import ExitStack

import pytest
from roundtrip import RoundTrip

SUPPORT = ("CREATE FUNCTION add(a numeric, b numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS 'SELECT a + b';"
           "CREATE FUNCTION half(numeric) RETURNS numeric LANGUAGE sql AS 'SELECT $1 / 2';")
AGGREGATES = (
    "CREATE AGGREGATE total(numeric) (sfunc = add, stype = numeric, initcond = '0', finalfunc = half,"
    " combinefunc = add, parallel = safe);"
    "CREATE AGGREGATE biggest(numeric) (sfunc = numeric_larger, stype = numeric, sortop = >);"
    "CREATE AGGREGATE pct(float8 ORDER BY anyelement) (sfunc = ordered_set_transition, stype = internal,"
    " finalfunc = percentile_disc_final, finalfunc_extra);"
    'CREATE AGGREGATE rnk(VARIADIC "any" ORDER BY VARIADIC "any") (sfunc = ordered_set_transition_multi,'
    " stype = internal, finalfunc = rank_final, finalfunc_extra, hypothetical);"
    "CREATE AGGREGATE moving(numeric) (sfunc = add, stype = numeric, msfunc = numeric_add, minvfunc = numeric_sub,"
    " mstype = numeric, minitcond = '0');"
    "CREATE AGGREGATE counted(*) (sfunc = int8inc, stype = int8, initcond = '0');"
    "COMMENT ON AGGREGATE total(numeric) IS 'sums, halved'; REVOKE EXECUTE ON FUNCTION biggest(numeric) FROM PUBLIC;"
    "COMMENT ON AGGREGATE counted(*) IS 'rows'; REVOKE EXECUTE ON FUNCTION counted() FROM PUBLIC;"
)


@pytest.fixture
def stack() -> ExitStack:
    with ExitStack() as s:
        yield s  # type: ignore[misc]


def test_aggregates_come_after_their_functions_and_go_before_them(pg_server: object, stack: ExitStack) -> None:
    trip = RoundTrip.from_ddl(pg_server, "", SUPPORT + AGGREGATES, stack)  # type: ignore[arg-type]
    script = trip.check("forward")
    assert script.index("CREATE FUNCTION public.half") < script.index("CREATE AGGREGATE public.total(numeric)")
    assert "CREATE AGGREGATE public.counted(*)" in script
    script = trip.check("backward")
    assert script.index("DROP AGGREGATE public.total(numeric)") < script.index("DROP FUNCTION public.half(numeric)")


def test_a_changed_aggregate_is_replaced_in_place(pg_server: object, stack: ExitStack) -> None:
    old = SUPPORT + "CREATE AGGREGATE total(numeric) (sfunc = add, stype = numeric, initcond = '0');"
    new = SUPPORT + ("CREATE FUNCTION twice(numeric) RETURNS numeric LANGUAGE sql AS 'SELECT $1 * 2';"
                     "CREATE AGGREGATE total(numeric) (sfunc = add, stype = numeric, initcond = '1', "
                     "finalfunc = twice);")
    trip = RoundTrip.from_ddl(pg_server, old, new, stack)  # type: ignore[arg-type]
    script = trip.check("forward")
    assert script.index("CREATE FUNCTION public.twice") < script.index("CREATE OR REPLACE AGGREGATE public.total")
    script = trip.check("backward")
    assert script.index("CREATE OR REPLACE AGGREGATE public.total") < script.index("DROP FUNCTION public.twice")
