"""Model classes of the kinds added after the first release: extended statistics objects, rules,
collations, event triggers, range types, text search dictionaries and configurations, publications, owners.

Kept apart from :mod:`pgcanon.catalog.model` only for size; the same conventions hold (frozen,
slotted, ``key``/``qualname``, ``key_fields``, tuples), and :mod:`~pgcanon.catalog.model` lists them
in ``KINDS`` and :class:`~pgcanon.catalog.model.Snapshot` like its own classes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar


@dataclass(frozen=True, slots=True)
class Statistics:
    """An extended statistics object (``CREATE STATISTICS``), named in its own schema, on one table.

    ``kinds`` are ``ndistinct``, ``dependencies``, ``mcv`` in the catalog's order (empty for a
    statistics object on a single expression, which takes no kinds); ``columns`` are the columns in
    attnum order, then the expressions; ``statistics`` is the ``ALTER STATISTICS … SET STATISTICS``
    target, None for the default. Changes are grouped with the table (``table_schema.table``).
    """

    kind: ClassVar[str] = "statistics"
    key_fields: ClassVar[tuple[str, ...]] = ("schema", "name")
    schema: str
    name: str
    table_schema: str
    table: str
    kinds: tuple[str, ...]
    columns: str
    statistics: int | None
    comment: str | None

    @property
    def key(self) -> tuple[str, ...]:
        return (self.schema, self.name)

    @property
    def qualname(self) -> str:
        return f"{self.schema}.{self.name}"


@dataclass(frozen=True, slots=True)
class Rule:
    """A rewrite rule on a table or view (``pg_get_ruledef``), not a view's own ``_RETURN`` rule.

    ``enabled`` is ``ev_enabled`` as ALTER TABLE spells it (ENABLE, DISABLE, ENABLE REPLICA, ENABLE
    ALWAYS); only a table's rules can be disabled. ``table`` names the table or view.
    """

    kind: ClassVar[str] = "rule"
    key_fields: ClassVar[tuple[str, ...]] = ("schema", "table", "name")
    schema: str
    table: str
    name: str
    definition: str
    enabled: str
    comment: str | None

    @property
    def key(self) -> tuple[str, ...]:
        return (self.schema, self.table, self.name)

    @property
    def qualname(self) -> str:
        return f"{self.schema}.{self.table}.{self.name}"


@dataclass(frozen=True, slots=True)
class Collation:
    """A collation made by ``CREATE COLLATION`` (initdb's own, in pg_catalog, are not read).

    ``provider`` is ``libc``, ``icu`` or ``builtin`` (17+). A libc collation has ``lc_collate`` and
    ``lc_ctype``; the others a ``locale``, and ICU ones may have tailoring ``rules`` (16+). A column,
    domain or composite attribute names the collation it uses in its own ``collation`` field.
    """

    kind: ClassVar[str] = "collation"
    key_fields: ClassVar[tuple[str, ...]] = ("schema", "name")
    schema: str
    name: str
    provider: str
    lc_collate: str | None
    lc_ctype: str | None
    locale: str | None
    rules: str | None
    deterministic: bool
    comment: str | None

    @property
    def key(self) -> tuple[str, ...]:
        return (self.schema, self.name)

    @property
    def qualname(self) -> str:
        return f"{self.schema}.{self.name}"


@dataclass(frozen=True, slots=True)
class EventTrigger:
    """An event trigger (``CREATE EVENT TRIGGER``), a database-wide object in no schema.

    ``tags`` are the ``WHEN TAG IN`` filter, upper-cased and sorted (empty: every command), and
    ``tags_written`` the same in the order CREATE EVENT TRIGGER gave them: not compared, since the
    filter is a set, but kept for the DDL, so that pg_dump prints a generated one as the original.
    ``function`` is the function it runs, qualified; ``enabled`` as ALTER EVENT TRIGGER spells it.
    """

    kind: ClassVar[str] = "event trigger"
    key_fields: ClassVar[tuple[str, ...]] = ("name",)
    name: str
    event: str
    tags: tuple[str, ...]
    function: str
    tags_written: tuple[str, ...] = field(compare=False)
    enabled: str
    comment: str | None

    @property
    def key(self) -> tuple[str, ...]:
        return (self.name,)

    @property
    def qualname(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class Range:
    """A range type (``CREATE TYPE … AS RANGE``, ``pg_range``) and the multirange type made with it.

    ``subtype`` is ``format_type``'s; ``subtype_opclass`` is set only when it is not the subtype's
    default btree operator class, and ``collation`` only when it is not the subtype's own (as pg_dump
    prints them). ``canonical`` and ``subtype_diff`` are the functions, qualified (None for none).
    ``multirange`` is the multirange type's qualified name: its only property of its own, since its
    privileges are the range's (PostgreSQL refuses GRANT on a multirange). ALTER TYPE can change none of
    the fields but the comment and privileges.
    """

    kind: ClassVar[str] = "range type"
    key_fields: ClassVar[tuple[str, ...]] = ("schema", "name")
    schema: str
    name: str
    subtype: str
    subtype_opclass: str | None
    collation: str | None
    canonical: str | None
    subtype_diff: str | None
    multirange: str
    comment: str | None
    privileges: tuple[str, ...]

    @property
    def key(self) -> tuple[str, ...]:
        return (self.schema, self.name)

    @property
    def qualname(self) -> str:
        return f"{self.schema}.{self.name}"


@dataclass(frozen=True, slots=True)
class Owner:
    """Who owns one object of a compared kind (``ALTER … OWNER TO``), keyed by ALTER's keyword for it
    (``TABLE``, ``FUNCTION``, ``DOMAIN``…) and pg_identify_object's identity (quoted and qualified, a
    routine with its argument types), which is what ALTER takes.

    ``owner`` is a role name, or ``(database owner)`` for the owner of the database it is in: a schema
    built by one role and deployed by another compares equal while each owns its own database.
    """

    kind: ClassVar[str] = "owner"
    key_fields: ClassVar[tuple[str, ...]] = ("object_type", "identity")
    object_type: str
    identity: str
    #: the schema the object is in (None for a schema or an event trigger): part of the identity
    schema: str | None = field(compare=False)
    owner: str

    @property
    def key(self) -> tuple[str, ...]:
        return (self.object_type, self.identity)

    @property
    def qualname(self) -> str:
        return self.identity


@dataclass(frozen=True, slots=True)
class Publication:
    """A publication of logical replication (``CREATE PUBLICATION``, ``pg_publication``); no schema.

    ``publish`` is the ``publish`` option as written back: the operations published, in the order
    insert, update, delete, truncate, comma-separated (empty for none). ``generated_columns`` is
    ``publish_generated_columns`` (``none`` or ``stored``), a setting of PostgreSQL 18: None before.
    ``tables`` are the tables named (none for ``FOR ALL TABLES``), each as ``CREATE PUBLICATION`` spells
    it: the quoted, qualified name, then (15+) its column list in the catalog's order and its row filter,
    ``shop.orders (id, status) WHERE ((status <> 'cancelled'::text))``; ``schemas`` (15+) are those of
    ``FOR TABLES IN SCHEMA``, quoted. Its owner is an :class:`Owner`.
    """

    kind: ClassVar[str] = "publication"
    key_fields: ClassVar[tuple[str, ...]] = ("name",)
    name: str
    all_tables: bool
    publish: str
    via_partition_root: bool
    generated_columns: str | None
    tables: tuple[str, ...]
    schemas: tuple[str, ...]
    comment: str | None

    @property
    def key(self) -> tuple[str, ...]:
        return (self.name,)

    @property
    def qualname(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class DefaultPrivileges:
    """One ``ALTER DEFAULT PRIVILEGES`` entry: what objects of ``object_type`` (``TABLES``, ``FUNCTIONS``…)
    that ``role`` creates from now on, everywhere or in ``schema``, are granted, as an object's privileges
    are spelled (the role itself as ``(owner)``). ``role`` is ``(database owner)`` for the database's owner,
    as :class:`Owner` says it.

    ``defaults`` is what no entry means (compared with the other side's entry when one side has none):
    PostgreSQL's defaults for an entry everywhere, nothing for one in a schema, which only adds.
    """

    kind: ClassVar[str] = "default privileges"
    key_fields: ClassVar[tuple[str, ...]] = ("role", "schema", "object_type")
    role: str
    #: the schema the entry is for, or '' for every schema
    schema: str
    object_type: str
    privileges: tuple[str, ...]
    defaults: tuple[str, ...] = field(compare=False)

    @property
    def key(self) -> tuple[str, ...]:
        return (self.role, self.schema, self.object_type)

    @property
    def qualname(self) -> str:
        where = f" in schema {self.schema}" if self.schema else ""
        return f"for {self.role}{where} on {self.object_type.lower()}"


@dataclass(frozen=True, slots=True)
class NotCompared:
    """How many objects of a kind the snapshot does not model (operators, casts, publications…) the
    database holds, extension members and the system's own aside: reported, never compared."""

    kind: ClassVar[str] = "not compared"
    key_fields: ClassVar[tuple[str, ...]] = ("object_kind",)
    object_kind: str
    count: int

    @property
    def key(self) -> tuple[str, ...]:
        return (self.object_kind,)

    @property
    def qualname(self) -> str:
        return self.object_kind

    def describe(self) -> str:
        """``2 operators``, ``1 text search dictionary``."""
        return f"{self.count} {self.object_kind if self.count == 1 else plural(self.object_kind)}"


def plural(noun: str) -> str:
    """The plural of a kind's name: ``operator class`` → ``operator classes``, ``entry`` → ``entries``."""
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"
