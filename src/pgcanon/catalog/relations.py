"""The relations of the snapshot model: tables and their columns, constraints and indexes, views and
their columns. Apart from :mod:`pgcanon.catalog.model` for size only; the conventions are its own
(frozen, slotted, ``key``/``qualname``, ``key_fields``, privileges as sorted ``grantee:PRIVILEGE``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

Privileges = tuple[str, ...]


def _qual(*parts: str) -> str:
    return ".".join(parts)


@dataclass(frozen=True, slots=True)
class Table:
    """An ordinary or partitioned table (``relkind`` r/p).

    ``table_kind`` is ``table``, ``partitioned table``; ``partition_of`` and
    ``partition_bound`` are set for partitions; ``inherits`` lists the parents of
    classic inheritance. ``clustered_on`` is the index ``CLUSTER`` uses by default
    (``ALTER TABLE … CLUSTER ON``, ``pg_index.indisclustered``).
    """

    kind: ClassVar[str] = "table"
    key_fields: ClassVar[tuple[str, ...]] = ("schema", "name")
    schema: str
    name: str
    table_kind: str
    unlogged: bool
    partition_key: str | None
    partition_of: str | None
    partition_bound: str | None
    inherits: tuple[str, ...]
    options: tuple[str, ...]
    replica_identity: str
    rls_enabled: bool
    rls_forced: bool
    comment: str | None
    privileges: Privileges
    clustered_on: str | None = None

    @property
    def key(self) -> tuple[str, ...]:
        return (self.schema, self.name)

    @property
    def qualname(self) -> str:
        return _qual(self.schema, self.name)


@dataclass(frozen=True, slots=True)
class Column:
    """A live column of a table, ``position`` counting live columns only (dropped ones leave attnum gaps).

    ``not_null_name`` is the name of the PostgreSQL 18 NOT NULL constraint (None before 18).
    ``identity`` is ``ALWAYS``/``BY DEFAULT`` with ``identity_options`` its sequence's
    options; ``generated`` is ``STORED``/``VIRTUAL`` with the expression in ``default``.

    ``statistics`` is the column's own statistics target (``SET STATISTICS``), None for
    the default; ``storage`` is ``PLAIN``/``EXTERNAL``/``MAIN``/``EXTENDED`` only when it is
    not the type's default storage (``SET STORAGE``); ``compression`` is ``pglz``/``lz4``,
    None for the server's default (``SET COMPRESSION``).

    ``inherited`` is true for a column that only classic inheritance parents declare (not
    ``attislocal``): pg_dump leaves it out of the child's CREATE TABLE. A partition's columns never are.
    """

    kind: ClassVar[str] = "column"
    key_fields: ClassVar[tuple[str, ...]] = ("schema", "table", "name")
    schema: str
    table: str
    name: str
    position: int = field(compare=False)
    type: str
    collation: str | None
    not_null: bool
    not_null_name: str | None
    default: str | None
    identity: str | None
    identity_options: str | None
    generated: str | None
    comment: str | None
    privileges: Privileges
    statistics: int | None = None
    storage: str | None = None
    compression: str | None = None
    inherited: bool = False

    @property
    def key(self) -> tuple[str, ...]:
        return (self.schema, self.table, self.name)

    @property
    def qualname(self) -> str:
        return _qual(self.schema, self.table, self.name)


@dataclass(frozen=True, slots=True)
class Constraint:
    """A table constraint by name: ``constraint_type`` is one of check, foreign key, primary key, unique, exclusion.

    ``definition`` is ``pg_get_constraintdef``: columns, targets, actions, MATCH,
    DEFERRABLE, NOT VALID and NULLS NOT DISTINCT are in it; an exclusion constraint's index
    options too, but not a primary key's or unique constraint's ``WITH (...)``:
    ``index_options`` are that backing index's reloptions (pg_dump appends them).
    """

    kind: ClassVar[str] = "constraint"
    key_fields: ClassVar[tuple[str, ...]] = ("schema", "table", "name")
    schema: str
    table: str
    name: str
    constraint_type: str
    definition: str
    comment: str | None
    index_options: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, ...]:
        return (self.schema, self.table, self.name)

    @property
    def qualname(self) -> str:
        return _qual(self.schema, self.table, self.name)


@dataclass(frozen=True, slots=True)
class Index:
    """An index not owned by a constraint; ``definition`` is ``pg_get_indexdef`` (method, keys, INCLUDE, WITH, WHERE).

    ``statistics`` are ``"column N: target"`` for the expression columns given a statistics
    target (``ALTER INDEX … ALTER COLUMN N SET STATISTICS``), in column order.
    """

    kind: ClassVar[str] = "index"
    key_fields: ClassVar[tuple[str, ...]] = ("schema", "table", "name")
    schema: str
    table: str
    name: str
    definition: str
    valid: bool
    comment: str | None
    statistics: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, ...]:
        return (self.schema, self.table, self.name)

    @property
    def qualname(self) -> str:
        return _qual(self.schema, self.table, self.name)


@dataclass(frozen=True, slots=True)
class View:
    """A view or materialized view (``view_kind``); ``options`` hold security_barrier, check_option…

    ``clustered_on`` is a materialized view's ``CLUSTER ON`` index. Its columns are
    :class:`ViewColumn` objects. ``depends_on`` lists what its query uses, from ``pg_depend``
    (``relation:s.t``, ``column:s.t.c``, ``function:s.f(args)``, ``type:s.t``); not compared (the
    definition is), it orders the plan.
    """

    kind: ClassVar[str] = "view"
    key_fields: ClassVar[tuple[str, ...]] = ("schema", "name")
    schema: str
    name: str
    view_kind: str
    definition: str
    options: tuple[str, ...]
    comment: str | None
    privileges: Privileges
    clustered_on: str | None = None
    depends_on: tuple[str, ...] = field(default=(), compare=False)

    @property
    def key(self) -> tuple[str, ...]:
        return (self.schema, self.name)

    @property
    def qualname(self) -> str:
        return _qual(self.schema, self.name)


@dataclass(frozen=True, slots=True)
class ViewColumn:
    """A column of a view or materialized view: what is attached to it, not what it is.

    Its name, type and order follow from the view's definition, which is compared with
    the view; a view column carries its own comment, privileges and (views only,
    ``ALTER VIEW … ALTER COLUMN … SET DEFAULT``) default. Its changes are ``column``
    changes named ``schema.view.column``, worded ``view column …``.
    """

    kind: ClassVar[str] = "column"
    noun: ClassVar[str] = "view column"
    key_fields: ClassVar[tuple[str, ...]] = ("schema", "view", "name")
    schema: str
    view: str
    name: str
    default: str | None
    comment: str | None
    privileges: Privileges

    @property
    def key(self) -> tuple[str, ...]:
        return (self.schema, self.view, self.name)

    @property
    def qualname(self) -> str:
        return _qual(self.schema, self.view, self.name)
