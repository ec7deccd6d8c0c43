"""Publications: what each server version stores of them (column lists, row filters and schemas are 15's,
publish_generated_columns 18's), read by the query file of that version."""

from __future__ import annotations

import pytest

from pgcanon.catalog import Publication

TABLES = 'CREATE SCHEMA "Odd"; CREATE TABLE "Odd"."T" (a int PRIMARY KEY, "B" text, c int); CREATE TABLE t2 (a int);'


def test_publications_on_every_version(snapshot_of, pg_version: int) -> None:
    snap = snapshot_of(
        TABLES + "CREATE PUBLICATION p FOR TABLE t2, \"Odd\".\"T\" WITH (publish = 'delete, insert', "
        "publish_via_partition_root = true);"
        "CREATE PUBLICATION everything FOR ALL TABLES; COMMENT ON PUBLICATION everything IS 'all of it';"
        "CREATE PUBLICATION \"No Op\" WITH (publish = '');"
    )
    generated = "none" if pg_version >= 18 else None  # not a setting before PostgreSQL 18
    assert snap.publications == (
        Publication("No Op", False, "", False, generated, (), (), None),
        Publication("everything", True, "insert, update, delete, truncate", False, generated, (), (), "all of it"),
        # the operations in the catalog's order, the tables quoted and sorted
        Publication("p", False, "insert, delete", True, generated, ('"Odd"."T"', "public.t2"), (), None),
    )
    assert snap.not_compared == ()


@pytest.mark.pg(">= 15")
def test_column_lists_row_filters_and_schemas(snapshot_of) -> None:
    snap = snapshot_of(
        # a column list in attnum order whatever its spelling; the row filter as pg_get_expr deparses it
        TABLES + "CREATE PUBLICATION p FOR TABLE \"Odd\".\"T\" (c, \"B\", a) WHERE (\"B\" <> 'x' AND c > 1), "
        "t2 WHERE (a IS NOT NULL);"
        "CREATE PUBLICATION s FOR TABLES IN SCHEMA public, \"Odd\" WITH (publish = 'insert');"
    )
    p, s = snap.publications
    assert p.tables == ('"Odd"."T" (a, "B", c) WHERE ((("B" <> \'x\'::text) AND (c > 1)))',
                        "public.t2 WHERE ((a IS NOT NULL))")
    assert (s.tables, s.schemas) == ((), ('"Odd"', "public"))


@pytest.mark.pg(">= 18")
def test_publish_generated_columns(snapshot_of) -> None:
    snap = snapshot_of("CREATE PUBLICATION p WITH (publish_generated_columns = stored);")
    assert [p.generated_columns for p in snap.publications] == ["stored"]
