"""The plan for SQL/MED: foreign data wrappers, foreign servers, user mappings and foreign tables, their
DDL included.

Created in dependency order: wrappers, servers and user mappings after the functions (a wrapper names
its handler and validator), foreign tables with the tables (after the types their columns use). A
foreign table keeps no rows: those the new schema lacks are dropped before the tables are created, and
what ``ALTER FOREIGN TABLE`` cannot do (another server, columns in another order, another generation
expression) is done by dropping the table and creating it again, the views over it rebuilt around it.
User mappings, servers and wrappers are dropped in this order before the rest of the drops (the
functions and extensions they use). A server whose wrapper or type changes is created again only when
nothing uses it: a PlanError otherwise. A foreign table that is a partition is attached (``ATTACH
PARTITION``) after the tables; one that inherits from tables (``INHERITS``) is not generated (a
PlanError).

Options are ordered lists: ``OPTIONS (DROP …, SET …, ADD …)`` keeps those that stay where they are,
and drops and adds again what would otherwise end up in another order. A secret option (a password)
is known only by its digest (:mod:`pgcanon.catalog.foreign`): a plan that would have to write its value
is refused with a PlanError saying which one to set by hand; the value is never printed.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from pgcanon.catalog.foreign import SECRET_OPTION
from pgcanon.diff.core import diff_keyed
from pgcanon.plan.quote import ident, literal, role

if TYPE_CHECKING:
    from pgcanon.catalog.foreign import ForeignColumn, ForeignDataWrapper, ForeignServer, ForeignTable, UserMapping
    from pgcanon.plan.builder import Builder


def _items(options: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(key, value) for key, _, value in (o.partition("=") for o in options)]


def _secret(key: str, value: str) -> bool:
    return SECRET_OPTION.match(f"{key}={value}") is not None


class _Options:
    """The ``OPTIONS (…)`` clauses of one object, and the secrets they would have to write."""

    def __init__(self) -> None:
        self.secrets: list[str] = []

    def _value(self, key: str, value: str) -> str:
        if _secret(key, value):
            self.secrets.append(key)
        return f"{ident(key)} {literal(value)}"

    def create(self, options: tuple[str, ...]) -> str:
        """`` OPTIONS (k 'v', …)`` for CREATE, empty for no options."""
        if not options:
            return ""
        return f" OPTIONS ({', '.join(self._value(k, v) for k, v in _items(options))})"

    def alter(self, old: tuple[str, ...], new: tuple[str, ...]) -> str | None:
        """``OPTIONS (DROP …, SET …, ADD …)`` turning *old* into *new* (both in order); None when equal."""
        if old == new:
            return None
        before, after = dict(_items(old)), dict(_items(new))
        kept = [k for k in before if k in after]
        order = list(after)
        same = 0  # the options that stay, in the same place: ADD appends, so what follows goes and comes back
        while same < min(len(kept), len(order)) and kept[same] == order[same]:
            same += 1
        stay = set(order[:same])
        ops = [f"DROP {ident(k)}" for k in before if k not in stay]
        ops += [f"SET {self._value(k, after[k])}" for k in order[:same] if before[k] != after[k]]
        ops += [f"ADD {self._value(k, after[k])}" for k in order[same:]]
        return f"OPTIONS ({', '.join(ops)})"


def _refuse_secrets(b: Builder, what: str, options: _Options, fix: str) -> bool:
    """A PlanError when *options* had to write a secret; True when it did."""
    if not options.secrets:
        return False
    b.problem(f"{what}: option {', '.join(options.secrets)} is a secret, which pgcanon never reads (it compares "
              f"a digest): write {fix} with the secret in a hand-written revision")
    return True


# -- foreign data wrappers -------------------------------------------------------------------------

def create_wrapper(w: ForeignDataWrapper) -> str:
    text = f"CREATE FOREIGN DATA WRAPPER {ident(w.name)}"
    if w.handler is not None:
        text += f" HANDLER {w.handler}"
    if w.validator is not None:
        text += f" VALIDATOR {w.validator}"
    return text + _Options().create(w.options)


def _plan_wrappers(b: Builder) -> None:
    added, _, common = diff_keyed(b.old.foreign_data_wrappers, b.new.foreign_data_wrappers)
    for w in added:
        b.add("functions", create_wrapper(w), f"create foreign data wrapper {w.name}")
    for o, n in common:
        at = f"ALTER FOREIGN DATA WRAPPER {ident(n.name)}"
        if o.handler != n.handler:
            b.add("functions", f"{at} {f'HANDLER {n.handler}' if n.handler else 'NO HANDLER'}",
                  f"handler of foreign data wrapper {n.name}")
        if o.validator != n.validator:
            b.add("functions", f"{at} {f'VALIDATOR {n.validator}' if n.validator else 'NO VALIDATOR'}",
                  f"validator of foreign data wrapper {n.name}")
        clause = _Options().alter(o.options, n.options)
        if clause is not None:
            b.add("functions", f"{at} {clause}", f"options of foreign data wrapper {n.name}")


# -- servers ---------------------------------------------------------------------------------------

def create_server(s: ForeignServer, options: _Options) -> str:
    text = f"CREATE SERVER {ident(s.name)}"
    if s.server_type is not None:
        text += f" TYPE {literal(s.server_type)}"
    if s.version is not None:
        text += f" VERSION {literal(s.version)}"
    return f"{text} FOREIGN DATA WRAPPER {ident(s.wrapper)}{options.create(s.options)}"


def _server_users(b: Builder, s: ForeignServer) -> list[str]:
    """What in the old schema uses server *s*: user mappings and foreign tables."""
    users = [f"user mapping {m.qualname}" for m in b.old.user_mappings if m.server == s.name]
    return users + [f"foreign table {t.qualname}" for t in b.old.foreign_tables if t.server == s.name]


def _plan_servers(b: Builder) -> set[str]:
    """Servers; returns the names of those dropped and created again (comments, privileges set anew)."""
    added, _, common = diff_keyed(b.old.foreign_servers, b.new.foreign_servers)
    rebuilt = set()
    for o, n in common:
        if (o.wrapper, o.server_type) != (n.wrapper, n.server_type):
            users = _server_users(b, o)
            if users:
                b.problem(f"foreign server {n.name}: its wrapper or type changes, which ALTER SERVER cannot "
                          f"do, and {', '.join(users[:3])}{' …' if len(users) > 3 else ''} use it: create a server "
                          "under a new name and move them to it in a hand-written revision")
                continue
            b.add("functions", f"DROP SERVER {ident(o.name)}", f"drop foreign server {o.name} (created again below)")
            added.append(n)
            rebuilt.add(n.name)
            continue
        at = f"ALTER SERVER {ident(n.name)}"
        if o.version != n.version:
            b.add("functions", f"{at} VERSION {literal(n.version) if n.version is not None else 'NULL'}",
                  f"version of foreign server {n.name}")
        options = _Options()
        clause = options.alter(o.options, n.options)
        if clause is not None and not _refuse_secrets(b, f"foreign server {n.name}", options,
                                                      f"ALTER SERVER {ident(n.name)} OPTIONS (…)"):
            b.add("functions", f"{at} {clause}", f"options of foreign server {n.name}")
    for s in added:
        options = _Options()
        text = create_server(s, options)
        if not _refuse_secrets(b, f"foreign server {s.name}", options, f"CREATE SERVER {ident(s.name)} … OPTIONS (…)"):
            b.add("functions", text, f"create foreign server {s.name}")
    return rebuilt


# -- user mappings ---------------------------------------------------------------------------------

def _mapping(m: UserMapping) -> str:
    return f"USER MAPPING FOR {role(m.user)} SERVER {ident(m.server)}"


def _plan_user_mappings(b: Builder) -> None:
    added, _, common = diff_keyed(b.old.user_mappings, b.new.user_mappings)
    for o, n in common:
        if o.options == n.options:
            continue  # None on both sides: hidden from the reader on both, and compared equal
        if o.options is None or n.options is None:
            b.problem(f"user mapping {n.qualname}: its options are hidden from the role reading the catalog "
                      "(pg_user_mappings shows them to the mapped user, the server's owner and superusers)")
            continue
        options = _Options()
        clause = options.alter(o.options, n.options)
        if clause is not None and not _refuse_secrets(b, f"user mapping {n.qualname}", options,
                                                      f"ALTER {_mapping(n)} OPTIONS (…)"):
            b.add("functions", f"ALTER {_mapping(n)} {clause}", f"options of user mapping {n.qualname}")
    for m in added:
        if m.options is None:
            b.problem(f"user mapping {m.qualname}: its options are hidden from the role reading the catalog")
            continue
        options = _Options()
        text = f"CREATE {_mapping(m)}{options.create(m.options)}"
        if not _refuse_secrets(b, f"user mapping {m.qualname}", options, f"CREATE {_mapping(m)} OPTIONS (…)"):
            b.add("functions", text, f"create user mapping {m.qualname}")


def plan_wrappers_and_servers(b: Builder) -> set[str]:
    """Wrappers, servers and user mappings (dropped by :func:`drop_foreign`), after the functions they
    name; returns the names of the servers created again."""
    _plan_wrappers(b)
    rebuilt = _plan_servers(b)
    _plan_user_mappings(b)
    return rebuilt


# -- foreign tables --------------------------------------------------------------------------------

def column_definition(c: ForeignColumn, options: _Options) -> str:
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
    options = _Options()
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
        clause = _Options().alter(o.options, n.options)
        if clause is not None:
            b.add("tables", f"{col} {clause}", f"options of column {n.qualname}")
        if o.statistics != n.statistics:
            _statistics(b, n)
    for c in added:
        if c.name not in from_parent:
            b.add("tables", f"{at} ADD COLUMN {column_definition(c, _Options())}", f"add column {c.qualname}")
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
    """Foreign tables (dropped by :func:`drop_foreign`), with the tables. Returns the qualified names of
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
            clause = _Options().alter(o.options, n.options)
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


def drop_foreign(b: Builder) -> None:
    """DROP the user mappings, servers and wrappers the new schema lacks, in this order and before the other
    drops (the functions and extensions they use); :func:`plan_foreign_tables` drops the foreign tables."""
    first = len(b.phases["drops"])
    for m in diff_keyed(b.old.user_mappings, b.new.user_mappings)[1]:
        b.add("drops", f"DROP {_mapping(m)}", f"drop user mapping {m.qualname}")
    for s in diff_keyed(b.old.foreign_servers, b.new.foreign_servers)[1]:
        b.add("drops", f"DROP SERVER {ident(s.name)}", f"drop foreign server {s.name}")
    for w in diff_keyed(b.old.foreign_data_wrappers, b.new.foreign_data_wrappers)[1]:
        b.add("drops", f"DROP FOREIGN DATA WRAPPER {ident(w.name)}", f"drop foreign data wrapper {w.name}")
    drops = b.phases["drops"][first:]
    b.phases["drops"][:] = drops + b.phases["drops"][:first]
