"""The mutation suite: every single change to a rich schema is reported, every equivalent rewrite is not.

``rich_schema.sql`` is built once into a template database (see ``conftest.py``).
Each mutation case (``mutation_cases*.py``) is detected in the first step of its round trip
(``tests/plan/test_roundtrip_mutations.py``, ``detect``): the clone it mutates there is the one its
plans then run on, so each mutation is built and read once. Here: each equivalence case builds a
rewritten source from scratch and must diff empty, with pg_dump agreeing that the two schemas are
the same; the statements mutations are made of, with the base's own values, change nothing; and
data-only changes report nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import psycopg
import pytest
from equivalent_cases import EQUIVALENTS, equivalent_files
from mutation_cases import TEMPLATES_AT_BASE
from mutation_support import JOBS, dump_delta, execute_script, for_server, oracle_dump, report, rich_schema

from pgcanon.catalog import read_snapshot
from pgcanon.diff import diff

if TYPE_CHECKING:
    from collections.abc import Callable

    from pgcanon.catalog import Snapshot


@pytest.mark.parametrize("sql", list(TEMPLATES_AT_BASE.values()), ids=list(TEMPLATES_AT_BASE))
def test_mutation_template_at_base_values_changes_nothing(sql: str, clone: str, base: Snapshot) -> None:
    """The statements mutations are made from, with the base's own values, are no-ops."""
    execute_script(clone, sql)
    changes = diff(base, read_snapshot(clone, jobs=JOBS))
    assert changes == (), report(changes)


Builder = "Callable[[str], AbstractContextManager[str]]"


def test_identity(base: Snapshot, build_schema: Builder, pg_version: int) -> None:
    assert diff(base, base) == ()
    with build_schema(rich_schema(pg_version)) as conninfo:
        again = read_snapshot(conninfo, jobs=3)
    changes = diff(base, again)
    assert changes == (), report(changes)
    assert again == base
    assert again.digest() == base.digest()


DATA_ONLY = {
    "rows": "INSERT INTO shop.customers (email, name) VALUES ('a@example.org', 'A'); "
    "INSERT INTO shop.products (sku, title, price) VALUES ('A-1', 'Lamp', 10)",
    "sequence_values": "SELECT setval('shop.invoice_no', 5000); SELECT nextval('blog.comments_id_seq')",
    "sequence_restart": "ALTER SEQUENCE shop.invoice_no RESTART WITH 3000",
    "identity_restart": "ALTER TABLE shop.customers ALTER COLUMN id RESTART WITH 500",
    "refresh_matview": "REFRESH MATERIALIZED VIEW shop.product_sales",
    "vacuum_analyze": "VACUUM ANALYZE shop.orders",
}


@pytest.mark.parametrize("sql", list(DATA_ONLY.values()), ids=list(DATA_ONLY))
def test_data_only_change_reports_nothing(sql: str, clone: str, base: Snapshot, base_dump: str) -> None:
    """Rows, sequence values and statistics are data, not schema."""
    execute_script(clone, sql)
    changes = diff(base, read_snapshot(clone, jobs=JOBS))
    assert changes == (), report(changes)
    assert oracle_dump(clone) == base_dump


def _equivalent_params() -> list[object]:
    """Each rewrite as a function of the server's major: the text it builds there (see ``for_server``)."""
    params = []
    for name, rewrite in EQUIVALENTS.items():
        params.append(pytest.param(lambda version, rewrite=rewrite: rewrite(rich_schema(version)), id=name))
    for name, path in equivalent_files().items():
        params.append(pytest.param(lambda version, path=path: for_server(path.read_text(encoding="utf-8"), version),
                                   id=name))
    return params


@pytest.mark.parametrize("source", _equivalent_params())
def test_equivalent(source: Callable[[int], str], build_schema: Builder, base: Snapshot, base_dump: str,
                    pg_version: int) -> None:
    text = source(pg_version)
    assert text != rich_schema(pg_version), "the rewrite changed nothing"
    try:
        with build_schema(text) as conninfo:
            other = read_snapshot(conninfo, jobs=JOBS)
            dump = oracle_dump(conninfo)
    except psycopg.errors.UnsafeNewEnumValueUsage as exc:
        # Older servers refuse an enum value added in the same transaction before commit;
        # the rewrite cannot be built there, which says nothing about the engine.
        pytest.skip(f"this server cannot build the rewrite: {exc}")
    changes = diff(base, other)
    assert changes == (), f"false differences:\n{report(changes)}"
    assert dump == base_dump, f"pg_dump disagrees that this is equivalent:\n{dump_delta(base_dump, dump)}"
