"""The mutation suite: every single change to a rich schema is reported, every equivalent rewrite is not.

``rich_schema.sql`` is built once into a template database (see ``conftest.py``).
Each mutation case clones it, applies one change and diffs against the base
snapshot; pg_dump is the independent oracle that the change was real.  Each
equivalence case builds a rewritten source from scratch and must diff empty, with
pg_dump agreeing that the two schemas are the same.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

import psycopg
import pytest
from equivalent_cases import EQUIVALENTS, equivalent_files
from mutation_cases import MUTATIONS, TEMPLATES_AT_BASE, Mutation
from mutation_support import JOBS, RICH_SCHEMA, execute_script, oracle_dump

from pgcanon.catalog import read_snapshot
from pgcanon.diff import diff

if TYPE_CHECKING:
    from collections.abc import Callable

    from pgcanon.catalog import Snapshot
    from pgcanon.diff import Change

#: Gaps in the engine, kept visible: case name -> what the engine should do.  Each is a change
#: pg_dump sees (the oracle is checked first and is never expected to fail).
XFAILS: dict[str, str] = {}


class EngineMiss(AssertionError):
    """The diff did not report a change the oracle saw: what an xfail may expect, and nothing else."""


class SnapshotEqualityMiss(AssertionError):
    """The diff saw the change but ``Snapshot.__eq__`` / ``digest()`` did not."""


def _report(changes: tuple[Change, ...]) -> str:
    return "\n".join(f"  {c.describe('base', 'mutated')}" for c in changes) or "  (no changes)"


def _dump_delta(a: str, b: str) -> str:
    return "".join(difflib.unified_diff(a.splitlines(True), b.splitlines(True), "base", "other", n=1))


def _mutation_params() -> list[object]:
    params = []
    for name, case in MUTATIONS.items():
        marks = []
        if case.pg:
            marks.append(pytest.mark.pg(case.pg))
        if name in XFAILS:
            marks.append(pytest.mark.xfail(strict=True, raises=EngineMiss, reason=f"engine: {XFAILS[name]}"))
        params.append(pytest.param(case, id=name, marks=marks))
    return params


@pytest.mark.parametrize("case", _mutation_params())
def test_mutation(case: Mutation, clone: str, base: Snapshot, base_dump: str) -> None:
    execute_script(clone, case.sql)
    mutated = read_snapshot(clone, jobs=JOBS)
    dump = oracle_dump(clone)

    changes = diff(base, mutated)
    report = _report(changes)
    # The independent oracle first: pg_dump sees the change too (so the mutation was not a no-op),
    # or, for what pg_dump does not print (extension versions), it indeed does not.
    if case.dump:
        assert dump != base_dump, f"pg_dump sees no change for {case.sql}; the diff was:\n{report}"
    else:
        assert dump == base_dump, _dump_delta(base_dump, dump)
    if not changes:
        raise EngineMiss(f"not detected: {case.sql}\npg_dump saw:\n{_dump_delta(base_dump, dump)}")
    if not any(c.kind == case.kind and case.name in c.name for c in changes):
        raise EngineMiss(f"no {case.kind} change naming {case.name!r}; the diff was:\n{report}")
    for change in changes:
        line = change.describe("base", "mutated")
        assert "\n" not in line and change.name in line, f"describe() is not one line naming the object: {line!r}"
    # A snapshot that diffs non-empty must not compare equal, nor hash equal, to the base.
    if mutated == base or mutated.digest() == base.digest():
        raise SnapshotEqualityMiss(f"Snapshot ==/digest() see no change, though the diff says:\n{report}")


@pytest.mark.parametrize("sql", list(TEMPLATES_AT_BASE.values()), ids=list(TEMPLATES_AT_BASE))
def test_mutation_template_at_base_values_changes_nothing(sql: str, clone: str, base: Snapshot) -> None:
    """The statements mutations are made from, with the base's own values, are no-ops."""
    execute_script(clone, sql)
    changes = diff(base, read_snapshot(clone, jobs=JOBS))
    assert changes == (), _report(changes)


Builder = "Callable[[str], AbstractContextManager[str]]"


def test_identity(base: Snapshot, build_schema: Builder) -> None:
    assert diff(base, base) == ()
    with build_schema(RICH_SCHEMA.read_text(encoding="utf-8")) as conninfo:
        again = read_snapshot(conninfo, jobs=3)
    changes = diff(base, again)
    assert changes == (), _report(changes)
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
    assert changes == (), _report(changes)
    assert oracle_dump(clone) == base_dump


def _equivalent_params() -> list[object]:
    rich = RICH_SCHEMA.read_text(encoding="utf-8")
    params = []
    for name, rewrite in EQUIVALENTS.items():
        params.append(pytest.param(lambda rewrite=rewrite: rewrite(rich), id=name))
    for name, path in equivalent_files().items():
        params.append(pytest.param(lambda path=path: path.read_text(encoding="utf-8"), id=name))
    return params


@pytest.mark.parametrize("source", _equivalent_params())
def test_equivalent(source: Callable[[], str], build_schema: Builder, base: Snapshot, base_dump: str) -> None:
    text = source()
    assert text != RICH_SCHEMA.read_text(encoding="utf-8"), "the rewrite changed nothing"
    try:
        with build_schema(text) as conninfo:
            other = read_snapshot(conninfo, jobs=JOBS)
            dump = oracle_dump(conninfo)
    except psycopg.errors.UnsafeNewEnumValueUsage as exc:
        # Older servers refuse an enum value added in the same transaction before commit;
        # the rewrite cannot be built there, which says nothing about the engine.
        pytest.skip(f"this server cannot build the rewrite: {exc}")
    changes = diff(base, other)
    assert changes == (), f"false differences:\n{_report(changes)}"
    assert dump == base_dump, f"pg_dump disagrees that this is equivalent:\n{_dump_delta(base_dump, dump)}"
