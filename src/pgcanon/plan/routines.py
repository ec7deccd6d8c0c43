"""The plan for functions, procedures, triggers and policies."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pgcanon.diff.changes import Hazard
from pgcanon.diff.core import diff_keyed
from pgcanon.plan import ddl
from pgcanon.plan.builder import exclusive
from pgcanon.plan.quote import ident, role

if TYPE_CHECKING:
    from pgcanon.catalog.model import Function
    from pgcanon.plan.builder import Builder

#: What CREATE OR REPLACE cannot change: a routine differing here is dropped and created again.
_IDENTITY = ("routine_kind", "signature", "result")
_BODY = ("language", "source", "binary", "volatility", "strict", "security_definer", "leakproof", "parallel",
         "cost", "rows", "config")


def rebuilt_functions(b: Builder) -> set[str]:
    """Qualified names of the routines that must be dropped and created (not replaced in place)."""
    _, _, common = diff_keyed(b.old.functions, b.new.functions)
    return {n.qualname for o, n in common if any(getattr(o, f) != getattr(n, f) for f in _IDENTITY)}


def _create(b: Builder, f: Function, about: str, *, replace: bool) -> None:
    try:
        b.add("functions", ddl.create_function(f, replace=replace), about)
    except ddl.Unsupported as exc:
        b.problem(str(exc))


def plan_functions(b: Builder, rebuilt: set[str]) -> None:
    added, removed, common = diff_keyed(b.old.functions, b.new.functions)
    for o, n in common:
        if n.qualname in rebuilt:
            # dropped before its new version exists: what calls it was rebuilt around it (views, triggers)
            b.add("functions", ddl.drop_function(o), f"drop {o.routine_kind} {o.qualname} (created again below)")
            _create(b, n, f"create {n.routine_kind} {n.qualname}", replace=False)
        elif any(getattr(o, f) != getattr(n, f) for f in _BODY):
            _create(b, n, f"replace {n.routine_kind} {n.qualname}", replace=True)
    for f in added:
        _create(b, f, f"create {f.routine_kind} {f.qualname}", replace=False)
    for f in removed:
        b.add("drops", ddl.drop_function(f), f"drop {f.routine_kind} {f.qualname}")


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
