"""The plan for views: which to drop and recreate, in the order ``pg_depend`` gives.

A view is rebuilt when its definition changes, or when something it uses (read from ``pg_depend``
into :attr:`View.depends_on`) is dropped, changes type, or is itself rebuilt: PostgreSQL refuses to
alter a column a view uses. Views are dropped dependents first and created dependencies first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pgcanon.diff.core import diff_keyed
from pgcanon.plan import ddl
from pgcanon.plan.quote import ident

if TYPE_CHECKING:
    from collections.abc import Iterable

    from pgcanon.catalog.model import Snapshot, View
    from pgcanon.plan.builder import Builder


def _relations(view: View, column_owner: dict[str, str]) -> set[str]:
    """The relations (tables, views) *view* selects from, by qualified name."""
    out = set()
    for dep in view.depends_on:
        kind, _, name = dep.partition(":")
        if kind == "relation":
            out.add(name)
        elif kind == "column" and name in column_owner:
            out.add(column_owner[name])
    return out


def column_owners(snap: Snapshot) -> dict[str, str]:
    owners = {c.qualname: f"{c.schema}.{c.table}" for c in snap.columns}
    owners.update({c.qualname: f"{c.schema}.{c.view}" for c in snap.view_columns})
    return owners


def rebuilt_views(b: Builder, touched: set[str]) -> set[str]:
    """Qualified names of the views present on both sides that must be dropped and created again.

    :param touched: ``depends_on`` entries (``column:…``, ``type:…``, ``function:…``, ``relation:…``)
        whose objects the plan drops, retypes or rebuilds.
    """
    _, _, common = diff_keyed(b.old.views, b.new.views)
    owners = column_owners(b.old)
    rebuilt = {o.qualname for o, n in common if (o.view_kind, o.definition) != (n.view_kind, n.definition)}
    removed = {v.qualname for v in b.old.views} - {v.qualname for v in b.new.views}
    while True:
        gone = rebuilt | removed
        more = {
            o.qualname for o, _ in common
            if o.qualname not in rebuilt
            and (touched.intersection(o.depends_on) or gone & _relations(o, owners))
        }
        if not more:
            return rebuilt
        rebuilt |= more


def _ordered(views: Iterable[View], snap: Snapshot) -> list[View]:
    """*views* with every view after the views it selects from."""
    owners = column_owners(snap)
    pending = {v.qualname: v for v in views}
    done: dict[str, View] = {}

    def visit(v: View, path: tuple[str, ...] = ()) -> None:
        if v.qualname in done or v.qualname in path:
            return
        for dep in sorted(_relations(v, owners)):
            if dep in pending:
                visit(pending[dep], (*path, v.qualname))
        done[v.qualname] = v

    for v in list(pending.values()):
        visit(v)
    return list(done.values())


def plan_views(b: Builder, rebuilt: set[str]) -> None:
    added, removed, common = diff_keyed(b.old.views, b.new.views)
    old_rebuilt = [o for o, _ in common if o.qualname in rebuilt]
    for v in reversed(_ordered(removed + old_rebuilt, b.old)):
        b.add("drop_dependents", ddl.drop_view(v), f"drop {v.view_kind} {v.qualname}" +
              (" (created again below)" if v.qualname in rebuilt else ""))
    new_rebuilt = [n for _, n in common if n.qualname in rebuilt]
    for v in _ordered(added + new_rebuilt, b.new):
        b.add("views", ddl.create_view(v), f"create {v.view_kind} {v.qualname}")
        if v.clustered_on:
            b.add("views", f"ALTER MATERIALIZED VIEW {ddl.name_of(v)} CLUSTER ON {ident(v.clustered_on)}",
                  f"CLUSTER ON of {v.qualname}")
    for o, n in common:
        if n.qualname in rebuilt:
            continue
        if o.options != n.options:
            kind = "MATERIALIZED VIEW" if n.view_kind == "materialized view" else "VIEW"
            gone = [x.partition("=")[0] for x in o.options
                    if x.partition("=")[0] not in {y.partition("=")[0] for y in n.options}]
            if gone:
                b.add("views", f"ALTER {kind} {ddl.name_of(n)} RESET ({', '.join(gone)})", f"options of {n.qualname}")
            if n.options:
                b.add("views", f"ALTER {kind} {ddl.name_of(n)} SET ({', '.join(n.options)})",
                      f"options of {n.qualname}")
        if o.clustered_on != n.clustered_on:
            text = (f"CLUSTER ON {ident(n.clustered_on)}" if n.clustered_on else "SET WITHOUT CLUSTER")
            b.add("views", f"ALTER MATERIALIZED VIEW {ddl.name_of(n)} {text}", f"CLUSTER ON of {n.qualname}")
