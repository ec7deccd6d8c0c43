"""The plan for range types (and so their multirange types), their DDL included.

ALTER TYPE can rename a range type, move it, and set its comment and privileges, nothing else: a range
type whose subtype, operator class, collation, functions or multirange name change is dropped and
created again when nothing uses it, and refused (a PlanError naming its users) otherwise, as collations
are. A range type's functions (``SUBTYPE_DIFF``, ``CANONICAL``) must exist before it, and a canonical
function takes the range type itself: PostgreSQL wants a shell type (``CREATE TYPE r``), the function,
then ``CREATE TYPE r AS RANGE``, and neither can be dropped without the other.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pgcanon.diff.changes import Hazard
from pgcanon.diff.core import diff_keyed
from pgcanon.plan import ddl
from pgcanon.plan.quote import ident

if TYPE_CHECKING:
    from pgcanon.catalog.model import Function, Range, Snapshot
    from pgcanon.plan.builder import Builder


def create_range(r: Range) -> str:
    """CREATE TYPE … AS RANGE with every option the snapshot holds; the multirange name always, as pg_dump."""
    options = [f"SUBTYPE = {r.subtype}"]
    if r.subtype_opclass is not None:
        options.append(f"SUBTYPE_OPCLASS = {r.subtype_opclass}")
    if r.collation is not None:
        options.append(f"COLLATION = {r.collation}")
    if r.canonical is not None:
        options.append(f"CANONICAL = {r.canonical}")
    if r.subtype_diff is not None:
        options.append(f"SUBTYPE_DIFF = {r.subtype_diff}")
    options.append(f"MULTIRANGE_TYPE_NAME = {r.multirange}")
    return f"CREATE TYPE {ident(r.schema, r.name)} AS RANGE ({', '.join(options)})"


def _names(r: Range) -> tuple[str, str]:
    """The range and multirange type as ``format_type`` prints them (quoted, qualified off pg_catalog)."""
    return ident(r.schema, r.name), r.multirange


def mentions(text: str, name: str) -> bool:
    """Whether type *name* occurs in *text* (a type list, a signature), as a whole name or its array."""
    return re.search(rf"(?:^|[\s(,]){re.escape(name)}(?:\[\])*(?:$|[\s),])", text) is not None


def range_users(snap: Snapshot, r: Range) -> list[str]:
    """What in *snap* uses range type *r* or its multirange: columns, domains, composite attributes,
    other range types, routines' arguments and results, and views whose queries name it."""
    names = _names(r)
    users = [f"column {c.qualname}" for c in snap.columns if any(mentions(c.type, n) for n in names)]
    users += [f"domain {d.qualname}" for d in snap.domains if any(mentions(d.base_type, n) for n in names)]
    users += [f"composite type {t.qualname}" for t in snap.composite_types
              if any(mentions(a, n) for a in t.attributes for n in names)]
    users += [f"range type {o.qualname}" for o in snap.ranges if any(mentions(o.subtype, n) for n in names)]
    users += [f"{f.routine_kind} {f.qualname}" for f in snap.functions
              if any(mentions(f"{f.arguments}, {f.result or ''}", n) for n in names)
              and f.key not in {s.key for s in _support(snap, r)}]
    users += [f"view {v.qualname}" for v in snap.views if f"type:{r.qualname}" in v.depends_on]
    return users


def _support(snap: Snapshot, r: Range) -> list[Function]:
    """The routines of *snap* that range type *r* names as its canonical or subtype_diff function."""
    wanted = {r.canonical, r.subtype_diff} - {None}
    return [f for f in snap.functions if ident(f.schema, f.name) in wanted]


def _defining(r: Range) -> tuple[object, ...]:
    return (r.subtype, r.subtype_opclass, r.collation, r.canonical, r.subtype_diff, r.multirange)


def _created_first(ranges: list[Range]) -> list[Range]:
    """*ranges* with any whose subtype is another of them after that one (a range of ranges)."""
    done: list[Range] = []
    pending = list(ranges)
    while pending:
        ready = [r for r in pending if not any(mentions(r.subtype, ident(o.schema, o.name)) for o in pending
                                                if o is not r)]
        ready = ready or pending[:1]  # a cycle cannot be: PostgreSQL would have refused it
        done += ready
        pending = [r for r in pending if r not in ready]
    return done


def ranges_to_create(b: Builder) -> list[Range]:
    """The range types the plan creates: the added ones and the ones dropped and created again."""
    added, _, common = diff_keyed(b.old.ranges, b.new.ranges)
    return _created_first(added + [n for o, n in common if _defining(o) != _defining(n) and not range_users(b.old, o)])


def _over_late_type(b: Builder, r: Range) -> bool:
    """Whether *r*'s subtype is a domain or composite type of the new schema: created after those."""
    return any(mentions(r.subtype, ddl.name_of(t)) for t in (*b.new.domains, *b.new.composite_types))


def plan_ranges(b: Builder, *, late: bool) -> set[str]:
    """The range types over base types and enums (*late* False: before domains and composite types, which
    may use them), or over domains and composite types (*late* True: after them). Returns the
    qualified names of those dropped and created again (their comments and privileges are set anew).
    Those the new schema lacks are :func:`drop_ranges`'.
    """
    _, _, common = diff_keyed(b.old.ranges, b.new.ranges)
    old = {o.key: o for o, _ in common}
    rebuilt = set()
    for o, n in common:
        if late or _defining(o) == _defining(n):
            continue
        users = range_users(b.old, o)
        if users:
            b.problem(f"range type {n.qualname}: its subtype, operator class, collation, functions or multirange "
                      f"name change, which ALTER TYPE cannot do, and {', '.join(users[:3])}"
                      f"{' …' if len(users) > 3 else ''} use it: create a range type under a new name and move "
                      "its users to it in a hand-written revision")
        elif o.canonical is not None or n.canonical is not None:
            b.problem(f"range type {n.qualname}: it changes and has a canonical function, which takes the type "
                      "itself: neither can be dropped without the other; write that revision by hand")
    if not late:
        _drop_colliding(b)
    for r in ranges_to_create(b):
        if _over_late_type(b, r) != late or (r.key in old and r.canonical is not None):
            continue
        if r.key in old:
            b.add("types", f"DROP TYPE {ident(r.schema, r.name)}", f"drop range type {r.qualname} (created again "
                  "below)")
            rebuilt.add(r.qualname)
        elif r.canonical is not None:
            # the canonical function takes the range type: a shell type first, the function (moved here by
            # place_range_functions), then the range type over the shell
            b.add("types", f"CREATE TYPE {ident(r.schema, r.name)}", f"shell of range type {r.qualname}")
        b.add("types", create_range(r), f"create range type {r.qualname}")
    return rebuilt


def _colliding(b: Builder) -> list[Range]:
    """The range types the new schema lacks whose name or multirange name a range type it creates takes:
    after ``ALTER TYPE … RENAME`` (or ``SET SCHEMA``) the multirange keeps its name, which the range type
    created under the new name wants too."""
    taken = {n for r in ranges_to_create(b) for n in _names(r)}
    _, removed, _ = diff_keyed(b.old.ranges, b.new.ranges)
    return [r for r in removed if taken & set(_names(r))]


def _drop(b: Builder, phase: str, r: Range) -> None:
    if r.canonical is not None:
        b.add(phase, f"DROP TYPE {ident(r.schema, r.name)} CASCADE", f"drop range type {r.qualname} and its "
              f"canonical function {r.canonical}", (Hazard.DELETES_DATA,))
    else:
        b.add(phase, f"DROP TYPE {ident(r.schema, r.name)}", f"drop range type {r.qualname}", (Hazard.DELETES_DATA,))


def _drop_colliding(b: Builder) -> None:
    """Drop first the range types whose names a created one takes (:func:`_colliding`), if nothing uses them."""
    for r in _colliding(b):
        users = range_users(b.old, r)
        if users:
            b.problem(f"range type {r.qualname}: a range type of the new schema takes its name or its multirange's "
                      f"({r.multirange}), and {', '.join(users[:3])}{' …' if len(users) > 3 else ''} use it: rename "
                      "it (ALTER TYPE … RENAME) in a hand-written revision")
        else:
            _drop(b, "types", r)


def place_range_functions(b: Builder) -> None:
    """Move the CREATE of each routine a new range type needs (canonical, subtype_diff) from the functions
    phase to just before that range type's CREATE TYPE (after its shell, for a canonical function)."""
    added, _, _ = diff_keyed(b.old.functions, b.new.functions)
    new_functions = {f.key for f in added}
    for r in ranges_to_create(b):
        create = create_range(r)
        for f in _support(b.new, r):
            if f.key not in new_functions:
                continue
            statement = next((s for s in b.phases["functions"] if s.sql == ddl.create_function(f, replace=False)),
                             None)
            at = next((i for i, s in enumerate(b.phases["types"]) if s.sql == create), None)
            if statement is None or at is None:
                continue
            b.phases["functions"].remove(statement)
            b.phases["types"].insert(at, statement)


def drop_ranges(b: Builder) -> None:
    """DROP TYPE for the range types the new schema lacks, after what used them; the routines they name
    (and the types they range over) are dropped after them. A canonical function takes its range type
    as argument: the two depend on each other, and only CASCADE drops them (nothing else is left on the
    type by then: its users were dropped before)."""
    _, removed, _ = diff_keyed(b.old.ranges, b.new.ranges)
    drops = b.phases["drops"]
    first = {r.key for r in _colliding(b)}
    for r in _created_first(removed)[::-1]:
        support = _support(b.old, r)
        # CASCADE drops the canonical function with the type: its own DROP FUNCTION would fail after it
        gone = {ddl.drop_function(f) for f in support if ident(f.schema, f.name) == r.canonical}
        later = {ddl.drop_function(f) for f in support} - gone
        later |= {f"DROP TYPE {ddl.name_of(t)}" for t in (*b.old.enums, *b.old.composite_types, *b.old.ranges)
                  if mentions(r.subtype, ddl.name_of(t))}
        later |= {f"DROP DOMAIN {ddl.name_of(d)}" for d in b.old.domains if mentions(r.subtype, ddl.name_of(d))}
        if r.key in first:  # dropped before the types were created (_drop_colliding)
            drops[:] = [s for s in drops if s.sql not in gone]
            continue
        moved = [s for s in drops if s.sql in later]
        drops[:] = [s for s in drops if s.sql not in later and s.sql not in gone]
        _drop(b, "drops", r)
        drops.extend(moved)
