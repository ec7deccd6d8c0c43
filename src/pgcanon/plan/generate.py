"""``plan(old, new)``: the statements that turn a database holding *old* into one holding *new*.

Built from the two snapshots, kind by kind (:mod:`pgcanon.plan.types`, :mod:`~pgcanon.plan.tables`,
:mod:`~pgcanon.plan.views`, :mod:`~pgcanon.plan.routines`), into the phases of
:mod:`pgcanon.plan.builder`. What DDL cannot do is collected and raised together as a
:class:`~pgcanon.errors.PlanError`, never emitted as a plan that silently diverges.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pgcanon.diff.changes import Hazard
from pgcanon.diff.core import DiffOptions, diff_keyed
from pgcanon.errors import PlanError
from pgcanon.plan import ddl
from pgcanon.plan.builder import Builder
from pgcanon.plan.default_privileges import created_with, plan_default_privileges
from pgcanon.plan.foreign import drop_foreign, plan_wrappers_and_servers
from pgcanon.plan.foreign_tables import plan_foreign_tables
from pgcanon.plan.keys import plan_constraints, plan_indexes
from pgcanon.plan.objects import (
    create_event_triggers,
    drop_collations,
    drop_event_triggers,
    plan_collations,
    plan_rules,
    plan_statistics,
)
from pgcanon.plan.opclasses import create_operator_classes, drop_operator_classes
from pgcanon.plan.operators import plan_casts, plan_operators
from pgcanon.plan.owners import granted_after, plan_owners
from pgcanon.plan.publications import plan_publications
from pgcanon.plan.quote import ident
from pgcanon.plan.ranges import drop_ranges, place_range_functions, plan_ranges
from pgcanon.plan.routines import (
    created_routines,
    drop_functions,
    plan_functions,
    plan_policies,
    plan_triggers,
    rebuilt_functions,
)
from pgcanon.plan.tables import plan_tables
from pgcanon.plan.text_search import drop_text_search, plan_text_search
from pgcanon.plan.text_search_bases import drop_text_search_bases, plan_text_search_bases
from pgcanon.plan.types import (
    create_types,
    drop_types,
    enum_recreated,
    finish_domains,
    plan_composites,
    plan_domains,
    plan_enums,
    plan_sequences,
)
from pgcanon.plan.views import plan_views, rebuilt_views

if TYPE_CHECKING:
    from pgcanon.catalog.model import Snapshot
    from pgcanon.plan.statement import Plan


def plan(old: Snapshot, new: Snapshot, options: DiffOptions = DiffOptions(), *,  # noqa: B008
         online: bool = True) -> Plan:
    """The plan from *old* to *new*; empty when the two compare equal under *options*.

    :param online: the forms that keep an existing table writable (``CONCURRENTLY``, ``NOT VALID``
        then ``VALIDATE``, ``lock_timeout``); False gives the plain statements.
    :raises PlanError: listing every change DDL cannot make, each with its fix.
    """
    b = Builder(old, new, options, online)
    functions = rebuilt_functions(b)
    drop_event_triggers(b, functions)
    _schemas_and_extensions(b)
    collations = plan_collations(b)
    text_search = plan_text_search_bases(b)  # before the dictionaries and configurations built on them
    text_search |= plan_text_search(b)
    plan_enums(b)
    ranges = plan_ranges(b, late=False)
    created = created_routines(b, functions)
    create_types(b, late=False, functions=created)
    plan_domains(b, created)
    plan_composites(b)
    ranges |= plan_ranges(b, late=True)  # the range types over domains and composite types
    plan_sequences(b)
    plan_functions(b, functions)
    finish_domains(b, created)  # the domain checks and defaults that call the routines just created
    place_range_functions(b)
    servers = plan_wrappers_and_servers(b)
    existing = plan_tables(b)
    create_types(b, late=True)  # after CREATE TABLE: those made of a table's row type
    plan_functions(b, functions, late=True)  # and the routines that take or return one
    foreign, foreign_touched = plan_foreign_tables(b)
    drop_functions(b, stage="after tables")  # a dropped table's defaults and checks call them
    drop_types(b)  # after DROP TABLE: the columns and defaults of a dropped table use them
    drop_functions(b, stage="after types")  # a dropped domain's checks call them
    dropped_tables = {t.key for t in old.tables} - {t.key for t in new.tables}
    views = rebuilt_views(b, _touched(b, functions) | foreign_touched)
    plan_views(b, views)
    view_keys = {v.key for v in old.views} | {v.key for v in new.views}
    rebuilt_view_keys = {v.key for v in new.views if v.qualname in views}
    constraints = plan_constraints(b, existing)
    indexes = plan_indexes(b, existing, view_keys, rebuilt_view_keys)
    triggers = plan_triggers(b, dropped_tables, functions)
    policies = plan_policies(b, dropped_tables)
    statistics = plan_statistics(b, rebuilt_view_keys)
    rules = plan_rules(b, rebuilt_view_keys)
    # after every other kind's drops of dependents (a view using an operator goes first) and creates of
    # functions (at the end of that phase: an operator's or cast's function and types exist by then)
    drop_operator_classes(b, functions)  # before the operators and functions their members name
    casts = plan_casts(b, functions)
    operators = plan_operators(b, functions)
    opclasses = create_operator_classes(b, functions)  # after the operators, before the indexes
    publications = plan_publications(b)
    drop_ranges(b)
    drop_text_search(b)
    drop_text_search_bases(b)  # after the dictionaries and configurations that used them
    drop_collations(b)
    drop_foreign(b)
    # A rebuilt enum is a new type: its comment must be set again.
    _comments(b, rebuilt={*views, *functions, *triggers, *policies, *constraints, *indexes, *enum_recreated(b),
                          *statistics, *rules, *collations, *ranges, *text_search,
                          *publications, *casts, *operators, *opclasses,
                          *servers, *foreign})
    # owners before privileges: ALTER … OWNER TO hands the old owner's grants to the new one
    remade = {*views, *functions, *ranges, *enum_recreated(b), *statistics, *collations, *text_search,
              *casts, *operators, *opclasses, *servers, *foreign}
    moved = plan_owners(b, remade, event_triggers=False)
    _privileges(b, rebuilt={*views, *functions, *ranges, *servers, *foreign}, moved=moved)
    create_event_triggers(b, functions)
    plan_owners(b, remade, event_triggers=True)  # they are created last
    plan_default_privileges(b)  # last: they change what the objects created after them get
    if b.problems:
        raise PlanError(b.problems)
    return b.plan()


def _touched(b: Builder, functions: set[str]) -> set[str]:
    """The ``depends_on`` entries of what this plan drops, retypes or rebuilds (views around them are rebuilt)."""
    touched = {f"type:{e}" for e in enum_recreated(b)}
    touched |= {f"function:{f}" for f in functions}
    new_columns = {c.key: c for c in b.new.columns}
    for c in b.old.columns:
        n = new_columns.get(c.key)
        if n is None or (c.type, c.collation) != (n.type, n.collation):
            touched.add(f"column:{c.qualname}")
    for attr in ("functions", "enums", "ranges", "domains", "composite_types"):
        _, removed, _ = diff_keyed(getattr(b.old, attr), getattr(b.new, attr))
        prefix = "function" if attr == "functions" else "type"
        touched |= {f"{prefix}:{o.qualname}" for o in removed}
    return touched


def _schemas_and_extensions(b: Builder) -> None:
    added, removed, _ = diff_keyed(b.old.schemas, b.new.schemas)
    for s in added:
        b.add("schemas", ddl.create_schema(s), f"create schema {s.qualname}")
    for s in removed:
        b.add("drop_schemas", f"DROP SCHEMA {ident(s.name)}", f"drop schema {s.qualname}", (Hazard.DELETES_DATA,))
    skip = b.options.ignore_extensions
    added_ext, removed_ext, common_ext = diff_keyed(
        [e for e in b.old.extensions if e.name not in skip], [e for e in b.new.extensions if e.name not in skip]
    )
    versions = not b.options.ignore_extension_versions
    for e in added_ext:
        b.add("schemas", ddl.create_extension(e, version=versions), f"create extension {e.name}")
    for e in removed_ext:
        b.add("drops", f"DROP EXTENSION {ident(e.name)}", f"drop extension {e.name}", (Hazard.DELETES_DATA,))
    for o, n in common_ext:
        if o.schema != n.schema:
            b.add("schemas", f"ALTER EXTENSION {ident(n.name)} SET SCHEMA {ident(n.schema)}",
                  f"move extension {n.name} to schema {n.schema}")
        if versions and o.version != n.version:
            b.add("schemas", f"ALTER EXTENSION {ident(n.name)} UPDATE TO {ddl.literal(n.version)}",
                  f"update extension {n.name} to {n.version}")
        if o.comment != n.comment and not b.options.ignore_comments:
            b.add("finish", ddl.comment(n, n.comment), f"comment on extension {n.name}")


#: Kinds whose objects carry a ``comment`` field, compared and set by ``COMMENT ON``.
_COMMENTED = ("schemas", "foreign_data_wrappers", "foreign_servers", "collations", "text_search_templates",
              "text_search_parsers", "text_search_dictionaries",
              "text_search_configurations", "enums", "ranges", "domains", "composite_types", "sequences", "tables",
              "columns", "foreign_tables", "foreign_columns", "constraints", "indexes", "views", "view_columns",
              "functions", "triggers", "policies", "statistics", "rules", "publications", "casts", "operators",
              "operator_families", "operator_classes")


def _comments(b: Builder, rebuilt: set[str]) -> None:
    if b.options.ignore_comments:
        return
    for attr in _COMMENTED:
        old = {o.key: o for o in getattr(b.old, attr)}
        for n in getattr(b.new, attr):
            o = old.get(n.key)
            before = None if o is None or _rebuilt(n, rebuilt) else o.comment
            if n.comment != before:
                target = None
                if attr == "view_columns":
                    target = f"COLUMN {ident(n.schema, n.view, n.name)}"
                b.add("finish", ddl.comment(n, n.comment, target), f"comment on {n.kind} {n.qualname}")
        if attr == "composite_types":
            for n in b.new.composite_types:
                o = old.get(n.key)
                before = set(o.attribute_comments) if o is not None else set()
                gone = {x.partition(": ")[0] for x in before} - {x.partition(": ")[0] for x in n.attribute_comments}
                for item in sorted(set(n.attribute_comments) - before):
                    attribute, _, text = item.partition(": ")
                    b.add("finish", f"COMMENT ON COLUMN {ddl.name_of(n)}.{ident(attribute)} IS {ddl.literal(text)}",
                          f"comment on attribute {attribute} of {n.qualname}")
                for attribute in sorted(gone):
                    b.add("finish", f"COMMENT ON COLUMN {ddl.name_of(n)}.{ident(attribute)} IS NULL",
                          f"comment on attribute {attribute} of {n.qualname}")
    _view_column_defaults(b, rebuilt)


def _rebuilt(obj: Any, rebuilt: set[str]) -> bool:
    """Whether *obj*, or the view it is a column of, is dropped and created again by the plan."""
    view = getattr(obj, "view", None)
    if view is not None:
        return f"{obj.schema}.{view}" in rebuilt
    return obj.qualname in rebuilt


def _view_column_defaults(b: Builder, rebuilt: set[str]) -> None:
    old = {c.key: c for c in b.old.view_columns}
    for n in b.new.view_columns:
        o = old.get(n.key)
        before = None if o is None or _rebuilt(n, rebuilt) else o.default
        if n.default != before:
            at = f"ALTER VIEW {ident(n.schema, n.view)} ALTER COLUMN {ident(n.name)}"
            b.add("finish", f"{at} SET DEFAULT {n.default}" if n.default is not None else f"{at} DROP DEFAULT",
                  f"default of view column {n.qualname}")


_PRIVILEGED = ("schemas", "foreign_data_wrappers", "foreign_servers", "ranges", "sequences", "tables", "columns",
               "foreign_tables", "foreign_columns", "views", "view_columns", "functions")


def _privileges(b: Builder, rebuilt: set[str], moved: dict[str, str]) -> None:
    if b.options.ignore_privileges:
        return
    version = b.new.server_version
    for attr in _PRIVILEGED:
        old = {o.key: o for o in getattr(b.old, attr)}
        for n in getattr(b.new, attr):
            o = old.get(n.key)
            if o is None or _rebuilt(n, rebuilt):
                kind = "view" if attr == "views" else n.kind
                before = (() if attr in ("columns", "foreign_columns", "view_columns")
                          else created_with(b.old, kind, getattr(n, "schema", None),
                                            ddl.default_privileges(kind, version)))
            else:
                before = granted_after(o.privileges, _owned(n), moved)
            if set(before) != set(n.privileges):
                for text in ddl.privilege_statements(n, tuple(before), n.privileges):
                    b.add("finish", text, f"privileges on {n.kind} {n.qualname}", (Hazard.CHANGES_AUTHORIZATION,))


def _owned(obj: Any) -> str:
    """The qualified name of the object whose owner holds *obj*'s privileges: a column's table or view."""
    parent = getattr(obj, "table", None) or getattr(obj, "view", None)
    return f"{obj.schema}.{parent}" if parent else obj.qualname
