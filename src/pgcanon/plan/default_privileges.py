"""Default privileges in the plan: ``ALTER DEFAULT PRIVILEGES … GRANT / REVOKE``, after everything else.

Last because an entry changes what objects created *after* it are granted: the plan's own CREATEs get
the privileges the new side gives them explicitly (see ``_privileges`` in :mod:`pgcanon.plan.generate`),
computed from PostgreSQL's defaults, as pg_dump restores them. The database's owner is not named: the
generator assumes the plan runs as it (as for owners, :mod:`pgcanon.plan.owners`), so its entries are
``ALTER DEFAULT PRIVILEGES`` with no ``FOR ROLE``, and it is ``CURRENT_USER`` as a grantee.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pgcanon.diff.changes import Hazard
from pgcanon.diff.core import diff_keyed
from pgcanon.plan.ddl import grant_changes
from pgcanon.plan.owners import DATABASE_OWNER
from pgcanon.plan.quote import ident, role

if TYPE_CHECKING:
    from pgcanon.catalog.model import Snapshot
    from pgcanon.catalog.objects import DefaultPrivileges
    from pgcanon.plan.builder import Builder

#: The object kinds (as the snapshot names them) each ALTER DEFAULT PRIVILEGES object type applies to.
_APPLIES_TO = {"table": "TABLES", "view": "TABLES", "foreign table": "TABLES", "sequence": "SEQUENCES",
               "function": "FUNCTIONS", "range type": "TYPES", "enum": "TYPES", "domain": "TYPES",
               "composite type": "TYPES", "schema": "SCHEMAS"}


def created_with(snap: Snapshot, kind: str, schema: str | None, defaults: tuple[str, ...]) -> tuple[str, ...]:
    """The privileges an object of *kind* in *schema* gets when the plan creates it on a database holding
    *snap*: PostgreSQL's *defaults*, or the database owner's entry everywhere in their stead, plus its
    entry in that schema (the plan runs as the database's owner and changes the entries only at its end)."""
    target = _APPLIES_TO.get(kind)
    if target is None or not snap.default_privileges:
        return defaults
    entries = {e.key: e.privileges for e in snap.default_privileges}
    granted = set(entries.get((DATABASE_OWNER, "", target), defaults))
    if schema is not None and kind != "schema":
        granted |= set(entries.get((DATABASE_OWNER, schema, target), ()))
    return tuple(sorted(granted))


def _statements(entry: DefaultPrivileges, before: tuple[str, ...], after: tuple[str, ...]) -> list[str]:
    head = "ALTER DEFAULT PRIVILEGES"
    if entry.role != DATABASE_OWNER:
        head += f" FOR ROLE {entry.role}"  # regrole's spelling: quoted where it must be
    if entry.schema:
        head += f" IN SCHEMA {ident(entry.schema)}"

    def grantee(name: str) -> str:
        # the entry's role itself: named, unless it is whoever runs the plan
        return entry.role if name == "(owner)" and entry.role != DATABASE_OWNER else role(name)

    return [f"{head} {text}" for text in grant_changes(before, after, entry.object_type, grantee=grantee)]


def plan_default_privileges(b: Builder) -> None:
    """Each entry's privileges, from the old side's (or its defaults) to the new side's (or its defaults)."""
    if b.options.ignore_privileges or not b.options.wants("default privileges"):
        return
    added, removed, common = diff_keyed(b.old.default_privileges, b.new.default_privileges)
    deltas = [(o.privileges, n.privileges, n) for o, n in common]
    deltas += [(n.defaults, n.privileges, n) for n in added] + [(o.privileges, o.defaults, o) for o in removed]
    schemas = {s.name for s in b.new.schemas}
    for before, after, entry in sorted(deltas, key=lambda d: d[2].key):
        if entry.schema and entry.schema not in schemas:
            continue  # DROP SCHEMA takes its entries with it
        for text in _statements(entry, before, after):
            b.add("finish", text, f"default privileges {entry.qualname}", (Hazard.CHANGES_AUTHORIZATION,))
