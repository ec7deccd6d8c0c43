"""The plan for the kinds of :mod:`pgcanon.catalog.objects`: extended statistics, rules, collations and
event triggers; their DDL is built here too (:mod:`pgcanon.plan.ddl` holds the older kinds')."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pgcanon.diff.core import diff_keyed
from pgcanon.plan.quote import ident, literal

if TYPE_CHECKING:
    from pgcanon.catalog.model import Collation, EventTrigger, Rule, Snapshot, Statistics
    from pgcanon.plan.builder import Builder

#: What a statistics object builds when CREATE STATISTICS names no kinds (and there is more than one column).
_ALL_KINDS = ("ndistinct", "dependencies", "mcv")


# -- extended statistics ---------------------------------------------------------------------------

def create_statistics(s: Statistics) -> str:
    """CREATE STATISTICS; the kinds are spelled out only when they are not all of them (the default)."""
    kinds = f" ({', '.join(s.kinds)})" if s.kinds and tuple(s.kinds) != _ALL_KINDS else ""
    return f"CREATE STATISTICS {ident(s.schema, s.name)}{kinds} ON {s.columns} FROM {ident(s.table_schema, s.table)}"


def statistics_target(s: Statistics) -> str:
    # -1 is the default on every version (17 and later also take DEFAULT, and store NULL for either)
    target = -1 if s.statistics is None else s.statistics
    return f"ALTER STATISTICS {ident(s.schema, s.name)} SET STATISTICS {target}"


#: What ALTER STATISTICS cannot change: a statistics object differing here is dropped and created again.
_STATISTICS_IDENTITY = ("table_schema", "table", "kinds", "columns")


def plan_statistics(b: Builder, rebuilt_views: set[tuple[str, ...]]) -> set[str]:
    """Statistics objects; returns the qualified names of those (re)created on an existing object.

    :param rebuilt_views: the materialized views dropped and created again: their statistics went with them.
    """
    gone = ({t.key for t in b.old.tables} - {t.key for t in b.new.tables}) | rebuilt_views
    gone |= {v.key for v in b.old.views} - {v.key for v in b.new.views}
    added, removed, common = diff_keyed(b.old.statistics, b.new.statistics)
    rebuilt = {n.qualname for o, n in common
               if any(getattr(o, f) != getattr(n, f) for f in _STATISTICS_IDENTITY)
               or (n.table_schema, n.table) in rebuilt_views}
    for s in removed + [o for o, n in common if n.qualname in rebuilt]:
        # DROP TABLE (or VIEW) drops its statistics objects: dropping them again would fail
        if (s.table_schema, s.table) not in gone:
            b.add("drop_dependents", f"DROP STATISTICS {ident(s.schema, s.name)}", f"drop statistics {s.qualname}")
    for s in added + [n for _, n in common if n.qualname in rebuilt]:
        # after the views phase: a statistics object may be on a materialized view created there
        b.add("views", create_statistics(s), f"create statistics {s.qualname}")
        if s.statistics is not None:
            b.add("views", statistics_target(s), f"statistics target of {s.qualname}")
    for o, n in common:
        if n.qualname not in rebuilt and o.statistics != n.statistics:
            b.add("views", statistics_target(n), f"statistics target of {n.qualname}")
    return rebuilt


# -- rules -----------------------------------------------------------------------------------------

def create_rule(r: Rule, *, replace: bool = False) -> str:
    """pg_get_ruledef's CREATE RULE (without its semicolon), as CREATE OR REPLACE RULE with *replace*."""
    text = r.definition.rstrip().rstrip(";")
    return "CREATE OR REPLACE RULE" + text.removeprefix("CREATE RULE") if replace else text


def rule_enabled(r: Rule) -> str:
    # PostgreSQL refuses ENABLE/DISABLE RULE on a view: only a table's rules are ever not ENABLE
    return f"ALTER TABLE {ident(r.schema, r.table)} {r.enabled} RULE {ident(r.name)}"


def _relations(snap: Snapshot) -> set[tuple[str, ...]]:
    return {t.key for t in snap.tables} | {v.key for v in snap.views}


def plan_rules(b: Builder, rebuilt_views: set[tuple[str, ...]]) -> set[str]:
    """Rules; returns the qualified names of those created again on an existing relation.

    CREATE OR REPLACE RULE changes everything but the relation, which is the rule's key: a changed
    rule is replaced in place. A view dropped and created again (*rebuilt_views*) loses its rules.
    """
    gone = (_relations(b.old) - _relations(b.new)) | rebuilt_views
    added, removed, common = diff_keyed(b.old.rules, b.new.rules)
    again = {n.qualname for _, n in common if (n.schema, n.table) in rebuilt_views}
    for r in removed:
        if (r.schema, r.table) not in gone:
            b.add("drop_dependents", f"DROP RULE {ident(r.name)} ON {ident(r.schema, r.table)}",
                  f"drop rule {r.qualname}")
    # after tables and views: a rule's actions may name any relation of the new schema
    for r in added + [n for _, n in common if n.qualname in again]:
        b.add("triggers", create_rule(r), f"create rule {r.qualname}")
        if r.enabled != "ENABLE":
            b.add("triggers", rule_enabled(r), f"{r.enabled.lower()} rule {r.qualname}")
    for o, n in common:
        if n.qualname in again:
            continue
        if o.definition != n.definition:
            b.add("triggers", create_rule(n, replace=True), f"replace rule {n.qualname}")
        if o.enabled != n.enabled:
            b.add("triggers", rule_enabled(n), f"{n.enabled.lower()} rule {n.qualname}")
    return again


# -- collations ------------------------------------------------------------------------------------

def create_collation(c: Collation) -> str:
    """CREATE COLLATION with the options its provider takes (deterministic only when it is not)."""
    options = [f"provider = {c.provider}"]
    if c.provider == "libc":
        options += [f"lc_collate = {literal(c.lc_collate or '')}", f"lc_ctype = {literal(c.lc_ctype or '')}"]
    else:
        options.append(f"locale = {literal(c.locale or '')}")
    if c.rules is not None:
        options.append(f"rules = {literal(c.rules)}")
    if not c.deterministic:
        options.append("deterministic = false")
    return f"CREATE COLLATION {ident(c.schema, c.name)} ({', '.join(options)})"


def _users(snap: Snapshot, name: str) -> list[str]:
    """What in *snap* names collation *name* (quoted and qualified, as ``regcollation`` prints it)."""
    users = [f"column {c.qualname}" for c in snap.columns if c.collation == name]
    users += [f"domain {d.qualname}" for d in snap.domains if d.collation == name]
    users += [f"composite type {t.qualname}" for t in snap.composite_types
              if any(a.endswith(f" COLLATE {name}") for a in t.attributes)]
    users += [f"index {i.qualname}" for i in snap.indexes if f" COLLATE {name}" in i.definition]
    return users


def _defining(c: Collation) -> tuple[object, ...]:
    return (c.provider, c.lc_collate, c.lc_ctype, c.locale, c.rules, c.deterministic)


def plan_collations(b: Builder) -> set[str]:
    """Collations created before the types and tables that use them; returns those dropped and created again.

    ALTER COLLATION cannot change a provider or locale: a changed collation nothing uses is dropped
    and created again; one in use is refused, since its users would have to be rebuilt around it.
    The collations the new schema no longer has are :func:`drop_collations`'.
    """
    added, _, common = diff_keyed(b.old.collations, b.new.collations)
    for c in added:
        b.add("types", create_collation(c), f"create collation {c.qualname}")
    rebuilt = set()
    for o, n in common:
        if _defining(o) == _defining(n):
            continue
        users = _users(b.old, ident(o.schema, o.name))
        if users:
            b.problem(f"collation {n.qualname}: its provider, locale or rules change, which ALTER COLLATION cannot "
                      f"do, and {', '.join(users[:3])}{' …' if len(users) > 3 else ''} use it: create a collation "
                      "under a new name and move its users to it in a hand-written revision")
            continue
        b.add("types", f"DROP COLLATION {ident(o.schema, o.name)}",
              f"drop collation {o.qualname} (created again below)")
        b.add("types", create_collation(n), f"create collation {n.qualname}")
        rebuilt.add(n.qualname)
    return rebuilt


def drop_collations(b: Builder) -> None:
    """DROP COLLATION for those the new schema lacks; called last, after the drops of what used them."""
    _, removed, _ = diff_keyed(b.old.collations, b.new.collations)
    for c in removed:
        b.add("drops", f"DROP COLLATION {ident(c.schema, c.name)}", f"drop collation {c.qualname}")


# -- event triggers --------------------------------------------------------------------------------

def create_event_trigger(t: EventTrigger) -> str:
    when = f" WHEN TAG IN ({', '.join(map(literal, t.tags_written))})" if t.tags else ""
    return f"CREATE EVENT TRIGGER {ident(t.name)} ON {ident(t.event)}{when} EXECUTE FUNCTION {t.function}()"


def event_trigger_enabled(t: EventTrigger) -> str:
    return f"ALTER EVENT TRIGGER {ident(t.name)} {t.enabled}"


def _event_triggers_rebuilt(b: Builder, functions: set[str]) -> set[str]:
    """Event triggers present on both sides that are dropped and created again: their event, tags or
    function differ (ALTER EVENT TRIGGER cannot change them), or their function is itself rebuilt."""
    called = {f"{ident(f.schema, f.name)}" for f in b.old.functions if f.qualname in functions and not f.arguments}
    _, _, common = diff_keyed(b.old.event_triggers, b.new.event_triggers)
    return {n.name for o, n in common if (o.event, o.tags, o.function) != (n.event, n.tags, n.function)
            or o.function in called}


def drop_event_triggers(b: Builder, functions: set[str]) -> None:
    """Drop the event triggers that go or are rebuilt, before anything else: the plan's own DDL would fire them.

    :param functions: the routines the plan drops and creates again (:func:`~pgcanon.plan.routines.rebuilt_functions`).
    """
    rebuilt = _event_triggers_rebuilt(b, functions)
    _, removed, common = diff_keyed(b.old.event_triggers, b.new.event_triggers)
    for t in removed + [o for o, _ in common if o.name in rebuilt]:
        b.add("schemas", f"DROP EVENT TRIGGER {ident(t.name)}", f"drop event trigger {t.name}")


def create_event_triggers(b: Builder, functions: set[str]) -> None:
    """Create, enable or disable event triggers, and set their comments, after everything else (as pg_dump
    does): an event trigger created earlier would fire on the plan's own DDL."""
    rebuilt = _event_triggers_rebuilt(b, functions)
    added, _, common = diff_keyed(b.old.event_triggers, b.new.event_triggers)
    comments = not b.options.ignore_comments
    for t in added + [n for _, n in common if n.name in rebuilt]:
        b.add("finish", create_event_trigger(t), f"create event trigger {t.name}")
        if t.enabled != "ENABLE":
            b.add("finish", event_trigger_enabled(t), f"{t.enabled.lower()} event trigger {t.name}")
        if comments and t.comment is not None:
            b.add("finish", f"COMMENT ON EVENT TRIGGER {ident(t.name)} IS {literal(t.comment)}",
                  f"comment on event trigger {t.name}")
    for o, n in common:
        if n.name in rebuilt:
            continue
        if o.enabled != n.enabled:
            b.add("finish", event_trigger_enabled(n), f"{n.enabled.lower()} event trigger {n.name}")
        if comments and o.comment != n.comment:
            text = "NULL" if n.comment is None else literal(n.comment)
            b.add("finish", f"COMMENT ON EVENT TRIGGER {ident(n.name)} IS {text}", f"comment on event trigger {n.name}")
