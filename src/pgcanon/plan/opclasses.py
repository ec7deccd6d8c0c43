"""The plan for operator families and classes, their DDL included.

A family's loose members are added and dropped by ``ALTER OPERATOR FAMILY … ADD`` / ``DROP``. ALTER
OPERATOR CLASS can only rename a class, move it or change its owner: a class whose type, DEFAULT,
family, STORAGE or members change is dropped and created again, and refused (a PlanError naming them)
when indexes or exclusion constraints use it. So is a class, or a loose member, over an operator or
function the plan drops and creates again: DROP OPERATOR and DROP FUNCTION refuse while it exists.

Families and classes are dropped first (drop_dependents, before the operators and functions they
name) and created last in the functions phase (after the operators, before the indexes). A family is
always created by name before its classes, each class naming it (``FAMILY``): the catalog is the one
a class made without ``FAMILY`` leaves, where PostgreSQL makes a family of the class's name.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pgcanon.diff.core import diff_keyed
from pgcanon.plan.operators import operator_name, rebuilt_operators, refuse_over_retyped, retyped
from pgcanon.plan.quote import ident

if TYPE_CHECKING:
    from pgcanon.catalog.model import OperatorClass, OperatorFamily, Snapshot
    from pgcanon.plan.builder import Builder

_OPERATOR = re.compile(r"^OPERATOR (\d+) [^(]*\(([^)]*)\)")
_FUNCTION = re.compile(r"^FUNCTION (\d+) \(([^)]*)\)")


def _target(obj: OperatorFamily | OperatorClass) -> str:
    return f"{ident(obj.schema, obj.name)} USING {ident(obj.method)}"


def create_family(f: OperatorFamily) -> str:
    return f"CREATE OPERATOR FAMILY {_target(f)}"


def create_class(c: OperatorClass) -> str:
    """CREATE OPERATOR CLASS naming its family; a class whose members are all its family's loose ones
    still needs an item: ``STORAGE`` of its own type, which PostgreSQL records as none."""
    items = [*c.operators, *c.functions, f"STORAGE {c.storage or c.data_type}"]
    if c.storage is None and (c.operators or c.functions):
        items.pop()
    default = " DEFAULT" if c.default_class else ""
    return (f"CREATE OPERATOR CLASS {ident(c.schema, c.name)}{default} FOR TYPE {c.data_type} "
            f"USING {ident(c.method)} FAMILY {c.family} AS {', '.join(items)}")


def drop_member(member: str) -> str:
    """A member as ``ALTER OPERATOR FAMILY … DROP`` names it: its number and its types."""
    m = _OPERATOR.match(member) or _FUNCTION.match(member)
    assert m is not None, member  # the catalog query writes members in these two forms only
    number, types = m.groups()
    return f"{member.split(' ', 1)[0]} {number} ({', '.join(t.strip() for t in types.split(','))})"


def _over_rebuilt(member: str, operators: set[str], functions: set[str]) -> bool:
    """Whether *member* names an operator (``schema.op(types)``) or a function the plan rebuilds."""
    return any(f" {o}" in member for o in operators) or any(f" {f}(" in member for f in functions)


def _rebuilt_names(b: Builder, functions: set[str]) -> tuple[set[str], set[str]]:
    """The operators (as ``regoperator`` prints them) and routines (``schema.name``) the plan rebuilds."""
    rebuilt = rebuilt_operators(b, functions)
    ops = {f"{operator_name(o)}({o.left_type},{o.right_type})" for o in b.old.operators if o.key in rebuilt}
    routines = {ident(f.schema, f.name) for f in b.old.functions if f.qualname in functions}
    return ops, routines


def class_users(snap: Snapshot, c: OperatorClass) -> list[str]:
    """The indexes and exclusion constraints of *snap* that use class *c*: those naming it
    (``pg_get_indexdef`` names a class that is not the default), and for a default class those of its
    access method on a table with a column of its type (a refusal too many, never a plan that fails)."""
    mark = f" {ident(c.schema, c.name)}"
    typed = {(col.schema, col.table) for col in snap.columns if col.type == c.data_type} if c.default_class else set()
    using = f"USING {c.method} ("

    def uses(definition: str, table: tuple[str, str]) -> bool:
        return mark in definition or (table in typed and using in definition)

    users = [f"index {i.qualname}" for i in snap.indexes if uses(i.definition, (i.schema, i.table))]
    users += [f"constraint {k.qualname}" for k in snap.constraints if uses(k.definition, (k.schema, k.table))]
    return users


def _rebuilt_classes(b: Builder, functions: set[str]) -> list[tuple[OperatorClass, OperatorClass]]:
    ops, routines = _rebuilt_names(b, functions)
    _, _, common = diff_keyed(b.old.operator_classes, b.new.operator_classes)
    defining = ("data_type", "default_class", "family", "storage", "operators", "functions")
    return [(o, n) for o, n in common
            if any(getattr(o, f) != getattr(n, f) for f in defining)
            or any(_over_rebuilt(m, ops, routines) for m in (*o.operators, *o.functions))]


def _drop_users_on_dropped_tables(b: Builder, classes: list[OperatorClass]) -> None:
    """Drop first the indexes and exclusion constraints of dropped tables that use one of *classes*: DROP
    TABLE would take them, but it comes after the class is gone (and after the functions it names)."""
    gone = {t.key for t in b.old.tables} - {t.key for t in b.new.tables}
    users = {u for c in classes for u in class_users(b.old, c)}
    for i in b.old.indexes:
        if (i.schema, i.table) in gone and f"index {i.qualname}" in users:
            b.add("drop_dependents", f"DROP INDEX {ident(i.schema, i.name)}", f"drop index {i.qualname} (its table "
                  "goes too) before the operator class it uses")
    for k in b.old.constraints:
        if (k.schema, k.table) in gone and f"constraint {k.qualname}" in users:
            b.add("drop_dependents", f"ALTER TABLE {ident(k.schema, k.table)} DROP CONSTRAINT {ident(k.name)}",
                  f"drop constraint {k.qualname} (its table goes too) before the operator class it uses")


def drop_operator_classes(b: Builder, functions: set[str]) -> None:
    """Drop the classes that go or are rebuilt, the families that go, and the loose members that go (or
    name a rebuilt operator or function), before the operators and functions they name are dropped.

    :param functions: the routines the plan drops and creates again.
    """
    ops, routines = _rebuilt_names(b, functions)
    _, removed, _ = diff_keyed(b.old.operator_classes, b.new.operator_classes)
    types = retyped(b) if b.old.operator_classes else set()
    for c in b.old.operator_classes:
        refuse_over_retyped(b, f"operator class {c.qualname}", (c.data_type,), types)
    for o, n in _rebuilt_classes(b, functions):
        users = [u for u in class_users(b.old, o) if u in class_users(b.new, n)]
        if users:
            b.problem(f"operator class {n.qualname}: it changes in a way ALTER OPERATOR CLASS cannot make, and "
                      f"{', '.join(users[:3])}{' …' if len(users) > 3 else ''} use it: create a class under a new "
                      "name and rebuild its users on it in a hand-written revision")
    going = removed + [o for o, _ in _rebuilt_classes(b, functions)]
    _drop_users_on_dropped_tables(b, going)
    for c in going:
        b.add("drop_dependents", f"DROP OPERATOR CLASS {_target(c)}", f"drop operator class {c.qualname}")
    _, removed_families, common = diff_keyed(b.old.operator_families, b.new.operator_families)
    for f in removed_families:
        b.add("drop_dependents", f"DROP OPERATOR FAMILY {_target(f)}", f"drop operator family {f.qualname}")
    for before, after in common:
        members = (*before.operators, *before.functions)
        gone = [m for m in members if m not in (*after.operators, *after.functions) or _over_rebuilt(m, ops, routines)]
        if gone:
            b.add("drop_dependents", f"ALTER OPERATOR FAMILY {_target(after)} DROP {', '.join(map(drop_member, gone))}",
                  f"drop members of operator family {after.qualname}")


def create_operator_classes(b: Builder, functions: set[str]) -> set[str]:
    """Create the families and classes that come or are rebuilt, and add the loose members that come
    (or were dropped around a rebuilt operator or function); returns the classes rebuilt.

    :param functions: the routines the plan drops and creates again.
    """
    ops, routines = _rebuilt_names(b, functions)
    added_families, _, common = diff_keyed(b.old.operator_families, b.new.operator_families)
    for f in added_families:
        b.add("functions", create_family(f), f"create operator family {f.qualname}")
    added, _, _ = diff_keyed(b.old.operator_classes, b.new.operator_classes)
    rebuilt = [n for _, n in _rebuilt_classes(b, functions)]
    for c in added + rebuilt:
        b.add("functions", create_class(c), f"create operator class {c.qualname}")
    old = {o.key: o for o, _ in common}
    for n in b.new.operator_families:
        before = old.get(n.key)
        kept = set() if before is None else {m for m in (*before.operators, *before.functions)
                                             if not _over_rebuilt(m, ops, routines)}
        new = [m for m in (*n.operators, *n.functions) if m not in kept]
        if new:
            b.add("functions", f"ALTER OPERATOR FAMILY {_target(n)} ADD {', '.join(new)}",
                  f"add members to operator family {n.qualname}")
    return {c.qualname for c in rebuilt}
