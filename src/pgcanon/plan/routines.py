"""The plan for functions, procedures, triggers and policies."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pgcanon.diff.changes import Hazard
from pgcanon.diff.core import diff_keyed
from pgcanon.plan import ddl
from pgcanon.plan.builder import exclusive
from pgcanon.plan.quote import ident, role
from pgcanon.plan.ranges import mentions
from pgcanon.plan.types import calls, made_of

if TYPE_CHECKING:
    from pgcanon.catalog.model import Function
    from pgcanon.plan.builder import Builder

#: What CREATE OR REPLACE cannot change: a routine differing here is dropped and created again.
_IDENTITY = ("routine_kind", "signature", "result")
_BODY = ("language", "source", "binary", "volatility", "strict", "security_definer", "leakproof", "parallel",
         "cost", "rows", "config", "aggregate")


def _names_any(aggregate: Function, functions: set[str]) -> bool:
    """Whether *aggregate*'s definition names one of *functions* (quoted, qualified names)."""
    return any(re.search(rf"(?:^|, )[A-Z_]+ = {re.escape(name)}(?:,|$)", aggregate.aggregate or "")
               for name in functions)


def rebuilt_functions(b: Builder) -> set[str]:
    """Qualified names of the routines that must be dropped and created (not replaced in place); an
    aggregate with them whose support function is (DROP FUNCTION refuses while an aggregate names it)."""
    _, _, common = diff_keyed(b.old.functions, b.new.functions)
    rebuilt = {n.qualname for o, n in common if any(getattr(o, f) != getattr(n, f) for f in _IDENTITY)}
    support = {ident(o.schema, o.name) for o, _ in common if o.qualname in rebuilt and o.routine_kind != "aggregate"}
    if support:
        rebuilt |= {o.qualname for o, _ in common if o.routine_kind == "aggregate" and _names_any(o, support)}
    return rebuilt


def _aggregates_last(f: Function) -> bool:
    """Sort key: an aggregate after the functions it names (created), reversed, before them (dropped)."""
    return f.routine_kind == "aggregate"


def _create(b: Builder, f: Function, about: str, *, replace: bool, phase: str = "functions") -> None:
    try:
        b.add(phase, ddl.create_function(f, replace=replace), about)
    except ddl.Unsupported as exc:
        b.problem(str(exc))


def plan_functions(b: Builder, rebuilt: set[str], *, late: bool = False) -> None:
    """Routines: aggregates are created after, and dropped before, the functions they name.

    *late* False: in the functions phase, the routines that need no table this plan creates, and the
    drops; *late* True (called once the tables are planned): in the tables phase, those that take or
    return a new table's row type, or a type made of one, which CREATE FUNCTION needs to exist.
    """
    added, _, common = diff_keyed(b.old.functions, b.new.functions)
    new_tables = diff_keyed(b.old.tables, b.new.tables)[0]
    row_types = [ddl.name_of(t) for t in new_tables]
    composites = diff_keyed(b.old.composite_types, b.new.composite_types)[0]
    row_types += [ddl.name_of(t) for t in composites if t.qualname in made_of(list(composites), row_types)]
    if not late:
        # dropped before its new version exists: what calls it was rebuilt around it (views, triggers)
        for o, n in sorted(common, key=lambda pair: not _aggregates_last(pair[0])):
            if n.qualname in rebuilt:
                b.add("functions", ddl.drop_function(o), f"drop {o.routine_kind} {o.qualname} (created again below)")
    creates: list[tuple[Function, str, bool]] = []
    for o, n in common:
        if n.qualname in rebuilt:
            creates.append((n, "create", False))
        elif any(getattr(o, f) != getattr(n, f) for f in _BODY):
            creates.append((n, "replace", True))
    creates += [(f, "create", False) for f in added]
    for f, verb, replace in sorted(creates, key=lambda c: _aggregates_last(c[0])):
        if _takes_or_returns(f, row_types) == late:
            _create(b, f, f"{verb} {f.routine_kind} {f.qualname}", replace=replace,
                    phase="tables" if late else "functions")
    if not late:
        drop_functions(b, stage="before tables")


def created_routines(b: Builder, rebuilt: set[str]) -> list[str]:
    """The quoted, qualified names of the routines the plan creates (added, or dropped and created again)."""
    added, _, common = diff_keyed(b.old.functions, b.new.functions)
    return sorted({ident(f.schema, f.name) for f in added}
                  | {ident(n.schema, n.name) for _, n in common if n.qualname in rebuilt})


def drop_functions(b: Builder, *, stage: str) -> None:
    """DROP the routines the new schema lacks, aggregates first, at one of three *stages* of the drops:
    ``before tables``, those that take or return a dropped table's row type (it goes with the table);
    ``after types``, those a dropped domain's check or default calls; ``after tables`` (called once the
    tables are planned), the rest, since a dropped table's default, check, index or generated column may
    call them."""
    removed = diff_keyed(b.old.functions, b.new.functions)[1]
    row_types = [ddl.name_of(t) for t in diff_keyed(b.old.tables, b.new.tables)[1]]
    domains = diff_keyed(b.old.domains, b.new.domains)[1]
    for f in sorted(removed, key=lambda f: not _aggregates_last(f)):
        name = [ident(f.schema, f.name)]
        if _takes_or_returns(f, row_types):
            at = "before tables"
        elif any(calls(d.default, name) or any(calls(c, name) for c in d.checks) for d in domains):
            at = "after types"
        else:
            at = "after tables"
        if at == stage:
            b.add("drops", ddl.drop_function(f), f"drop {f.routine_kind} {f.qualname}")


def _takes_or_returns(f: Function, types: list[str]) -> bool:
    return any(mentions(f.arguments, t) or mentions(f.result or "", t) for t in types)


def _calls(definition: str, functions: set[str]) -> bool:
    return any(f" {name}(" in definition for name in functions)


def plan_triggers(b: Builder, dropped_tables: set[tuple[str, ...]], rebuilt_functions_: set[str]) -> set[str]:
    """Triggers; returns the qualified names of those rebuilt (their comments are set again)."""
    by_name = {f.qualname: f for f in b.old.functions}
    called = {ident(by_name[q].schema, by_name[q].name) for q in rebuilt_functions_ if q in by_name}
    added, removed, common = diff_keyed(b.old.triggers, b.new.triggers)
    rebuilt = {n.qualname for o, n in common if o.definition != n.definition or _calls(o.definition, called)}
    for t in removed + [o for o, _ in common if o.qualname in rebuilt]:
        if (t.schema, t.table) not in dropped_tables:
            b.add("drop_dependents", ddl.drop_trigger(t), f"drop trigger {t.qualname}", exclusive())
    for t in added + [n for _, n in common if n.qualname in rebuilt]:
        b.add("triggers", t.definition, f"create trigger {t.qualname}")
        if t.enabled != "ENABLE":
            b.add("triggers", ddl.trigger_enabled(t), f"{t.enabled.lower()} trigger {t.qualname}")
    for o, n in common:
        if n.qualname not in rebuilt and o.enabled != n.enabled:
            b.add("triggers", ddl.trigger_enabled(n), f"{n.enabled.lower()} trigger {n.qualname}", exclusive())
    return rebuilt


def plan_policies(b: Builder, dropped_tables: set[tuple[str, ...]]) -> set[str]:
    """Row-level security policies; returns those rebuilt."""
    added, removed, common = diff_keyed(b.old.policies, b.new.policies)
    # ALTER POLICY cannot change the command, the kind, or remove a clause: those are dropped and created
    rebuilt = {n.qualname for o, n in common if (o.command, o.permissive) != (n.command, n.permissive)
               or (o.using is not None and n.using is None) or (o.with_check is not None and n.with_check is None)}
    for p in removed + [o for o, _ in common if o.qualname in rebuilt]:
        if (p.schema, p.table) not in dropped_tables:
            b.add("drop_dependents", ddl.drop_policy(p), f"drop policy {p.qualname}", (Hazard.CHANGES_AUTHORIZATION,))
    for p in added + [n for _, n in common if n.qualname in rebuilt]:
        b.add("triggers", ddl.create_policy(p), f"create policy {p.qualname}", (Hazard.CHANGES_AUTHORIZATION,))
    for o, n in common:
        if n.qualname in rebuilt or (o.roles, o.using, o.with_check) == (n.roles, n.using, n.with_check):
            continue
        text = f"ALTER POLICY {ident(n.name)} ON {ddl.table_of(n)}"
        if o.roles != n.roles:
            text += f" TO {', '.join(map(role, n.roles))}"
        if o.using != n.using:
            text += f" USING ({n.using})"  # parenthesized: see ddl.create_policy
        if o.with_check != n.with_check:
            text += f" WITH CHECK ({n.with_check})"
        b.add("triggers", text, f"alter policy {n.qualname}", (Hazard.CHANGES_AUTHORIZATION,))
    return rebuilt
