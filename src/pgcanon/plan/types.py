"""The plan for types and sequences: enums (labels added in place, or the type rebuilt), domains,
composite types, sequences; and which type changes may lose data.

The types and sequences the new schema lacks are dropped by :func:`drop_types`, after the tables
(and so the columns, defaults and routines) that used them, a type before the types it is made of.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from pgcanon.catalog.model import CompositeType, Domain, Enum
from pgcanon.diff.changes import Hazard
from pgcanon.diff.core import diff_keyed
from pgcanon.plan import ddl
from pgcanon.plan.quote import ident, literal
from pgcanon.plan.ranges import mentions

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pgcanon.plan.builder import Builder

_SIZED = re.compile(r"^(character varying|character|bit varying|bit|numeric|varchar)\((\d+)(?:,(\d+))?\)$")
_INTS = {"smallint": 1, "integer": 2, "bigint": 3}
_WIDENS_TO_TEXT = ("character varying", "character", "text")


def narrows(old: str, new: str) -> bool:
    """Whether changing a column from type *old* to *new* may lose or reject values it holds.

    Only the widenings every row survives are known to be safe (a longer varchar, varchar to
    text, a wider integer, numeric with more digits); any other change counts as narrowing.
    """
    if old == new or new == "text":  # every value has a text form
        return False
    if old in _INTS and new in _INTS:
        return _INTS[new] < _INTS[old]
    if old in _INTS and new in ("numeric", "bigint"):
        return False
    o, n = _SIZED.match(old), _SIZED.match(new)
    if new == "text" and (old.startswith(_WIDENS_TO_TEXT) or old == "text"):
        return False
    if new == "character varying" and (o and o[1] in ("character varying", "varchar")):
        return False
    if new == "numeric" and (o and o[1] == "numeric"):
        return False
    if o and n and o[1] == n[1]:
        if o[3] is None and n[3] is None:
            return int(n[2]) < int(o[2])
        scale_o, scale_n = int(o[3] or 0), int(n[3] or 0)
        return scale_n != scale_o or int(n[2]) < int(o[2])
    return True


def enum_recreated(b: Builder) -> set[str]:
    """Qualified names of the enums whose labels change in a way ADD VALUE cannot make."""
    _, _, common = diff_keyed(b.old.enums, b.new.enums)
    return {n.qualname for o, n in common if o.labels != n.labels and not _is_subsequence(o.labels, n.labels)}


def _is_subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    it = iter(long)
    return all(label in it for label in short)


def plan_enums(b: Builder) -> None:
    added, _, common = diff_keyed(b.old.enums, b.new.enums)
    for e in added:
        b.add("types", ddl.create_enum(e), f"create enum {e.qualname}")
    for o, n in common:
        if o.labels == n.labels:
            continue
        if _is_subsequence(o.labels, n.labels):
            _add_labels(b, o, n)
        else:
            _rebuild_enum(b, o, n)


def _add_labels(b: Builder, o: Enum, n: Enum) -> None:
    have = list(o.labels)
    for i, label in enumerate(n.labels):
        if label in have:
            continue
        later = next((x for x in n.labels[i + 1:] if x in have), None)
        where = f" BEFORE {literal(later)}" if later is not None else f" AFTER {literal(n.labels[i - 1])}"
        # A new label cannot be used before its transaction commits: run it on its own.
        b.add("types", f"ALTER TYPE {ddl.name_of(n)} ADD VALUE {literal(label)}{where}",
              f"add label {label!r} to enum {n.qualname}", transactional=False)
        have.insert(have.index(later) if later is not None else len(have), label)


def _rebuild_enum(b: Builder, o: Enum, n: Enum) -> None:
    """Labels removed or reordered: a new type under the old name, every column cast through text."""
    gone = [x for x in o.labels if x not in n.labels]
    hazards = (Hazard.DELETES_DATA, Hazard.FAILS_ON_DATA) if gone else (Hazard.REWRITES_TABLE,)
    temp = f"{n.name}__pgcanon_old"[:63]
    name = ddl.name_of(n)
    b.add("types", f"ALTER TYPE {name} RENAME TO {ident(temp)}", f"set the old enum {n.qualname} aside")
    b.add("types", ddl.create_enum(n), f"create enum {n.qualname} with its new labels")
    kept = {c.key for c in b.new.columns}
    new_cols = {c.key: c for c in b.new.columns}
    for c in b.old.columns:
        if c.key not in kept or c.type not in (name, f"{name}[]"):
            continue
        at = f"ALTER TABLE {ddl.table_of(c)} ALTER COLUMN {ident(c.name)}"
        via = "text[]" if c.type.endswith("[]") else "text"
        if c.default is not None:
            b.add("tables", f"{at} DROP DEFAULT", f"drop the default of {c.qualname} while its enum changes")
        b.add("tables", f"{at} TYPE {c.type} USING {ident(c.name)}::{via}::{c.type}",
              f"cast {c.qualname} to the new enum {n.qualname}" + (f" (rows holding {', '.join(gone)} fail)"
                                                                  if gone else ""), hazards)
        if new_cols[c.key].default is not None:
            b.add("tables", f"{at} SET DEFAULT {new_cols[c.key].default}", f"default of {c.qualname}")
    b.add("drops", f"DROP TYPE {ident(n.schema, temp)}", f"drop the old enum {n.qualname}")


def create_types(b: Builder, *, late: bool, functions: Sequence[str] = ()) -> None:
    """CREATE the domains and composite types the new schema adds, each after the types it is made of (a
    domain over a composite, a composite with a domain attribute). Those made of a table's row type, or
    of such a type, wait for the table: *late* False creates the others in the types phase (before the
    alterations of :func:`plan_domains` and :func:`plan_composites`, which may use them), *late* True
    those, in the tables phase once the tables are planned.

    A domain in the types phase is created without the checks and default that call one of *functions*
    (quoted, qualified names of the routines the plan creates, which do not exist yet);
    :func:`finish_domains` adds them once the routines exist.
    """
    for t in _dependencies_first(_added_types(b, late=late)):
        phase = "tables" if late else "types"
        if isinstance(t, Domain):
            d = t if late else _without_calls(t, functions)
            b.add(phase, ddl.create_domain(d), f"create domain {t.qualname}")
        else:
            b.add(phase, ddl.create_composite(t), f"create composite type {t.qualname}")


def _added_types(b: Builder, *, late: bool) -> list[Domain | CompositeType]:
    added: list[Domain | CompositeType] = [*diff_keyed(b.old.domains, b.new.domains)[0],
                                           *diff_keyed(b.old.composite_types, b.new.composite_types)[0]]
    waiting = made_of(added, [ddl.name_of(t) for t in b.new.tables])
    return [t for t in added if (t.qualname in waiting) == late]


def calls(text: str | None, functions: Sequence[str]) -> bool:
    """Whether *text* (a CHECK, a DEFAULT) calls one of *functions* (quoted, qualified names)."""
    return text is not None and any(re.search(rf'(?<![\w."]){re.escape(f)}\(', text) for f in functions)


def _without_calls(d: Domain, functions: Sequence[str]) -> Domain:
    return dataclasses.replace(d, checks=tuple(c for c in d.checks if not calls(c, functions)),
                               default=None if calls(d.default, functions) else d.default)


def finish_domains(b: Builder, functions: Sequence[str]) -> None:
    """The checks and defaults of domains that call a routine the plan creates (*functions*), left out by
    :func:`create_types` and :func:`plan_domains`: call it once the routines are planned (functions phase)."""
    new_domains = [(None, d) for d in _added_types(b, late=False) if isinstance(d, Domain)]
    for o, n in [*new_domains, *diff_keyed(b.old.domains, b.new.domains)[2]]:
        at = f"ALTER DOMAIN {ddl.name_of(n)}"
        if calls(n.default, functions) and (o is None or o.default != n.default):
            b.add("functions", f"{at} SET DEFAULT {n.default}", f"default of domain {n.qualname}")
        for check in n.checks:
            if calls(check, functions) and (o is None or check not in o.checks):
                cname, definition = ddl.split_check(check)
                b.add("functions", f"{at} ADD CONSTRAINT {ident(cname)} {definition}",
                      f"add check to domain {n.qualname}", (Hazard.VALIDATES_DATA,) if o is not None else ())


def made_of(types: list[Domain | CompositeType], names: list[str]) -> set[str]:
    """The qualified names of *types* made of one of the types *names*, directly or through each other."""
    found: set[str] = set()
    names = list(names)
    while True:
        more = [t for t in types if t.qualname not in found
                and any(mentions(part, n) for part in _parts(t) for n in names)]
        if not more:
            return found
        found |= {t.qualname for t in more}
        names += [ddl.name_of(t) for t in more]


def _dependencies_first(types: list[Domain | CompositeType]) -> list[Domain | CompositeType]:
    """*types* ordered so that each comes after those of them it is made of (a cycle cannot be)."""
    ordered: list[Domain | CompositeType] = []
    pending = list(types)
    while pending:
        ready = [t for t in pending
                 if not any(mentions(part, ddl.name_of(o)) for o in pending if o is not t for part in _parts(t))]
        ready = ready or pending[:1]
        ordered += ready
        pending = [t for t in pending if all(t is not r for r in ready)]
    return ordered


def plan_domains(b: Builder, functions: Sequence[str] = ()) -> None:
    """ALTER DOMAIN for the domains on both sides; a check or default that calls one of *functions* (created
    by the plan) is :func:`finish_domains`'."""
    _, _, common = diff_keyed(b.old.domains, b.new.domains)
    for o, n in common:
        at = f"ALTER DOMAIN {ddl.name_of(n)}"
        if (o.base_type, o.collation) != (n.base_type, n.collation):
            b.problem(f"domain {n.qualname}: its base type or collation changes ({o.base_type} → {n.base_type}); "
                      "PostgreSQL cannot ALTER that: create a new domain and move the columns in a hand-written "
                      "revision")
            continue
        if o.default != n.default and not calls(n.default, functions):
            b.add("types", f"{at} SET DEFAULT {n.default}" if n.default is not None else f"{at} DROP DEFAULT",
                  f"default of domain {n.qualname}")
        if o.not_null != n.not_null:
            b.add("types", f"{at} {'SET' if n.not_null else 'DROP'} NOT NULL", f"NOT NULL of domain {n.qualname}",
                  (Hazard.VALIDATES_DATA,) if n.not_null else ())
        for check in o.checks:
            if check not in n.checks:
                b.add("types", f"{at} DROP CONSTRAINT {ident(ddl.split_check(check)[0])}",
                      f"drop check of domain {n.qualname}")
        for check in n.checks:
            if check not in o.checks and not calls(check, functions):
                cname, definition = ddl.split_check(check)
                b.add("types", f"{at} ADD CONSTRAINT {ident(cname)} {definition}", f"add check to domain {n.qualname}",
                      (Hazard.VALIDATES_DATA,))


def _attribute_name(attribute: str) -> str:
    if attribute.startswith('"'):
        end = attribute.index('"', 1)
        while attribute[end + 1:end + 2] == '"':
            end = attribute.index('"', end + 2)
        return attribute[: end + 1]
    return attribute.split(" ", 1)[0]


def plan_composites(b: Builder) -> None:
    _, _, common = diff_keyed(b.old.composite_types, b.new.composite_types)
    for o, n in common:
        if o.attributes != n.attributes:
            _alter_composite(b, o, n)


def _alter_composite(b: Builder, o: CompositeType, n: CompositeType) -> None:
    at = f"ALTER TYPE {ddl.name_of(n)}"
    old = {_attribute_name(a): a for a in o.attributes}
    new = {_attribute_name(a): a for a in n.attributes}
    result = [a for a in old if a in new] + [a for a in new if a not in old]
    if result != list(new):
        b.problem(f"composite type {n.qualname}: its attributes are reordered; ALTER TYPE can only append")
        return
    for a in old:
        if a not in new:
            b.add("types", f"{at} DROP ATTRIBUTE {a}", f"drop attribute {a} of {n.qualname}", (Hazard.DELETES_DATA,))
    for a, definition in new.items():
        if a not in old:
            b.add("types", f"{at} ADD ATTRIBUTE {definition}", f"add attribute {a} to {n.qualname}")
        elif old[a] != definition:
            rest = definition[len(a):].strip()
            b.add("types", f"{at} ALTER ATTRIBUTE {a} TYPE {rest}", f"change attribute {a} of {n.qualname}")


def plan_sequences(b: Builder) -> None:
    added, _, common = diff_keyed(b.old.sequences, b.new.sequences)
    new_columns = {c.qualname: c for c in b.new.columns}
    for s in added:
        b.add("types", ddl.create_sequence(s), f"create sequence {s.qualname}")
        if s.owned_by:
            _owned_by(b, s.qualname, ddl.name_of(s), s.owned_by, new_columns)
    for o, n in common:
        if (o.data_type, o.start, o.increment, o.min_value, o.max_value, o.cache, o.cycle) != (
                n.data_type, n.start, n.increment, n.min_value, n.max_value, n.cache, n.cycle):
            b.add("types", f"ALTER SEQUENCE {ddl.name_of(n)} {ddl.sequence_options(n)}",
                  f"options of sequence {n.qualname}")
        if o.owned_by != n.owned_by:
            if n.owned_by:
                _owned_by(b, n.qualname, ddl.name_of(n), n.owned_by, new_columns)
            else:
                b.add("attach", f"ALTER SEQUENCE {ddl.name_of(n)} OWNED BY NONE",
                      f"sequence {n.qualname} owned by none")


def _owned_by(b: Builder, qualname: str, name: str, owner: str, columns: dict) -> None:
    column = columns.get(owner)
    target = ddl.name_of(column) if column is not None else owner
    b.add("attach", f"ALTER SEQUENCE {name} OWNED BY {target}", f"sequence {qualname} owned by {owner}")


def _parts(t: Enum | Domain | CompositeType) -> tuple[str, ...]:
    """The type texts (``format_type``'s) a type is made of: a domain's base type, a composite's attributes."""
    if isinstance(t, Domain):
        return (t.base_type,)
    if isinstance(t, CompositeType):
        return t.attributes
    return ()


def _drop_type(b: Builder, t: Enum | Domain | CompositeType) -> None:
    if isinstance(t, Domain):
        b.add("drops", f"DROP DOMAIN {ddl.name_of(t)}", f"drop domain {t.qualname}", (Hazard.DELETES_DATA,))
    else:
        b.add("drops", f"DROP TYPE {ddl.name_of(t)}", f"drop {t.kind} {t.qualname}",
              (Hazard.DELETES_DATA,) if isinstance(t, Enum) else ())


def drop_types(b: Builder) -> None:
    """DROP the enums, domains, composite types and sequences the new schema lacks. Called after the tables
    are planned: DROP TABLE (in the same phase) must come first, since a column's type or its default's
    nextval() depends on them; a type goes before the types it is made of (a domain before the enum it is
    over). A sequence owned by a column that goes is dropped with it."""
    pending: list[Enum | Domain | CompositeType] = []
    for attr in ("composite_types", "domains", "enums"):
        pending += diff_keyed(getattr(b.old, attr), getattr(b.new, attr))[1]
    # Made of a dropped table's row type: dropped before the table (the row type goes with it).
    row_types = made_of([t for t in pending if not isinstance(t, Enum)],
                         [ddl.name_of(t) for t in diff_keyed(b.old.tables, b.new.tables)[1]])
    drops, first = b.phases["drops"], []
    while pending:
        # those no other type still to be dropped is made of (a cycle cannot be: PostgreSQL refuses one)
        ready = [t for t in pending
                 if not any(mentions(part, ddl.name_of(t)) for o in pending if o is not t for part in _parts(o))]
        ready = ready or pending[:1]
        for t in ready:
            _drop_type(b, t)
            if t.qualname in row_types:
                first.append(drops[-1])
        pending = [t for t in pending if all(t is not r for r in ready)]
    at = next((i for i, s in enumerate(drops) if s.sql.startswith("DROP TABLE ")), len(drops))
    drops[:] = [*first, *(s for s in drops if s not in first)] if at == 0 else (
        [*(s for s in drops[:at] if s not in first), *first, *(s for s in drops[at:] if s not in first)])
    dropped_columns = {c.qualname for c in b.old.columns} - {c.qualname for c in b.new.columns}
    for s in diff_keyed(b.old.sequences, b.new.sequences)[1]:
        if s.owned_by not in dropped_columns:  # else dropped with its column
            b.add("drops", f"DROP SEQUENCE {ddl.name_of(s)}", f"drop sequence {s.qualname}")
