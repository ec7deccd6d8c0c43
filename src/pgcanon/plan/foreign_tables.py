"""The plan for foreign tables and their columns, their DDL included.

Foreign tables are created with the tables (after the types their columns use). A foreign table keeps
no rows: those the new schema lacks are dropped before the tables are created (a created one may take
a removed one's name), and what ``ALTER FOREIGN TABLE`` cannot do (another server, columns in another
order, another generation expression) is done by dropping the table and creating it again, the views
over it rebuilt around it; one with constraints or triggers is refused instead (they would go with
it). A partition is attached (``ATTACH PARTITION``) after the tables; a foreign table that inherits
from tables (``INHERITS``) is not generated (a PlanError).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from pgcanon.diff.core import diff_keyed
from pgcanon.plan.foreign import Options
from pgcanon.plan.quote import ident

if TYPE_CHECKING:
    from pgcanon.catalog.foreign import ForeignColumn, ForeignTable
    from pgcanon.plan.builder import Builder


def column_definition(c: ForeignColumn, options: Options) -> str:
    text = f"{ident(c.name)} {c.type}{options.create(c.options)}"
    if c.collation is not None:
        text += f" COLLATE {c.collation}"
    if c.not_null:
        text += f" CONSTRAINT {ident(c.not_null_name)} NOT NULL" if c.not_null_name else " NOT NULL"
    if c.generated is not None:
        text += f" GENERATED ALWAYS AS ({c.default}) {c.generated}"
    elif c.default is not None:
        text += f" DEFAULT {c.default}"
    return text


def create_foreign_table(t: ForeignTable, columns: list[ForeignColumn]) -> str:
    options = Options()
    body = ",\n    ".join(column_definition(c, options) for c in columns)
    return (f"CREATE FOREIGN TABLE {ident(t.schema, t.name)} (\n    {body}\n) SERVER {ident(t.server)}"
            f"{options.create(t.options)}")


def _columns(snap_columns: tuple[ForeignColumn, ...]) -> dict[tuple[str, ...], list[ForeignColumn]]:
    out: dict[tuple[str, ...], list[ForeignColumn]] = {}
    for c in snap_columns:
        out.setdefault((c.schema, c.table), []).append(c)
    return out


def _alterable(o: ForeignTable, n: ForeignTable, old: list[ForeignColumn], new: list[ForeignColumn]) -> bool:
    """Whether ALTER FOREIGN TABLE can turn *o* into *n*: the same server, the columns that stay in their
    order and the new ones after them (ADD COLUMN appends), no generation expression changed."""
    names = {c.name for c in new}
    before = {c.name: c for c in old}
    kept = [c.name for c in old if c.name in names]
    added = [c.name for c in new if c.name not in before]
    return (o.server == n.server and [c.name for c in new] == kept + added
            and all((before[c.name].generated, before[c.name].default) == (c.generated, c.default)
                    for c in new if c.name in before and (c.generated or before[c.name].generated)))


def _parent(b: Builder, name: str) -> str:
    """The table ``schema.name`` (a partitioned table, a parent) as DDL spells it."""
    table = next((t for t in (*b.new.tables, *b.old.tables) if t.qualname == name), None)
    return ident(table.schema, table.name) if table is not None else name


def _from_parent(b: Builder, o: ForeignTable, n: ForeignTable) -> set[str]:
    """The columns of a partition that its partitioned table has on either side, when it stays attached
    (same table, same bound): ALTER TABLE on the partitioned table adds, drops, retypes them and sets NOT
    NULL in its partitions. One detached and attached again is altered itself in between."""
    if o.partition_of is None or (o.partition_of, o.partition_bound) != (n.partition_of, n.partition_bound):
        return set()
    schema, _, table = o.partition_of.partition(".")
    return {c.name for snap in (b.old, b.new) for c in snap.columns if (c.schema, c.table) == (schema, table)}


def _partition(b: Builder, o: ForeignTable | None, n: ForeignTable) -> None:
    """ATTACH or DETACH PARTITION for a foreign table created (*o* None) or altered; a change of its
    parents (INHERITS) is refused."""
    if (o.inherits if o else ()) != n.inherits:
        b.problem(f"foreign table {n.qualname}: its parents (INHERITS) change ({', '.join(o.inherits) if o else ''} "
                  f"→ {', '.join(n.inherits)}); not generated: ALTER TABLE … INHERIT / NO INHERIT it in a "
                  "hand-written revision")
    if o is not None and (o.partition_of, o.partition_bound) == (n.partition_of, n.partition_bound):
        return
    if o is not None and o.partition_of is not None:
        b.add("drop_dependents", f"ALTER TABLE {_parent(b, o.partition_of)} DETACH PARTITION "
                                 f"{ident(o.schema, o.name)}", f"detach partition {o.qualname}")
    if n.partition_of is not None:
        b.add("attach", f"ALTER TABLE {_parent(b, n.partition_of)} ATTACH PARTITION {ident(n.schema, n.name)} "
                        f"{n.partition_bound}", f"attach partition {n.qualname}")


def _alter_columns(b: Builder, t: ForeignTable, old: list[ForeignColumn], new: list[ForeignColumn],
                   from_parent: set[str]) -> None:
    at = f"ALTER FOREIGN TABLE {ident(t.schema, t.name)}"
    added, removed, common = diff_keyed(old, new)
    for c in removed:
        if c.name not in from_parent:
            b.add("tables", f"{at} DROP COLUMN {ident(c.name)}", f"drop column {c.qualname}")
    for o, n in common:
        col = f"{at} ALTER COLUMN {ident(n.name)}"
        if n.name in from_parent:
            o = replace(o, type=n.type, collation=n.collation, not_null=n.not_null, not_null_name=n.not_null_name)
        if (o.type, o.collation) != (n.type, n.collation):
            collate = f" COLLATE {n.collation}" if n.collation is not None else ""
            b.add("tables", f"{col} TYPE {n.type}{collate}", f"type of column {n.qualname}")
        if o.not_null != n.not_null and n.not_null and n.not_null_name:  # PostgreSQL 18: named
            b.add("tables", f"{at} ADD CONSTRAINT {ident(n.not_null_name)} NOT NULL {ident(n.name)}",
                  f"NOT NULL of column {n.qualname}")
        elif o.not_null != n.not_null:
            b.add("tables", f"{col} {'SET' if n.not_null else 'DROP'} NOT NULL", f"NOT NULL of column {n.qualname}")
        elif o.not_null_name and n.not_null_name and o.not_null_name != n.not_null_name:
            # ALTER FOREIGN TABLE has no RENAME CONSTRAINT; ALTER TABLE's works on a foreign table
            b.add("tables", f"ALTER TABLE {ident(t.schema, t.name)} RENAME CONSTRAINT {ident(o.not_null_name)} TO "
                  f"{ident(n.not_null_name)}", f"rename the NOT NULL constraint of column {n.qualname}")
        if o.default != n.default and n.generated is None:
            b.add("tables", f"{col} SET DEFAULT {n.default}" if n.default is not None else f"{col} DROP DEFAULT",
                  f"default of column {n.qualname}")
        clause = Options().alter(o.options, n.options)
        if clause is not None:
            b.add("tables", f"{col} {clause}", f"options of column {n.qualname}")
        if o.statistics != n.statistics:
            _statistics(b, n)
    for c in added:
        if c.name not in from_parent:
            b.add("tables", f"{at} ADD COLUMN {column_definition(c, Options())}", f"add column {c.qualname}")
        if c.statistics is not None:
            _statistics(b, c)


def _statistics(b: Builder, c: ForeignColumn) -> None:
    # -1 is the default on every version (17 and later also take DEFAULT, and store NULL for either)
    b.add("tables", f"ALTER FOREIGN TABLE {ident(c.schema, c.table)} ALTER COLUMN {ident(c.name)} SET STATISTICS "
                    f"{-1 if c.statistics is None else c.statistics}", f"statistics target of column {c.qualname}")


def _parts(b: Builder, t: ForeignTable) -> list[str]:
    """The constraints and triggers of foreign table *t*, on either side (they would go with it)."""
    parts = [f"constraint {c.name}" for snap in (b.old, b.new) for c in snap.constraints
             if (c.schema, c.table) == t.key]
    return parts + [f"trigger {r.name}" for snap in (b.old, b.new) for r in snap.triggers
                    if (r.schema, r.table) == t.key]


def plan_foreign_tables(b: Builder) -> tuple[set[str], set[str]]:
    """Foreign tables, created, altered and dropped with the tables. Returns the qualified names of
    the tables and columns created again (their comments and privileges are set anew), and the
    ``depends_on`` entries of views that this plan changes under them (the views are rebuilt)."""
    old_cols, new_cols = _columns(b.old.foreign_columns), _columns(b.new.foreign_columns)
    added, removed, common = diff_keyed(b.old.foreign_tables, b.new.foreign_tables)
    if removed:
        # before the tables are created: a created one may take a removed one's name, or the name of its
        # NOT NULL constraints (a renamed table keeps them). What used them (views) is dropped already.
        b.add("tables", "DROP FOREIGN TABLE " + ", ".join(ident(t.schema, t.name) for t in removed),
              "drop foreign table " + ", ".join(t.qualname for t in removed))
    rebuilt: set[str] = set()
    touched: set[str] = set()
    for o, n in common:
        old, new = old_cols.get(o.key, []), new_cols.get(n.key, [])
        if _alterable(o, n, old, new):
            clause = Options().alter(o.options, n.options)
            if clause is not None:
                b.add("tables", f"ALTER FOREIGN TABLE {ident(n.schema, n.name)} {clause}",
                      f"options of foreign table {n.qualname}")
            _alter_columns(b, n, old, new, _from_parent(b, o, n))
            _partition(b, o, n)
            by_name = {c.name: c for c in new}
            touched |= {f"column:{c.qualname}" for c in old
                        if c.name not in by_name or (c.type, c.collation) != (by_name[c.name].type,
                                                                              by_name[c.name].collation)}
            continue
        parts = _parts(b, o)
        if parts:
            b.problem(f"foreign table {n.qualname}: its server, column order or a generation expression changes, "
                      f"which ALTER FOREIGN TABLE cannot do, and {', '.join(parts[:3])}{' …' if len(parts) > 3 else ''}"
                      " would go with it: drop and create it again, with them, in a hand-written revision")
            continue
        b.add("tables", f"DROP FOREIGN TABLE {ident(o.schema, o.name)}",
              f"drop foreign table {o.qualname} (created again below)")
        added.append(n)
        rebuilt |= {n.qualname, *(c.qualname for c in new)}
        touched |= {f"relation:{o.qualname}", *(f"column:{c.qualname}" for c in old)}
    for t in added:
        b.add("tables", create_foreign_table(t, new_cols.get(t.key, [])), f"create foreign table {t.qualname}")
        for c in new_cols.get(t.key, []):
            if c.statistics is not None:
                _statistics(b, c)
        _partition(b, None, t)
    return rebuilt, touched
