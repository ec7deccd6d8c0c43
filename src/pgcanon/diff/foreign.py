"""SQL/MED: foreign data wrappers, foreign servers, user mappings, foreign tables and their columns.

Options are compared as stored (an ordered list). A server's or user mapping's secret option (a
password) is compared by the digest the reader holds in its place (:mod:`pgcanon.catalog.foreign`),
and no change ever carries it: a differing secret is a :class:`~pgcanon.diff.changes.SecretAltered`
naming the option only, and the options a change shows (added and removed objects included) have
``<secret>`` for each secret's value.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from pgcanon.catalog.foreign import SECRET_OPTION, shown_options
from pgcanon.diff.changes import Added, Altered, Removed, SecretAltered
from pgcanon.diff.core import DiffOptions, compare_objects, group_of, register

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from pgcanon.catalog.model import Snapshot
    from pgcanon.diff.changes import Change


#: A user mapping's options when the reader may not see them (``UserMapping.options`` None).
_HIDDEN = ("(hidden from the reader)",)


def _secrets(options: tuple[str, ...] | None) -> dict[str, str]:
    """Secret option name -> its digest (as the reader holds it)."""
    return {m.group(1): o for o in options or () if (m := SECRET_OPTION.match(o))}


def _options(a: Any, b: Any, field: str) -> Iterable[Change] | None:
    """The options of a server or user mapping, secrets not shown."""
    if field != "options":
        return None
    changes: list[Change] = []
    old = _HIDDEN if a.options is None else shown_options(a.options)
    new = _HIDDEN if b.options is None else shown_options(b.options)
    if old != new:
        changes.append(Altered(a.kind, a.qualname, field=field, old=old, new=new, group=group_of(a)))
    old_secrets, new_secrets = _secrets(a.options), _secrets(b.options)
    for key in sorted(k for k in old_secrets.keys() & new_secrets.keys() if old_secrets[k] != new_secrets[k]):
        changes.append(SecretAltered(a.kind, a.qualname, field=field, option=key, group=group_of(a)))
    return changes


def _concealed(changes: Iterable[Change]) -> Iterator[Change]:
    """*changes* with the objects of added and removed servers and mappings showing no secret."""
    for c in changes:
        if isinstance(c, (Added, Removed)):
            c = dataclasses.replace(c, obj=dataclasses.replace(c.obj, options=shown_options(c.obj.options)))
        yield c


def _column_field(a: Any, b: Any, field: str) -> Iterable[Change] | None:
    if field == "not_null_name" and (a.not_null_name is None or b.not_null_name is None):
        return ()  # NOT NULL itself differs, and is reported as such
    return None


@register("foreign data wrapper")
def compare_foreign_data_wrappers(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """Foreign data wrappers by name: handler, validator, options, comment, privileges."""
    return compare_objects(old.foreign_data_wrappers, new.foreign_data_wrappers, options)


@register("foreign server")
def compare_foreign_servers(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """Foreign servers by name: wrapper, type, version, options (secrets not shown), comment, privileges."""
    return _concealed(compare_objects(old.foreign_servers, new.foreign_servers, options, altered=_options))


@register("user mapping")
def compare_user_mappings(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """User mappings by server and role: options (secrets not shown)."""
    return _concealed(compare_objects(old.user_mappings, new.user_mappings, options, altered=_options))


@register("foreign table")
def compare_foreign_tables(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """Foreign tables by name: server, options, comment, privileges; then their columns by (table, name):
    position, type, collation, NOT NULL (and its PostgreSQL 18 name), default, options, comment. A foreign
    table holds no rows: dropping one, or a column, deletes no data."""
    yield from compare_objects(old.foreign_tables, new.foreign_tables, options)
    yield from compare_objects(old.foreign_columns, new.foreign_columns, options, altered=_column_field)
