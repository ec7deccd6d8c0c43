"""Ownership in the plan: ``ALTER … OWNER TO`` for each object whose owner the new side says otherwise.

Runs last, once every object exists. An object the plan creates, or drops and creates again, is owned
by the role that runs the plan; the generator assumes that role is the database's owner (as Alembic
run by the deploy role is), so only another owner needs a statement. ``(database owner)`` is not a
role name: giving an object back to the database's owner looks the role up when the plan runs.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pgcanon.diff.changes import Hazard
from pgcanon.plan.quote import ident, literal

if TYPE_CHECKING:
    from pgcanon.catalog.objects import Owner
    from pgcanon.plan.builder import Builder

#: How the snapshot names the owner of the database an object is in (catalog/queries/owners.sql).
DATABASE_OWNER = "(database owner)"


def owner_to(o: Owner) -> str:
    """``ALTER TABLE public.t OWNER TO auditor``; to the database's owner, a DO block that finds it."""
    alter = f"ALTER {o.object_type} {o.identity} OWNER TO"
    if o.owner != DATABASE_OWNER:
        return f"{alter} {ident(o.owner)}"
    template = literal(alter.replace("%", "%%") + " %I")
    return ("DO $owner$ BEGIN EXECUTE pg_catalog.format(" + template + ", (SELECT pg_catalog.pg_get_userbyid(datdba)"
            " FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())); END $owner$")


def bare(name: str) -> str:
    # identities are quoted and list argument types without spaces, qualnames are neither: compare bare
    return re.sub(r'[\s"]', "", name)


def plan_owners(b: Builder, rebuilt: set[str], *, event_triggers: bool) -> dict[str, str]:
    """The owner of every object of the new side that the old side owns otherwise, or that the plan
    creates (*rebuilt*: the qualified names of the objects it drops and creates again) for a role
    other than the database's owner.

    :param event_triggers: the event triggers' owners only (they are created after everything else),
        or everything else's.
    :returns: the objects that existed and change hands (:func:`bare` name -> new owner): their grants to
        the new owner are its own privileges now (:func:`granted_after`).
    """
    moved: dict[str, str] = {}
    if b.options.ignore_owners or not b.options.wants("owner"):
        return moved
    old = {o.key: o.owner for o in b.old.owners}
    remade = {bare(name) for name in rebuilt}
    for n in b.new.owners:
        if (n.object_type == "EVENT TRIGGER") != event_triggers:
            continue
        before = old.get(n.key)
        if before is None or bare(n.identity) in remade or bare(n.identity).partition("(")[0] in remade:
            before = DATABASE_OWNER  # created by this plan, as the role that runs it
        if n.owner != before:
            if n.key in old:
                moved[bare(n.identity)] = n.owner
            b.add("finish", owner_to(n), f"owner of {n.object_type.lower()} {n.identity}: {n.owner}",
                  (Hazard.CHANGES_AUTHORIZATION,))
    return moved


def granted_after(privileges: tuple[str, ...], qualname: str, moved: dict[str, str]) -> tuple[str, ...]:
    """An object's privileges (``grantee:PRIVILEGE``) once ALTER … OWNER TO has run: what was granted to
    the new owner merged into the owner's own (``(owner):…``), so it is neither granted nor revoked again."""
    owner = moved.get(bare(qualname))
    if owner is None:
        return privileges
    return tuple(p for p in privileges if p.partition(":")[0] != owner)
