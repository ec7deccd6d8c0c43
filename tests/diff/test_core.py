"""The diff engine on hand-built snapshots: no database."""

from __future__ import annotations

import json

from pgcanon.catalog.model import Column, Enum, Extension, Snapshot, Table
from pgcanon.diff import Added, Altered, DiffOptions, Hazard, Removed, diff, diff_keyed
from pgcanon.render import json as json_render
from pgcanon.render import text


def col(name: str, position: int, type_: str = "integer", **kw) -> Column:
    base = dict(schema="public", table="t", name=name, position=position, type=type_, collation=None,
                not_null=False, not_null_name=None, default=None, identity=None, identity_options=None,
                generated=None, comment=None, privileges=())
    base.update(kw)
    return Column(**base)


def table(name: str = "t", **kw) -> Table:
    base = dict(schema="public", name=name, table_kind="table", unlogged=False, partition_key=None,
                partition_of=None, partition_bound=None, inherits=(), options=(), replica_identity="default",
                rls_enabled=False, rls_forced=False, comment=None, privileges=())
    base.update(kw)
    return Table(**base)


def snap(**kinds) -> Snapshot:
    return Snapshot(server_version=180006, **kinds)


def test_diff_keyed():
    added, removed, common = diff_keyed([("a", 1), ("b", 2)], [("b", 3), ("c", 4)], key=lambda o: o[0])
    assert added == [("c", 4)] and removed == [("a", 1)] and common == [(("b", 2), ("b", 3))]


def test_equal_snapshots_have_no_changes():
    s = snap(tables=(table(),), columns=(col("a", 1),))
    assert diff(s, s) == ()


def test_column_added_removed_altered_and_described():
    old = snap(tables=(table(),), columns=(col("a", 1), col("b", 2, "text")))
    new = snap(tables=(table(),), columns=(col("a", 1, "bigint"), col("c", 2)))
    changes = diff(old, new)
    assert [type(c) for c in changes] == [Altered, Removed, Added]
    assert changes[0].describe("schema", "migrations@head") == \
        "column public.t.a: type integer (schema) vs bigint (migrations@head)"
    assert changes[1].describe("schema", "migrations@head") == "column public.t.b: only in schema"
    assert changes[2].describe("schema", "migrations@head") == "column public.t.c: only in migrations@head"
    assert Hazard.DELETES_DATA in changes[1].hazards


def test_column_order_and_its_option():
    old = snap(tables=(table(),), columns=(col("a", 1), col("b", 2), col("c", 3)))
    new = snap(tables=(table(),), columns=(col("a", 1), col("c", 2), col("b", 3)))
    (change,) = diff(old, new)
    assert change.describe("schema", "migrations@head") == \
        "table public.t: column order (schema: a, b, c) vs (migrations@head: a, c, b)"
    assert diff(old, new, DiffOptions(ignore_column_order=True)) == ()


def test_position_alone_is_not_a_difference():
    # the same live columns after a dropped one: positions are ordering only
    assert col("a", 1) == col("a", 7)


def test_not_null_name_has_a_fix():
    old = snap(columns=(col("x", 1, not_null=True, not_null_name="t_x_not_null"),))
    new = snap(columns=(col("x", 1, not_null=True, not_null_name="t_a_not_null"),))
    (change,) = diff(old, new)
    assert 'RENAME CONSTRAINT "t_x_not_null" TO "t_a_not_null"' in change.describe("a", "b")


def test_options_relax_comments_privileges_extension_versions_and_kinds():
    old = snap(tables=(table(comment="x", privileges=("PUBLIC:SELECT",)),),
               extensions=(Extension("pg_trgm", "public", "1.5", None),))
    new = snap(tables=(table(),), extensions=(Extension("pg_trgm", "public", "1.6", None),))
    assert len(diff(old, new)) == 3
    relaxed = DiffOptions(ignore_comments=True, ignore_privileges=True, ignore_extension_versions=True)
    assert diff(old, new, relaxed) == ()
    assert [c.kind for c in diff(old, new, DiffOptions(kinds=frozenset({"extension"})))] == ["extension"]


def test_enum_labels_compared_in_order():
    old = snap(enums=(Enum("public", "mood", ("a", "b"), None),))
    new = snap(enums=(Enum("public", "mood", ("b", "a"), None),))
    (change,) = diff(old, new)
    assert change.field == "labels" and change.describe("a", "b") == "enum public.mood: labels (a: a, b) vs (b: b, a)"


def test_parts_of_a_removed_table_are_folded():
    old = snap(tables=(table(),), columns=(col("a", 1),))
    (change,) = diff(old, snap())
    assert isinstance(change, Removed) and change.kind == "table"


def test_renderers():
    old = snap(tables=(table(),), columns=(col("a", 1),))
    new = snap(tables=(table(),), columns=(col("a", 1, "text"),))
    changes = diff(old, new)
    assert text.render(changes, "a", "b").startswith("column public.t.a: type integer (a) vs text (b)")
    assert "\x1b[33m" in text.render(changes, "a", "b", color=True)
    assert text.render((), "a", "b") == "no differences between a and b\n"
    doc = json.loads(json_render.render(changes, "a", "b"))
    assert doc["equal"] is False and doc["old"] == "a"
    assert doc["changes"][0] | {"description": None, "hazards": None} == {
        "kind": "column", "name": "public.t.a", "change": "altered", "field": "type", "old": "integer",
        "new": "text", "hint": None, "description": None, "hazards": None,
    }
