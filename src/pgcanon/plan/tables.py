"""The plan for tables and their columns and partitions (their constraints and indexes: :mod:`pgcanon.plan.keys`).

A table that already exists may hold rows, so changes to it take the online forms unless the
plan is built with ``online=False``: indexes built ``CONCURRENTLY``, checks and foreign keys added
``NOT VALID`` then validated, ``SET NOT NULL`` proven by a validated check first.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import groupby
from operator import attrgetter
from typing import TYPE_CHECKING

from pgcanon.diff.changes import Hazard
from pgcanon.diff.core import compared_fields, diff_keyed
from pgcanon.plan import ddl
from pgcanon.plan.builder import Builder, exclusive
from pgcanon.plan.quote import ident
from pgcanon.plan.types import narrows

if TYPE_CHECKING:
    from pgcanon.catalog.model import Column, Snapshot, Table

_table_key = attrgetter("schema", "table")


def columns_by_table(columns: tuple[Column, ...]) -> dict[tuple[str, ...], list[Column]]:
    return {k: list(cs) for k, cs in groupby(columns, key=_table_key)}


def _parents_first(tables: list[Table]) -> list[Table]:
    """Tables in an order where classic inheritance parents come before their children."""
    by_name = {t.qualname: t for t in tables}
    done: dict[str, Table] = {}

    def visit(t: Table) -> None:
        if t.qualname in done:
            return
        for parent in t.inherits:
            if parent in by_name:
                visit(by_name[parent])
        done[t.qualname] = t

    for t in tables:
        visit(t)
    return list(done.values())


def plan_tables(b: Builder) -> set[tuple[str, ...]]:
    """Create, alter and drop tables and columns; returns the keys of the tables that existed before."""
    old_cols, new_cols = columns_by_table(b.old.columns), columns_by_table(b.new.columns)
    added, removed, common = diff_keyed(b.old.tables, b.new.tables)
    existing = {t.key for t in b.old.tables} & {t.key for t in b.new.tables}
    # Old tables too: a partition detached from (or a child of) a parent the new schema drops still
    # names it, and a name must be quoted as DDL spells it.
    new_by_name = {**{t.qualname: t for t in b.old.tables}, **{t.qualname: t for t in b.new.tables}}
    for t in _parents_first(added):
        cols = new_cols.get(t.key, [])
        standalone = t if t.partition_of is None else _standalone(t)
        inherits = tuple(ddl.name_of(new_by_name[p]) if p in new_by_name else p for p in t.inherits)
        # the columns only parents declare come with INHERITS; listed, they would become the child's own
        own = [c for c in cols if not c.inherited]
        b.add("tables", ddl.create_table(_with_inherits(standalone, inherits), own), f"create table {t.qualname}")
        for c in cols:
            for text in ddl.column_extras(c):
                b.add("tables", text, f"set storage options of column {c.qualname}")
        if t.partition_of is not None:
            parent = new_by_name.get(t.partition_of)
            b.add("attach", f"ALTER TABLE {ddl.name_of(parent) if parent else t.partition_of} "
                            f"ATTACH PARTITION {ddl.name_of(t)} {t.partition_bound}",
                  f"attach partition {t.qualname}")
        _table_settings(b, None, t)
    for old, new in common:
        _alter_table(b, old, new, new_by_name)
        _columns(b, old, new, old_cols.get(old.key, []), new_cols.get(new.key, []))
    gone = [t for t in removed if t.partition_of not in {r.qualname for r in removed}]
    if gone:
        b.add("drops", "DROP TABLE " + ", ".join(ddl.name_of(t) for t in gone),
              "drop table " + ", ".join(t.qualname for t in gone), (Hazard.DELETES_DATA,))
    return existing


def _standalone(t: Table) -> Table:
    return replace(t, partition_of=None, partition_bound=None)


def _with_inherits(t: Table, inherits: tuple[str, ...]) -> Table:
    return replace(t, inherits=inherits)


def _table_settings(b: Builder, old: Table | None, new: Table) -> None:
    """RLS, replica identity and CLUSTER ON, for a new table (old None) or a changed one."""
    at = f"ALTER TABLE {ddl.name_of(new)}"
    if new.rls_enabled != (old.rls_enabled if old else False):
        b.add("tables", f"{at} {'ENABLE' if new.rls_enabled else 'DISABLE'} ROW LEVEL SECURITY",
              f"row level security of {new.qualname}", exclusive() if old else ())
    if new.rls_forced != (old.rls_forced if old else False):
        b.add("tables", f"{at} {'FORCE' if new.rls_forced else 'NO FORCE'} ROW LEVEL SECURITY",
              f"forced row level security of {new.qualname}", exclusive() if old else ())
    if new.replica_identity != (old.replica_identity if old else "default"):
        if new.replica_identity == "index":
            b.problem(f"table {new.qualname}: REPLICA IDENTITY USING INDEX is not generated yet (the snapshot "
                      "does not say which index)")
        else:
            b.add("tables", f"{at} REPLICA IDENTITY {new.replica_identity.upper()}",
                  f"replica identity of {new.qualname}", exclusive() if old else ())
    if new.clustered_on != (old.clustered_on if old else None):
        text = (f"{at} CLUSTER ON {ident(new.clustered_on)}" if new.clustered_on else f"{at} SET WITHOUT CLUSTER")
        b.add("views", text, f"CLUSTER ON of {new.qualname}")


def _alter_table(b: Builder, old: Table, new: Table, new_by_name: dict[str, Table]) -> None:
    at = f"ALTER TABLE {ddl.name_of(new)}"
    if (old.table_kind, old.partition_key) != (new.table_kind, new.partition_key):
        b.problem(f"table {new.qualname}: its partitioning changes ({old.partition_key or old.table_kind} → "
                  f"{new.partition_key or new.table_kind}); PostgreSQL cannot ALTER that: recreate the table "
                  "and copy its rows in a hand-written revision")
        return
    if old.unlogged != new.unlogged:
        b.add("tables", f"{at} SET {'UNLOGGED' if new.unlogged else 'LOGGED'}",
              f"{'unlogged' if new.unlogged else 'logged'} table {new.qualname}",
              (Hazard.REWRITES_TABLE, *exclusive()))
    if (old.partition_of, old.partition_bound) != (new.partition_of, new.partition_bound):
        if old.partition_of is not None:
            parent = new_by_name.get(old.partition_of)
            b.add("drop_dependents", f"ALTER TABLE {ddl.name_of(parent) if parent else old.partition_of} "
                                     f"DETACH PARTITION {ddl.name_of(old)}", f"detach partition {old.qualname}",
                  exclusive())
        if new.partition_of is not None:
            parent = new_by_name.get(new.partition_of)
            b.add("attach", f"ALTER TABLE {ddl.name_of(parent) if parent else new.partition_of} "
                            f"ATTACH PARTITION {ddl.name_of(new)} {new.partition_bound}",
                  f"attach partition {new.qualname}", (Hazard.VALIDATES_DATA,))
    kept = [p for p in old.inherits if p in new.inherits]
    if list(new.inherits[: len(kept)]) != kept:
        # INHERIT appends a parent (inhseqno), and NO INHERIT then INHERIT would leave the inherited
        # columns local: the order of the parents, which decides the order of the columns, cannot change
        b.problem(f"table {new.qualname}: the order of its parents changes ({', '.join(old.inherits)} → "
                  f"{', '.join(new.inherits)}); ALTER TABLE … INHERIT can only add a parent last: recreate the "
                  "table and copy its rows in a hand-written revision")
        return
    for inherited in old.inherits:
        if inherited not in new.inherits:
            b.add("tables", f"{at} NO INHERIT {_quoted(inherited, new_by_name)}", f"{new.qualname} no longer inherits")
    for inherited in new.inherits:
        if inherited not in old.inherits:
            b.add("tables", f"{at} INHERIT {_quoted(inherited, new_by_name)}", f"{new.qualname} inherits {inherited}")
    if old.options != new.options:
        gone = [o.partition("=")[0] for o in old.options if o.partition("=")[0] not in
                {n.partition("=")[0] for n in new.options}]
        if gone:
            b.add("tables", f"{at} RESET ({', '.join(gone)})", f"storage parameters of {new.qualname}", exclusive())
        if new.options:
            b.add("tables", f"{at} SET ({', '.join(new.options)})", f"storage parameters of {new.qualname}",
                  exclusive())
    _table_settings(b, old, new)


def _quoted(qualname: str, by_name: dict[str, Table]) -> str:
    t = by_name.get(qualname)
    return ddl.name_of(t) if t else qualname


def _from_parents(c: Column, table: Table, snap: Snapshot, other: Snapshot) -> bool:
    """Whether inherited column *c* of *table* (in *snap*) comes from a parent that gains it in *other* (or
    loses it): ADD and DROP COLUMN on a parent recurse to its children, which must not be altered again."""
    columns = {x.key for x in snap.columns}
    others = {x.key for x in other.columns}
    return c.inherited and any(
        (*parent.split(".", 1), c.name) in columns and (*parent.split(".", 1), c.name) not in others
        for parent in table.inherits)


def _columns(b: Builder, table: Table, new_table: Table, old: list[Column], new: list[Column]) -> None:
    added, removed, common = diff_keyed(old, new)
    at = f"ALTER TABLE {ddl.name_of(new_table)}"
    removed = [c for c in removed if not _from_parents(c, table, b.old, b.new)]
    inherited = [c for c in added if c.inherited]
    added = [c for c in added if not c.inherited]
    for c in inherited:
        if not _from_parents(c, new_table, b.new, b.old):
            b.problem(f"column {c.qualname}: only inherited in the new schema, but no parent of the table gains it; "
                      "a column ALTER TABLE adds is the child's own: recreate the table in a hand-written revision")
    for o, n in common:
        if o.inherited != n.inherited:
            b.problem(f"column {n.qualname}: {'only inherited' if n.inherited else 'declared by the table itself'} in "
                      "the new schema, not in the old; no ALTER TABLE changes that (attislocal): recreate the table "
                      "in a hand-written revision")
    for c in removed:
        b.add("tables", f"{at} DROP COLUMN {ident(c.name)}", f"drop column {c.qualname}",
              (Hazard.DELETES_DATA, *exclusive()))
    for c in added:
        hazards = exclusive()
        if c.not_null and c.default is None and c.identity is None and c.generated is None:
            hazards = (Hazard.FAILS_ON_DATA, *hazards)
        if c.generated == "STORED" or (c.default is not None and "nextval" in c.default):
            hazards = (Hazard.REWRITES_TABLE, *hazards)
        b.add("tables", f"{at} ADD COLUMN {ddl.column_definition(c)}", f"add column {c.qualname}", hazards)
        for text in ddl.column_extras(c):
            b.add("tables", text, f"set storage options of column {c.qualname}")
    for o, n in common:
        if o.inherited and n.inherited:
            # ALTER COLUMN TYPE on the parent recurses; the child's own would be refused (an inherited column)
            o = replace(o, type=n.type, collation=n.collation)
        if o != n:
            alter_column(b, at, o, n)
    if not b.options.ignore_column_order:
        result = [c.name for c in old if c.name in {n.name for n in new}] + [c.name for c in added + inherited]
        wanted = [c.name for c in new]
        if result != wanted:
            misplaced = next(w for r, w in zip(result, wanted, strict=False) if r != w)
            b.problem(f"table {new_table.qualname}: column {misplaced} is not where ALTER TABLE can put it "
                      f"(ADD COLUMN appends; wanted order: {', '.join(wanted)}); list new columns last in "
                      "schema/, or pass --ignore-column-order")


def alter_column(b: Builder, at: str, o: Column, n: Column) -> None:
    """The ALTER TABLE … ALTER COLUMN statements between two versions of one column."""
    col = f"{at} ALTER COLUMN {ident(n.name)}"
    name = n.qualname
    changed = {f for f in compared_fields(type(o)) if getattr(o, f) != getattr(n, f)}
    changed -= {"comment", "privileges"}
    if "generated" in changed or (n.generated and "default" in changed):
        if o.generated and not n.generated:
            b.add("tables", f"{col} DROP EXPRESSION", f"column {name} is no longer generated", exclusive())
            changed.discard("default")
        elif n.generated and o.generated == n.generated and b.new.server_version >= 170000:
            b.add("tables", f"{col} SET EXPRESSION AS ({n.default})", f"new generation expression of {name}",
                  (Hazard.REWRITES_TABLE, *exclusive()))
            changed.discard("default")
        elif n.generated and o.generated == n.generated:
            b.problem(f"column {name}: its generation expression changes, which ALTER TABLE can do only from "
                      "PostgreSQL 17 (SET EXPRESSION): drop and add it in a hand-written revision")
            return
        else:
            b.problem(f"column {name}: becomes a generated column; ALTER TABLE cannot do that: drop and add it "
                      "in a hand-written revision")
            return
        changed.discard("generated")
    retype = bool({"type", "collation"} & changed)
    if retype and o.default is not None and o.generated is None:
        b.add("tables", f"{col} DROP DEFAULT", f"drop the default of {name} while its type changes", exclusive())
    if retype:
        collate = f" COLLATE {n.collation}" if n.collation else ""
        hazards = (Hazard.REWRITES_TABLE, *exclusive())
        if narrows(o.type, n.type):
            hazards = (Hazard.DELETES_DATA, Hazard.FAILS_ON_DATA, *hazards)
        b.add("tables", f"{col} TYPE {n.type}{collate} USING {ident(n.name)}::{n.type}",
              f"change the type of {name} from {o.type} to {n.type}", hazards)
    if ("default" in changed or (retype and o.default is not None)) and n.generated is None and n.identity is None:
        if n.default is None:
            if not retype:
                b.add("tables", f"{col} DROP DEFAULT", f"drop the default of {name}", exclusive())
        else:
            b.add("tables", f"{col} SET DEFAULT {n.default}", f"default of {name}", exclusive())
    elif "default" in changed and n.default is None and o.default is not None and n.identity is not None:
        b.add("tables", f"{col} DROP DEFAULT", f"drop the default of {name}", exclusive())
    if {"identity", "identity_options"} & changed:
        _identity(b, col, o, n)
    if "not_null" in changed:
        if n.not_null:
            _set_not_null(b, at, col, o, n)
        else:
            b.add("tables", f"{col} DROP NOT NULL", f"{name} may be null", exclusive())
    elif "not_null_name" in changed and o.not_null_name and n.not_null_name:
        b.add("tables", f"{at} RENAME CONSTRAINT {ident(o.not_null_name)} TO {ident(n.not_null_name)}",
              f"rename the NOT NULL constraint of {name}", exclusive())
    for f, word in (("storage", "STORAGE"), ("compression", "COMPRESSION"), ("statistics", "STATISTICS")):
        if f in changed:
            value = getattr(n, f)
            if value is None and f == "storage" and b.new.server_version >= 160000:
                value = "DEFAULT"  # PostgreSQL 16 learnt to say "the type's own storage"
            elif value is None and f == "storage":
                b.problem(f"column {name}: back to its type's default storage; say it explicitly in schema/ "
                          "(SET STORAGE EXTENDED/MAIN/…)")
                continue
            default = {"compression": "default", "statistics": "-1"}.get(f)
            b.add("tables", f"{col} SET {word} {default if value is None else value}", f"{f} of {name}")


def _identity(b: Builder, col: str, o: Column, n: Column) -> None:
    name = n.qualname
    if n.identity is None:
        b.add("tables", f"{col} DROP IDENTITY", f"{name} is no longer an identity column", exclusive())
        return
    if o.identity is None:
        b.add("tables", f"{col} ADD GENERATED {n.identity} AS IDENTITY ({ddl.identity_options(n)})",
              f"{name} becomes an identity column", exclusive())
        return
    if o.identity != n.identity:
        b.add("tables", f"{col} SET GENERATED {n.identity}", f"identity of {name}", exclusive())
    if o.identity_options != n.identity_options:
        tokens = (n.identity_options or "").split()
        old_type = (o.identity_options or "").split()[:2]
        if tokens[:2] != old_type:
            b.problem(f"column {name}: the type of its identity sequence changes; not generated yet")
            return
        sets = []
        words = {"START": "START WITH", "INCREMENT": "INCREMENT BY", "MINVALUE": "MINVALUE", "MAXVALUE": "MAXVALUE",
                 "CACHE": "CACHE"}
        for i, tok in enumerate(tokens):
            if tok in words:
                sets.append(f"SET {words[tok]} {tokens[i + 1]}")
        sets.append("SET CYCLE" if tokens[-1] == "CYCLE" and tokens[-2] != "NO" else "SET NO CYCLE")
        b.add("tables", f"{col} {' '.join(sets)}", f"identity sequence of {name}", exclusive())


def _set_not_null(b: Builder, at: str, col: str, o: Column, n: Column) -> None:
    name = n.qualname
    named = n.not_null_name and b.new.server_version >= 180000
    if b.online:
        check = ident(f"{n.table}_{n.name}_not_null_check"[:63])
        b.add("tables", f"{at} ADD CONSTRAINT {check} CHECK ({ident(n.name)} IS NOT NULL) NOT VALID",
              f"prove {name} has no nulls, without blocking writes (1/4)", exclusive())
        b.add("tables", f"{at} VALIDATE CONSTRAINT {check}", f"prove {name} has no nulls (2/4)",
              (Hazard.VALIDATES_DATA,))
    if named and n.not_null_name:
        b.add("tables", f"{at} ADD CONSTRAINT {ident(n.not_null_name)} NOT NULL {ident(n.name)}",
              f"{name} is NOT NULL", (Hazard.VALIDATES_DATA, *exclusive()))
    else:
        b.add("tables", f"{col} SET NOT NULL", f"{name} is NOT NULL", (Hazard.VALIDATES_DATA, *exclusive()))
    if b.online:
        b.add("tables", f"{at} DROP CONSTRAINT {check}", f"the proof of {name} is no longer needed (4/4)",
              exclusive())
