"""The generator's rules for text search dictionaries and configurations that a round trip alone does not
show: what it refuses and why, and where their statements go around their users."""

from __future__ import annotations

from contextlib import ExitStack

import pytest
from roundtrip import RoundTrip

from pgcanon.errors import PlanError

PARSER = ("CREATE TEXT SEARCH PARSER words (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, "
          "LEXTYPES = prsd_lextype);")


@pytest.fixture
def stack() -> ExitStack:
    with ExitStack() as s:
        yield s  # type: ignore[misc]


def test_a_configuration_in_use_whose_parser_changes_is_refused_with_its_users(pg_server: object,
                                                                                 stack: ExitStack) -> None:
    # a regconfig constant in a generated column, an index and a view makes each depend on the configuration
    used = (PARSER + "CREATE TEXT SEARCH CONFIGURATION docs (PARSER = {});"
            "ALTER TEXT SEARCH CONFIGURATION docs ADD MAPPING FOR word WITH simple;"
            "CREATE TABLE t (body text, tsv tsvector GENERATED ALWAYS AS (to_tsvector('docs', body)) STORED);"
            "CREATE INDEX t_fts ON t USING gin (to_tsvector('docs'::regconfig, body));"
            "CREATE VIEW v AS SELECT to_tsvector('docs'::regconfig, body) FROM t;")
    trip = RoundTrip.from_ddl(pg_server, used.format("default"), used.format("words"), stack)  # type: ignore[arg-type]
    with pytest.raises(PlanError) as caught:
        trip.check("forward")
    message = str(caught.value)
    assert "text search configuration public.docs" in message and "ALTER TEXT SEARCH CONFIGURATION cannot" in message
    assert "column public.t.tsv" in message and "index public.t_fts" in message and "view public.v" in message


def test_a_dictionary_in_use_whose_template_changes_is_refused_with_its_users(pg_server: object,
                                                                                stack: ExitStack) -> None:
    used = ("CREATE TEXT SEARCH TEMPLATE plain (INIT = dsimple_init, LEXIZE = dsimple_lexize);"
            "CREATE TEXT SEARCH DICTIONARY names (TEMPLATE = {});"
            "CREATE TEXT SEARCH CONFIGURATION people (PARSER = default);"
            "ALTER TEXT SEARCH CONFIGURATION people ADD MAPPING FOR word WITH names;")
    trip = RoundTrip.from_ddl(pg_server, used.format("simple"), used.format("plain"), stack)  # type: ignore[arg-type]
    with pytest.raises(PlanError) as caught:
        trip.check("backward")
    message = str(caught.value)
    assert "text search dictionary public.names" in message and "(public.plain -> pg_catalog.simple)" in message
    assert "text search configuration public.people use it" in message


def test_what_goes_with_its_users_is_dropped_after_them(pg_server: object, stack: ExitStack) -> None:
    old = ("CREATE TEXT SEARCH DICTIONARY names (TEMPLATE = simple);"
           "CREATE TEXT SEARCH CONFIGURATION people (PARSER = default);"
           "ALTER TEXT SEARCH CONFIGURATION people ADD MAPPING FOR word WITH names;"
           "CREATE TABLE t (body text, tsv tsvector GENERATED ALWAYS AS (to_tsvector('people', body)) STORED);"
           "CREATE INDEX t_fts ON t USING gin (to_tsvector('people'::regconfig, body));")
    trip = RoundTrip.from_ddl(pg_server, old, "CREATE TABLE t (body text);", stack)  # type: ignore[arg-type]
    script = trip.check("forward")
    assert script.index("DROP COLUMN tsv") < script.index("DROP TEXT SEARCH CONFIGURATION public.people")
    assert script.index("DROP INDEX") < script.index("DROP TEXT SEARCH CONFIGURATION public.people")
    assert script.index("DROP TEXT SEARCH CONFIGURATION") < script.index("DROP TEXT SEARCH DICTIONARY public.names")
    # and created before them, the dictionary first
    script = trip.check("backward")
    assert script.index("CREATE TEXT SEARCH DICTIONARY") < script.index("CREATE TEXT SEARCH CONFIGURATION")
    assert script.index("ADD MAPPING FOR word WITH public.names") < script.index("ADD COLUMN tsv")
