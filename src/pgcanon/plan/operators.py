"""The plan for casts and operators, their DDL included.

No ALTER CAST exists: a cast that changes is dropped and created again. ALTER OPERATOR … SET changes
an operator's RESTRICT and JOIN estimators on every supported version; from PostgreSQL 17 it also sets
COMMUTATOR, NEGATOR, HASHES and MERGES, but only where none was set before (a link never changes once
made, a flag never goes back to false). Everything else (the function, a link or flag that goes) is a
drop and a create, refused (a PlanError naming the users) when an expression uses the operator.

Casts and operators are created after the types and functions they name (at the end of the functions
phase) and dropped before anything is created (drop_dependents; what of a dropped table uses a dropped
operator goes before it, though DROP TABLE would take it later). PostgreSQL keeps commutator and
negator links on both sides, mostly: ``CREATE OPERATOR a (COMMUTATOR = b)`` makes a shell ``b`` when
there is none and sets ``b``'s own link when it is unset, dropping ``a`` clears ``b``'s, but ``CREATE
OPERATOR b`` filling the shell keeps only the links it names. Each operator is created with its own
links spelled out, as pg_dump does, in an order that leaves a one-sided link one-sided.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pgcanon.diff.core import diff_keyed
from pgcanon.plan import ddl
from pgcanon.plan.quote import ident
from pgcanon.plan.ranges import ranges_to_create
from pgcanon.plan.types import enum_recreated

if TYPE_CHECKING:
    from pgcanon.catalog.model import Cast, Operator, Snapshot
    from pgcanon.plan.builder import Builder

#: ALTER OPERATOR … SET (COMMUTATOR, NEGATOR, HASHES, MERGES) is PostgreSQL 17's; RESTRICT and JOIN are older.
ALTER_OPERATOR_LINKS = 170000


def retyped(b: Builder) -> set[str]:
    """The types the plan drops and creates again under the same name (as ``format_type`` prints them): an
    enum losing or reordering labels, a range type whose definition changes. A cast, operator or operator
    class over one would stay on the old type (renamed aside, or blocking its DROP TYPE)."""
    recreated = enum_recreated(b)
    names = {ddl.name_of(e) for e in b.new.enums if e.qualname in recreated}
    old_ranges = {r.key for r in b.old.ranges}
    return names | {ddl.name_of(r) for r in ranges_to_create(b) if r.key in old_ranges}


def refuse_over_retyped(b: Builder, what: str, types: tuple[str, ...], retyped: set[str]) -> None:
    """A PlanError for *what* (``cast (a AS b)``…) when one of *types* is in *retyped* (:func:`retyped`)."""
    hit = sorted({t.removesuffix("[]") for t in types} & retyped)
    if hit:
        b.problem(f"{what}: its type {hit[0]} is dropped and created again (ALTER TYPE cannot make its change), "
                  "which PostgreSQL refuses while it is in use: drop it, change the type and create it again in a "
                  "hand-written revision")


# -- casts -----------------------------------------------------------------------------------------

def create_cast(c: Cast) -> str:
    context = {"implicit": " AS IMPLICIT", "assignment": " AS ASSIGNMENT"}.get(c.context, "")
    return f"CREATE CAST ({c.source} AS {c.target}) {c.method}{context}"


def drop_cast(c: Cast) -> str:
    return f"DROP CAST ({c.source} AS {c.target})"


def _rebuilt_function_names(b: Builder, functions: set[str]) -> tuple[set[str], set[str]]:
    """The rebuilt routines (dropped and created again) as ``regproc`` and as ``regprocedure`` prefix
    (``schema.name(``): the operators and casts over them must go first and come back after."""
    rebuilt = [f for f in b.old.functions if f.qualname in functions]
    return {ident(f.schema, f.name) for f in rebuilt}, {f"WITH FUNCTION {ident(f.schema, f.name)}(" for f in rebuilt}


def plan_casts(b: Builder, functions: set[str]) -> set[str]:
    """Casts; returns the names of those dropped and created again (their comments are set anew).

    :param functions: the routines the plan drops and creates again: a cast over one goes with it.
    """
    _, prefixes = _rebuilt_function_names(b, functions)
    added, removed, common = diff_keyed(b.old.casts, b.new.casts)
    types = retyped(b) if b.old.casts else set()
    for c in b.old.casts:
        refuse_over_retyped(b, f"cast {c.qualname}", (c.source, c.target), types)
    rebuilt = [(o, n) for o, n in common
               if (o.method, o.context) != (n.method, n.context) or o.method.startswith(tuple(prefixes))]
    for o, _ in rebuilt:
        b.add("drop_dependents", drop_cast(o), f"drop cast {o.qualname} (created again below)")
    for c in removed:  # nothing depends on a cast (an expression depends on its function)
        b.add("drop_dependents", drop_cast(c), f"drop cast {c.qualname}")
    for c in added + [n for _, n in rebuilt]:
        b.add("functions", create_cast(c), f"create cast {c.qualname}")
    return {n.qualname for _, n in rebuilt}


# -- operators -------------------------------------------------------------------------------------

def operator_name(o: Operator) -> str:
    return f"{ident(o.schema)}.{o.name}"


def operator_signature(o: Operator) -> str:
    """The operator as DROP, ALTER and COMMENT ON OPERATOR name it: ``schema.name (left, right)``."""
    return f"{operator_name(o)} ({o.left_type}, {o.right_type})"


def create_operator(o: Operator) -> str:
    options = [f"FUNCTION = {o.function}"]
    if o.left_type != "NONE":
        options.append(f"LEFTARG = {o.left_type}")
    options.append(f"RIGHTARG = {o.right_type}")
    if o.commutator is not None:
        options.append(f"COMMUTATOR = OPERATOR({o.commutator})")
    if o.negator is not None:
        options.append(f"NEGATOR = OPERATOR({o.negator})")
    if o.restrict is not None:
        options.append(f"RESTRICT = {o.restrict}")
    if o.join is not None:
        options.append(f"JOIN = {o.join}")
    if o.hashes:
        options.append("HASHES")
    if o.merges:
        options.append("MERGES")
    return f"CREATE OPERATOR {operator_name(o)} ({', '.join(options)})"


def _partner_key(o: Operator, link: str) -> tuple[str, str, str] | None:
    """(qualified name, left type, right type) of *o*'s commutator (types swapped) or negator."""
    name = getattr(o, link)
    if name is None:
        return None
    return (name, o.right_type, o.left_type) if link == "commutator" else (name, o.left_type, o.right_type)


def _by_name(snap: Snapshot) -> dict[tuple[str, str, str], Operator]:
    return {(operator_name(o), o.left_type, o.right_type): o for o in snap.operators}


def operator_users(snap: Snapshot, o: Operator) -> list[str]:
    """What in *snap* names operator *o* in an expression. With search_path pinned to pg_catalog the
    server deparses every user operator as ``OPERATOR(schema.name)``; the types are not checked, so an
    overload of the same name counts too (a refusal too many, never a plan that fails)."""
    mark = f"OPERATOR({operator_name(o)})"
    users = [f"view {v.qualname}" for v in snap.views if mark in v.definition]
    users += [f"constraint {c.qualname}" for c in snap.constraints if mark in c.definition]
    users += [f"index {i.qualname}" for i in snap.indexes if mark in i.definition]
    users += [f"trigger {t.qualname}" for t in snap.triggers if mark in t.definition]
    users += [f"rule {r.qualname}" for r in snap.rules if mark in r.definition]
    users += [f"policy {p.qualname}" for p in snap.policies if mark in f"{p.using} {p.with_check}"]
    users += [f"column {c.qualname}" for c in snap.columns if c.default is not None and mark in c.default]
    users += [f"domain {d.qualname}" for d in snap.domains if mark in f"{d.default} {' '.join(d.checks)}"]
    return users


def _drop_users_on_dropped_tables(b: Builder, removed: list[Operator]) -> None:
    """Drop first the constraints, indexes and column defaults of dropped tables that use a removed
    operator: DROP TABLE would take them, but it comes after the operator is gone (and its function)."""
    gone = {t.key for t in b.old.tables} - {t.key for t in b.new.tables}
    marks = [f"OPERATOR({operator_name(o)})" for o in removed]

    def uses(text: str | None) -> bool:
        return text is not None and any(m in text for m in marks)

    for k in b.old.constraints:
        if (k.schema, k.table) in gone and uses(k.definition):
            b.add("drop_dependents", f"ALTER TABLE {ident(k.schema, k.table)} DROP CONSTRAINT {ident(k.name)}",
                  f"drop constraint {k.qualname} (its table goes too) before the operator it uses")
    for i in b.old.indexes:
        if (i.schema, i.table) in gone and uses(i.definition):
            b.add("drop_dependents", f"DROP INDEX {ident(i.schema, i.name)}",
                  f"drop index {i.qualname} (its table goes too) before the operator it uses")
    for c in b.old.columns:
        if (c.schema, c.table) in gone and c.generated is None and uses(c.default):
            at = f"ALTER TABLE {ident(c.schema, c.table)} ALTER COLUMN {ident(c.name)}"
            b.add("drop_dependents", f"{at} DROP DEFAULT",
                  f"drop the default of {c.qualname} (its table goes too) before the operator it uses")


def rebuilt_operators(b: Builder, functions: set[str]) -> set[tuple[str, ...]]:
    """Keys of the operators of both sides that are dropped and created again.

    A link whose partner the plan drops is gone by the time the operator is altered (DROP OPERATOR
    clears it); a link to a partner the plan creates is made by that CREATE. What is left must be
    settable by ALTER OPERATOR on this version, or the operator is rebuilt. Links need not be mutual
    (``CREATE OPERATOR`` filling a shell sets only the links it names): an operator created with a
    link to one whose own link stays unset sets it, so that one is rebuilt too, after it
    (:func:`_creation_order`). Repeated until nothing changes.
    """
    names, _ = _rebuilt_function_names(b, functions)
    v17 = b.new.server_version >= ALTER_OPERATOR_LINKS
    added, removed, common = diff_keyed(b.old.operators, b.new.operators)
    new_by_name = _by_name(b.new)
    kept = {n.key for _, n in common}
    rebuilt = {n.key for o, n in common if o.function != n.function or {o.function, o.restrict, o.join} & names}
    while True:
        dropped = {_key_name(o) for o in removed} | {_key_name(o) for o, _ in common if o.key in rebuilt}
        created = {_key_name(n) for n in added} | {_key_name(n) for _, n in common if n.key in rebuilt}
        more = {n.key for o, n in common if n.key not in rebuilt
                and not _alterable(o, n, dropped, created, new_by_name, v17=v17)}
        for x in (*added, *(n for _, n in common if n.key in rebuilt)):
            more |= {y.key for y in _one_sided(x, new_by_name) if y.key in kept and y.key not in rebuilt}
        if not more:
            return rebuilt
        rebuilt |= more


def _key_name(o: Operator) -> tuple[str, str, str]:
    return (operator_name(o), o.left_type, o.right_type)


def _one_sided(x: Operator, new_by_name: dict[tuple[str, str, str], Operator]) -> list[Operator]:
    """The operators of the new schema *x* links to whose own link does not name *x* back."""
    out = []
    for link in ("commutator", "negator"):
        partner = _partner_key(x, link)
        y = new_by_name.get(partner) if partner is not None else None
        if y is not None and y.key != x.key and getattr(y, link) != operator_name(x):
            out.append(y)
    return out


def _creation_order(ops: list[Operator], new_by_name: dict[tuple[str, str, str], Operator]) -> list[Operator]:
    """*ops* with each one an operator links to one-sidedly after it: created first, that one would have
    its link set by the other's CREATE; created after, from the shell, it keeps only the links it names."""
    done: list[Operator] = []
    pending = list(ops)
    while pending:
        later = {y.key for x in pending for y in _one_sided(x, new_by_name)}
        ready = [o for o in pending if o.key not in later] or pending[:1]
        done += ready
        pending = [o for o in pending if o not in ready]
    return done


def _alterable(o: Operator, n: Operator, dropped: set[tuple[str, str, str]], created: set[tuple[str, str, str]],
               new_by_name: dict[tuple[str, str, str], Operator], *, v17: bool) -> bool:
    """Whether ALTER OPERATOR turns *o* into *n*: a link made by its partner's creation counts as made, and
    PostgreSQL 17's ALTER sets a link on both sides, so only a mutual one is set that way."""
    for flag in ("hashes", "merges"):
        before, after = getattr(o, flag), getattr(n, flag)
        if before != after and (before or not v17):
            return False
    for link in ("commutator", "negator"):
        old_partner = _partner_key(o, link)
        before = None if old_partner is None or old_partner in dropped else getattr(o, link)
        after = getattr(n, link)
        if before == after:
            continue
        if before is not None:
            return False
        partner = _partner_key(n, link)
        other = new_by_name.get(partner) if partner is not None else None
        if other is None or getattr(other, link) != operator_name(n):
            return False
        if partner in created:
            continue
        if not v17:
            return False
    return True


def plan_operators(b: Builder, functions: set[str]) -> set[str]:
    """Operators; returns the qualified names of those dropped and created again.

    :param functions: the routines the plan drops and creates again: an operator over one goes with it.
    """
    rebuilt = rebuilt_operators(b, functions)
    added, removed, common = diff_keyed(b.old.operators, b.new.operators)
    types = retyped(b) if b.old.operators else set()
    for o in b.old.operators:
        refuse_over_retyped(b, f"operator {o.qualname}", (o.left_type, o.right_type), types)
    for o, n in common:
        if n.key not in rebuilt:
            continue
        users = [u for u in operator_users(b.old, o) if u in operator_users(b.new, n)]
        if users:
            b.problem(f"operator {n.qualname}: it changes in a way ALTER OPERATOR cannot make on PostgreSQL "
                      f"{b.new.server_version // 10000}, and {', '.join(users[:3])}{' …' if len(users) > 3 else ''} "
                      "use it: create an operator under a new name and move its users to it in a hand-written "
                      "revision")
            continue
        b.add("drop_dependents", f"DROP OPERATOR {operator_signature(o)}",
              f"drop operator {o.qualname} (created again below)")
    v17 = b.new.server_version >= ALTER_OPERATOR_LINKS
    for o in _creation_order(added + [n for _, n in common if n.key in rebuilt], _by_name(b.new)):
        b.add("functions", create_operator(o), f"create operator {o.qualname}")
    for o, n in common:
        if n.key not in rebuilt:
            _alter_operator(b, o, n, v17=v17)
    # Before the creates: a partner's link to a dropped operator is cleared then, for a created one to take.
    _drop_users_on_dropped_tables(b, removed)
    for o in removed:
        b.add("drop_dependents", f"DROP OPERATOR {operator_signature(o)}", f"drop operator {o.qualname}")
    return {n.qualname for _, n in common if n.key in rebuilt}


def _alter_operator(b: Builder, o: Operator, n: Operator, *, v17: bool) -> None:
    """ALTER OPERATOR … SET for what differs; a link already made (by a partner's CREATE, or equal) is
    restated harmlessly: PostgreSQL 17 accepts setting a link to the value it has."""
    options = []
    if o.restrict != n.restrict:
        options.append(f"RESTRICT = {n.restrict or 'NONE'}")
    if o.join != n.join:
        options.append(f"JOIN = {n.join or 'NONE'}")
    if v17:
        for link in ("commutator", "negator"):
            if getattr(o, link) != getattr(n, link) and getattr(n, link) is not None:
                options.append(f"{link.upper()} = OPERATOR({getattr(n, link)})")
        options += [flag.upper() for flag in ("hashes", "merges") if getattr(n, flag) and not getattr(o, flag)]
    if options:
        b.add("functions", f"ALTER OPERATOR {operator_signature(n)} SET ({', '.join(options)})",
              f"alter operator {n.qualname}")
