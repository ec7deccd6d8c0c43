"""The generator's rules that a round trip alone does not show: what it refuses and why, what it
marks as deleting data, what it keeps out of a transaction, and the order it puts dependents in."""

from __future__ import annotations

from contextlib import ExitStack

import pytest
from roundtrip import RoundTrip

from pgcanon.diff import DiffOptions
from pgcanon.errors import PlanError
from pgcanon.plan import plan

MIDDLE_OLD = "CREATE TABLE public.videos (id integer PRIMARY KEY, title text);"
MIDDLE_NEW = "CREATE TABLE public.videos (id integer PRIMARY KEY, rating integer, title text);"


@pytest.fixture
def stack() -> ExitStack:
    with ExitStack() as s:
        yield s  # type: ignore[misc]


def test_a_column_in_the_middle_is_refused_with_its_fix(pg_server: object, stack: ExitStack) -> None:
    trip = RoundTrip.from_ddl(pg_server, MIDDLE_OLD, MIDDLE_NEW, stack)  # type: ignore[arg-type]
    with pytest.raises(PlanError) as caught:
        trip.check("forward")
    message = str(caught.value)
    assert "public.videos" in message and "rating" in message
    assert "--ignore-column-order" in message and "last" in message
    assert caught.value.exit_code == 2


def test_ignore_column_order_appends_the_column(pg_server: object, stack: ExitStack) -> None:
    trip = RoundTrip.from_ddl(pg_server, MIDDLE_OLD, MIDDLE_NEW, stack)  # type: ignore[arg-type]
    script = trip.check("forward", DiffOptions(ignore_column_order=True))
    assert "ADD COLUMN rating integer" in script


def test_dropping_data_is_marked_and_counted(pg_server: object, stack: ExitStack) -> None:
    old = MIDDLE_OLD + "CREATE TABLE public.tags (name text);"
    trip = RoundTrip.from_ddl(pg_server, old, "CREATE TABLE public.videos (id integer PRIMARY KEY);", stack)  # type: ignore[arg-type]
    p = plan(trip.sides["old"].snapshot, trip.sides["new"].snapshot, DiffOptions())
    lost = sorted(s.about for s in p.data_loss())
    assert lost == ["drop column public.videos.title", "drop table public.tags"]
    assert "[deletes data]" in trip.check("forward")


def test_indexes_on_live_tables_are_built_concurrently_outside_a_transaction(
    pg_server: object, stack: ExitStack,
) -> None:
    new = MIDDLE_OLD + "CREATE INDEX videos_title ON public.videos (title);"
    trip = RoundTrip.from_ddl(pg_server, MIDDLE_OLD, new, stack)  # type: ignore[arg-type]
    script = trip.check("forward")
    assert "CREATE INDEX CONCURRENTLY videos_title ON public.videos" in script
    before = script.split("CREATE INDEX CONCURRENTLY")[0]
    assert before.count("BEGIN;") == before.count("COMMIT;"), "CONCURRENTLY must not run inside BEGIN"
    offline = plan(trip.sides["old"].snapshot, trip.sides["new"].snapshot, DiffOptions(), online=False)
    assert [s.sql for s in offline.statements if "INDEX" in s.sql] == [
        "CREATE INDEX videos_title ON public.videos USING btree (title)"]


def test_a_column_type_change_rebuilds_the_views_on_it_in_order(pg_server: object, stack: ExitStack) -> None:
    views = """
        CREATE VIEW public.titles AS SELECT id, title FROM public.videos;
        CREATE VIEW public.short_titles AS SELECT id FROM public.titles WHERE length(title) < 10;
        COMMENT ON VIEW public.short_titles IS 'kept across the rebuild';
    """
    old = "CREATE TABLE public.videos (id integer PRIMARY KEY, title varchar(50));" + views
    new = "CREATE TABLE public.videos (id integer PRIMARY KEY, title text);" + views
    trip = RoundTrip.from_ddl(pg_server, old, new, stack)  # type: ignore[arg-type]
    script = trip.check("forward")  # the round trip itself proves the comment survives
    order = [line for line in script.splitlines() if line.startswith(("DROP VIEW", "CREATE VIEW", "ALTER TABLE"))]
    assert [line.split(" (")[0].split(" AS")[0] for line in order] == [
        "DROP VIEW public.short_titles;",
        "DROP VIEW public.titles;",
        "ALTER TABLE public.videos ALTER COLUMN title TYPE text USING title::text;",
        "CREATE VIEW public.titles",
        "CREATE VIEW public.short_titles",
    ]


def test_an_enum_label_added_in_the_middle_is_placed_there(pg_server: object, stack: ExitStack) -> None:
    old = "CREATE TYPE public.state AS ENUM ('new', 'done');"
    new = "CREATE TYPE public.state AS ENUM ('new', 'encoding', 'done');"
    trip = RoundTrip.from_ddl(pg_server, old, new, stack)  # type: ignore[arg-type]
    assert "ALTER TYPE public.state ADD VALUE 'encoding' BEFORE 'done';" in trip.check("forward")
    # removing it needs a new type and a cast: the round trip back proves that path
    assert "DROP TYPE" in trip.check("backward")


def test_equal_sources_give_no_statements(pg_server: object, stack: ExitStack) -> None:
    trip = RoundTrip.from_ddl(pg_server, MIDDLE_OLD, MIDDLE_OLD, stack)  # type: ignore[arg-type]
    assert trip.check("forward").startswith("-- a and b are identical")
