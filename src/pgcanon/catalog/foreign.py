"""Model classes of SQL/MED: foreign data wrappers, foreign servers, user mappings, foreign tables and
their columns.

The same conventions hold as in :mod:`pgcanon.catalog.model` (frozen, slotted, ``key``/``qualname``,
``key_fields``, tuples), which lists them in ``KINDS`` and :class:`~pgcanon.catalog.model.Snapshot`.

Options are tuples of ``"key=value"`` strings in the order the catalog stores them (``ALTER … OPTIONS
(ADD …)`` appends). Servers and user mappings may hold secrets (a ``password`` option): the reader never
fetches such a value, only its SHA-256 (:data:`SECRET_OPTION`), so that two sides compare equal exactly
when their secrets are equal, while no snapshot, cache file or report ever carries the secret; reports
do not show the digest either (:func:`shown_options`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

#: What the reader puts in place of a secret option's value (``foreign_servers.sql``, ``user_mappings.sql``).
SECRET_OPTION = re.compile(r"^([^=]*)=<secret sha256 [0-9a-f]{64}>$")


def secret_keys(options: tuple[str, ...] | None) -> tuple[str, ...]:
    """The names of the options in *options* whose values are secrets (digests in the snapshot)."""
    return tuple(m.group(1) for o in options or () if (m := SECRET_OPTION.match(o)))


def shown_options(options: tuple[str, ...] | None) -> tuple[str, ...] | None:
    """*options* as a report may show them: a secret's digest becomes ``<secret>``."""
    if options is None:
        return None
    return tuple(f"{m.group(1)}=<secret>" if (m := SECRET_OPTION.match(o)) else o for o in options)


@dataclass(frozen=True, slots=True)
class ForeignDataWrapper:
    """A foreign data wrapper (``pg_foreign_data_wrapper``) a user made, not an extension's.

    ``handler`` and ``validator`` are the functions, qualified (None for none).
    """

    kind: ClassVar[str] = "foreign data wrapper"
    key_fields: ClassVar[tuple[str, ...]] = ("name",)
    name: str
    handler: str | None
    validator: str | None
    options: tuple[str, ...]
    comment: str | None
    privileges: tuple[str, ...]

    @property
    def key(self) -> tuple[str, ...]:
        return (self.name,)

    @property
    def qualname(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class ForeignServer:
    """A foreign server (``pg_foreign_server``): its wrapper, ``TYPE`` and ``VERSION`` (None for none)."""

    kind: ClassVar[str] = "foreign server"
    key_fields: ClassVar[tuple[str, ...]] = ("name",)
    name: str
    wrapper: str
    server_type: str | None
    version: str | None
    options: tuple[str, ...]
    comment: str | None
    privileges: tuple[str, ...]

    @property
    def key(self) -> tuple[str, ...]:
        return (self.name,)

    @property
    def qualname(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class UserMapping:
    """A user mapping (``pg_user_mappings``) of ``user`` on ``server``.

    ``user`` is a role name, ``PUBLIC``, or ``(owner)`` for the server's owner (as privileges name it).
    ``options`` is None when the reading role may not see them (the view then hides them).
    """

    kind: ClassVar[str] = "user mapping"
    key_fields: ClassVar[tuple[str, ...]] = ("server", "user")
    server: str
    user: str
    options: tuple[str, ...] | None

    @property
    def key(self) -> tuple[str, ...]:
        return (self.server, self.user)

    @property
    def qualname(self) -> str:
        return f"for {self.user} on {self.server}"


@dataclass(frozen=True, slots=True)
class ForeignTable:
    """A foreign table (``pg_class`` relkind ``f``, ``pg_foreign_table``): its server and options.

    ``partition_of`` is the partitioned table it is a partition of (``schema.name``) with its
    ``partition_bound``; ``inherits`` the tables it is a child of (``INHERITS``), in order.

    Its columns are :class:`ForeignColumn` objects; its CHECK constraints and triggers are read as a
    table's are.
    """

    kind: ClassVar[str] = "foreign table"
    key_fields: ClassVar[tuple[str, ...]] = ("schema", "name")
    schema: str
    name: str
    server: str
    partition_of: str | None
    partition_bound: str | None
    inherits: tuple[str, ...]
    options: tuple[str, ...]
    comment: str | None
    privileges: tuple[str, ...]

    @property
    def key(self) -> tuple[str, ...]:
        return (self.schema, self.name)

    @property
    def qualname(self) -> str:
        return f"{self.schema}.{self.name}"


@dataclass(frozen=True, slots=True)
class ForeignColumn:
    """A live column of a foreign table. ``position`` counts live columns and is compared: a foreign
    table's columns may map onto the remote side by position (file_fdw does). ``options`` are the
    wrapper's column options (``attfdwoptions``); ``generated`` is ``STORED`` with the expression in
    ``default``; ``not_null_name`` is the name of the PostgreSQL 18 NOT NULL constraint (None before);
    ``privileges`` the column's own (``GRANT SELECT (c)``), ``statistics`` its ``SET STATISTICS`` target
    (None for the default). Its changes are ``column`` changes, worded ``foreign table column``.
    """

    kind: ClassVar[str] = "column"
    noun: ClassVar[str] = "foreign table column"
    key_fields: ClassVar[tuple[str, ...]] = ("schema", "table", "name")
    schema: str
    table: str
    name: str
    position: int
    type: str
    collation: str | None
    not_null: bool
    not_null_name: str | None
    default: str | None
    generated: str | None
    options: tuple[str, ...]
    comment: str | None
    privileges: tuple[str, ...]
    statistics: int | None

    @property
    def key(self) -> tuple[str, ...]:
        return (self.schema, self.table, self.name)

    @property
    def qualname(self) -> str:
        return f"{self.schema}.{self.table}.{self.name}"
