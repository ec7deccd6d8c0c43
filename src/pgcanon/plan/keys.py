"""The plan for the constraints and indexes of tables (and of materialized views).

On a table that already exists (it may hold rows) they take the online forms unless the plan is built
with ``online=False``: indexes built ``CONCURRENTLY``, checks and foreign keys added ``NOT VALID`` then
validated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pgcanon.diff.changes import Hazard
from pgcanon.diff.core import diff_keyed
from pgcanon.plan import ddl
from pgcanon.plan.builder import Builder, exclusive
from pgcanon.plan.quote import ident

if TYPE_CHECKING:
    from pgcanon.catalog.model import Index


def plan_constraints(b: Builder, existing: set[tuple[str, ...]]) -> set[str]:
    """Constraints by (table, name): added after their table, dropped before, rebuilt when they change;
    returns the qualified names of those rebuilt."""
    dropped = {t.key for t in b.old.tables} - {t.key for t in b.new.tables}
    added, removed, common = diff_keyed(b.old.constraints, b.new.constraints)
    changed = [(o, n) for o, n in common if (o.constraint_type, o.definition, o.index_options)
               != (n.constraint_type, n.definition, n.index_options)]
    for c in removed + [o for o, _ in changed]:
        if (c.schema, c.table) in dropped:
            continue
        # foreign keys go first: they depend on the unique keys dropped after them
        phase = "drop_foreign_keys" if c.constraint_type == "foreign key" else "drop_dependents"
        b.add(phase, ddl.drop_constraint(c), f"drop {c.constraint_type} {c.qualname}", exclusive())
    # Before PostgreSQL 18 a foreign key on a partitioned table cannot be added NOT VALID: it is added valid.
    partitioned = {t.key for t in b.new.tables if t.table_kind == "partitioned table"}
    for c in added + [n for _, n in changed]:
        on_existing = (c.schema, c.table) in existing and b.online
        phase = "foreign_keys" if c.constraint_type == "foreign key" else "keys"
        validate_later = c.constraint_type == "check" or (
            c.constraint_type == "foreign key"
            and ((c.schema, c.table) not in partitioned or b.new.server_version >= 180000))
        if on_existing and validate_later and "NOT VALID" not in c.definition:
            b.add(phase, ddl.add_constraint(c, not_valid=True), f"add {c.constraint_type} {c.qualname} (not valid)",
                  exclusive())
            b.add(phase, f"ALTER TABLE {ddl.table_of(c)} VALIDATE CONSTRAINT {ident(c.name)}",
                  f"validate {c.constraint_type} {c.qualname}", (Hazard.VALIDATES_DATA,))
        else:
            hazards: tuple[Hazard, ...] = ()
            if (c.schema, c.table) in existing:
                hazards = (Hazard.VALIDATES_DATA, *exclusive())
                if c.constraint_type in ("primary key", "unique", "exclusion"):
                    hazards = (Hazard.BLOCKS_WRITES, *hazards)
            b.add(phase, ddl.add_constraint(c), f"add {c.constraint_type} {c.qualname}", hazards)
    return {n.qualname for _, n in changed}


def plan_indexes(b: Builder, existing: set[tuple[str, ...]], views: set[tuple[str, ...]],
                 rebuilt_views: set[tuple[str, ...]]) -> set[str]:
    """Indexes of tables (and of materialized views, created after their view); returns those rebuilt."""
    dropped = {t.key for t in b.old.tables} - {t.key for t in b.new.tables}
    dropped |= {v.key for v in b.old.views}  # a view's indexes go with it when it is dropped or rebuilt
    added, removed, common = diff_keyed(b.old.indexes, b.new.indexes)
    changed = [(o, n) for o, n in common if o.definition != n.definition]
    for i in removed + [o for o, _ in changed]:
        owner = (i.schema, i.table)
        if owner in dropped and (owner not in views or owner in rebuilt_views or owner not in
                                 {v.key for v in b.new.views}):
            continue
        concurrent = b.online and owner in existing and " ON ONLY " not in i.definition
        text = f"DROP INDEX {'CONCURRENTLY ' if concurrent else ''}{ddl.name_of(i)}"
        b.add("drop_dependents", text, f"drop index {i.qualname}", () if concurrent else exclusive(),
              transactional=not concurrent)
    rebuild = [i for i in b.new.indexes if (i.schema, i.table) in rebuilt_views]
    for i in _unique(added + [n for _, n in changed] + rebuild):
        _create_index(b, i, existing, views)
    for o, n in common:
        if o.statistics != n.statistics and o.definition == n.definition:
            for text in ddl.index_extras(n, before=o):
                b.add("indexes", text, f"statistics of index {n.qualname}")
    return {i.qualname for i in rebuild} | {n.qualname for _, n in changed}


def _unique(items: list[Index]) -> list[Index]:
    return list({i.key: i for i in items}.values())


def _create_index(b: Builder, i: Index, existing: set[tuple[str, ...]], views: set[tuple[str, ...]]) -> None:
    owner = (i.schema, i.table)
    concurrent = b.online and owner in existing and " ON ONLY " not in i.definition
    phase = "views" if owner in views else "indexes"
    hazards = (Hazard.FAILS_IN_TRANSACTION,) if concurrent else ((Hazard.BLOCKS_WRITES,) if owner in existing else ())
    b.add(phase, ddl.create_index(i, concurrently=concurrent), f"create index {i.qualname}", hazards,
          transactional=not concurrent)
    for text in ddl.index_extras(i):
        b.add(phase, text, f"statistics of index {i.qualname}")
