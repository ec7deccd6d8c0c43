"""The snapshot model: one frozen, slotted dataclass per catalog object kind.

Every object has a ``key`` (its identity, a tuple) and a ``qualname`` (the same
identity as one readable string, e.g. ``public.videos.title``).  Fields that are
compared are plain fields; volatile ones (positions used only for ordering) are
``compare=False``.  Collections are tuples, sorted by key at read time, so two
snapshots of equal schemas are equal objects.

Privileges are tuples of ``"grantee:PRIVILEGE"`` strings (``"grantee:PRIVILEGE*"``
when grantable), sorted, i.e. compared as sets.  The owner of an object is
written ``(owner)`` so that two databases built by different roles still compare
equal; ``PUBLIC`` is the pseudo-role.

Every class names its key's fields in ``key_fields``: the diff compares all the
other compared fields (an extension's ``schema`` is compared, a table's is not).
Fields added after the first release have defaults, at the end, so model objects
built by keyword elsewhere keep working.

Identity sequences are **not** :class:`Sequence` objects: PostgreSQL creates and
names them for the column, so they are compared as part of the column
(:attr:`Column.identity_options`).  Sequences of ``serial`` columns are ordinary
sequences ``OWNED BY`` the column and are compared as such.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import ClassVar

from pgcanon.catalog.foreign import ForeignColumn, ForeignDataWrapper, ForeignServer, ForeignTable, UserMapping
from pgcanon.catalog.objects import (
    Cast,
    Collation,
    EventTrigger,
    NotCompared,
    Operator,
    OperatorClass,
    OperatorFamily,
    Owner,
    Publication,
    Range,
    Rule,
    Statistics,
    TextSearchConfiguration,
    TextSearchDictionary,
)

Privileges = tuple[str, ...]


def _qual(*parts: str) -> str:
    return ".".join(parts)


@dataclass(frozen=True, slots=True)
class Schema:
    """A namespace (``pg_namespace``)."""

    kind: ClassVar[str] = "schema"
    key_fields: ClassVar[tuple[str, ...]] = ("name",)
    name: str
    comment: str | None
    privileges: Privileges

    @property
    def key(self) -> tuple[str, ...]:
        return (self.name,)

    @property
    def qualname(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class Extension:
    """An installed extension (``pg_extension``); its own objects are never read."""

    kind: ClassVar[str] = "extension"
    key_fields: ClassVar[tuple[str, ...]] = ("name",)
    name: str
    schema: str
    version: str
    comment: str | None

    @property
    def key(self) -> tuple[str, ...]:
        return (self.name,)

    @property
    def qualname(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class Enum:
    """An enum type; ``labels`` in ``enumsortorder`` order (the floats themselves are not kept)."""

    kind: ClassVar[str] = "enum"
    key_fields: ClassVar[tuple[str, ...]] = ("schema", "name")
    schema: str
    name: str
    labels: tuple[str, ...]
    comment: str | None

    @property
    def key(self) -> tuple[str, ...]:
        return (self.schema, self.name)

    @property
    def qualname(self) -> str:
        return _qual(self.schema, self.name)


@dataclass(frozen=True, slots=True)
class Domain:
    """A domain; ``checks`` are ``"name: CHECK (...)"`` strings sorted by name."""

    kind: ClassVar[str] = "domain"
    key_fields: ClassVar[tuple[str, ...]] = ("schema", "name")
    schema: str
    name: str
    base_type: str
    collation: str | None
    default: str | None
    not_null: bool
    checks: tuple[str, ...]
    comment: str | None

    @property
    def key(self) -> tuple[str, ...]:
        return (self.schema, self.name)

    @property
    def qualname(self) -> str:
        return _qual(self.schema, self.name)


@dataclass(frozen=True, slots=True)
class CompositeType:
    """A standalone composite type; ``attributes`` are ``"name type [COLLATE c]"`` in order.

    ``attribute_comments`` are ``"name: comment"`` for the attributes that have one
    (``COMMENT ON COLUMN type.attribute``), in attribute order.
    """

    kind: ClassVar[str] = "composite type"
    key_fields: ClassVar[tuple[str, ...]] = ("schema", "name")
    schema: str
    name: str
    attributes: tuple[str, ...]
    comment: str | None
    attribute_comments: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, ...]:
        return (self.schema, self.name)

    @property
    def qualname(self) -> str:
        return _qual(self.schema, self.name)


@dataclass(frozen=True, slots=True)
class Sequence:
    """A sequence that is not an identity column's (those belong to :class:`Column`)."""

    kind: ClassVar[str] = "sequence"
    key_fields: ClassVar[tuple[str, ...]] = ("schema", "name")
    schema: str
    name: str
    data_type: str
    start: int
    increment: int
    min_value: int
    max_value: int
    cache: int
    cycle: bool
    owned_by: str | None
    comment: str | None
    privileges: Privileges

    @property
    def key(self) -> tuple[str, ...]:
        return (self.schema, self.name)

    @property
    def qualname(self) -> str:
        return _qual(self.schema, self.name)


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


@dataclass(frozen=True, slots=True)
class Function:
    """A function, procedure, aggregate or window function, identified by its argument types.

    ``arguments`` are the input types only (what PostgreSQL identifies a routine
    by); ``signature`` adds parameter names, modes and defaults.

    ``source`` is ``prosrc`` byte for byte: PostgreSQL keeps function bodies as written.

    ``aggregate`` is an aggregate's definition (``pg_aggregate``: its functions, state types, initial
    conditions, sort operator) as ``CREATE AGGREGATE`` takes it between parentheses; None for the
    other kinds of routine. Its ``source`` is PostgreSQL's placeholder and says nothing.
    """

    kind: ClassVar[str] = "function"
    key_fields: ClassVar[tuple[str, ...]] = ("schema", "name", "arguments")
    schema: str
    name: str
    arguments: str
    routine_kind: str
    signature: str
    result: str | None
    language: str
    source: str
    binary: str | None
    volatility: str
    strict: bool
    security_definer: bool
    leakproof: bool
    parallel: str
    cost: float
    rows: float
    config: tuple[str, ...]
    comment: str | None
    privileges: Privileges
    aggregate: str | None = None

    @property
    def key(self) -> tuple[str, ...]:
        return (self.schema, self.name, self.arguments)

    @property
    def qualname(self) -> str:
        return f"{self.schema}.{self.name}({self.arguments})"


@dataclass(frozen=True, slots=True)
class Trigger:
    """A user trigger (``pg_get_triggerdef``).

    ``enabled`` is ``tgenabled`` as ALTER TABLE spells it (ENABLE, DISABLE, ENABLE REPLICA, ENABLE ALWAYS).
    """

    kind: ClassVar[str] = "trigger"
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
        return _qual(self.schema, self.table, self.name)


@dataclass(frozen=True, slots=True)
class Policy:
    """A row-level security policy; ``roles`` sorted, ``PUBLIC`` for none named."""

    kind: ClassVar[str] = "policy"
    key_fields: ClassVar[tuple[str, ...]] = ("schema", "table", "name")
    schema: str
    table: str
    name: str
    command: str
    permissive: bool
    roles: tuple[str, ...]
    using: str | None
    with_check: str | None
    comment: str | None

    @property
    def key(self) -> tuple[str, ...]:
        return (self.schema, self.table, self.name)

    @property
    def qualname(self) -> str:
        return _qual(self.schema, self.table, self.name)


CatalogObject = (
    Schema | Extension | Enum | Domain | CompositeType | Sequence | Table | Column | Constraint | Index | View
    | ViewColumn | Function | Trigger | Policy | Statistics | Rule | Collation
    | EventTrigger | Range | TextSearchDictionary | TextSearchConfiguration | Owner | Publication
    | Cast | Operator | OperatorFamily | OperatorClass
    | ForeignDataWrapper | ForeignServer | UserMapping | ForeignTable | ForeignColumn
)

#: Snapshot attribute -> model class, in dependency-ish order (the order reports list kinds in).
KINDS: dict[str, type] = {
    "schemas": Schema,
    "extensions": Extension,
    "foreign_data_wrappers": ForeignDataWrapper,
    "foreign_servers": ForeignServer,
    "user_mappings": UserMapping,
    "collations": Collation,
    "text_search_dictionaries": TextSearchDictionary,
    "text_search_configurations": TextSearchConfiguration,
    "enums": Enum,
    "ranges": Range,
    "domains": Domain,
    "composite_types": CompositeType,
    "sequences": Sequence,
    "tables": Table,
    "columns": Column,
    "foreign_tables": ForeignTable,
    "foreign_columns": ForeignColumn,
    "constraints": Constraint,
    "indexes": Index,
    "views": View,
    "view_columns": ViewColumn,
    "functions": Function,
    "triggers": Trigger,
    "policies": Policy,
    "statistics": Statistics,
    "rules": Rule,
    "event_triggers": EventTrigger,
    "publications": Publication,
    "casts": Cast,
    "operators": Operator,
    "operator_families": OperatorFamily,
    "operator_classes": OperatorClass,
    "owners": Owner,
    "not_compared": NotCompared,
}

#: Kinds read but never compared: counted to be reported (:class:`NotCompared`).
UNCOMPARED = frozenset({"not_compared"})


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Everything read from one database; each tuple sorted by key (columns by table, then position)."""

    server_version: int = field(compare=False)
    schemas: tuple[Schema, ...] = ()
    extensions: tuple[Extension, ...] = ()
    foreign_data_wrappers: tuple[ForeignDataWrapper, ...] = ()
    foreign_servers: tuple[ForeignServer, ...] = ()
    user_mappings: tuple[UserMapping, ...] = ()
    collations: tuple[Collation, ...] = ()
    text_search_dictionaries: tuple[TextSearchDictionary, ...] = ()
    text_search_configurations: tuple[TextSearchConfiguration, ...] = ()
    enums: tuple[Enum, ...] = ()
    ranges: tuple[Range, ...] = ()
    domains: tuple[Domain, ...] = ()
    composite_types: tuple[CompositeType, ...] = ()
    sequences: tuple[Sequence, ...] = ()
    tables: tuple[Table, ...] = ()
    columns: tuple[Column, ...] = ()
    foreign_tables: tuple[ForeignTable, ...] = ()
    foreign_columns: tuple[ForeignColumn, ...] = ()
    constraints: tuple[Constraint, ...] = ()
    indexes: tuple[Index, ...] = ()
    views: tuple[View, ...] = ()
    view_columns: tuple[ViewColumn, ...] = ()
    functions: tuple[Function, ...] = ()
    triggers: tuple[Trigger, ...] = ()
    policies: tuple[Policy, ...] = ()
    statistics: tuple[Statistics, ...] = ()
    rules: tuple[Rule, ...] = ()
    event_triggers: tuple[EventTrigger, ...] = ()
    publications: tuple[Publication, ...] = ()
    casts: tuple[Cast, ...] = ()
    operators: tuple[Operator, ...] = ()
    operator_families: tuple[OperatorFamily, ...] = ()
    operator_classes: tuple[OperatorClass, ...] = ()
    #: the owner of each object of the kinds above that has one of its own
    owners: tuple[Owner, ...] = ()
    #: what the database holds of the kinds not modelled, by kind: reported, not compared
    not_compared: tuple[NotCompared, ...] = field(default=(), compare=False)

    def normalized(self) -> Snapshot:
        """The same snapshot with every collection in canonical order (what the reader returns)."""
        values = {}
        for attr in KINDS:
            objs = getattr(self, attr)
            if attr in ("columns", "foreign_columns"):
                values[attr] = tuple(sorted(objs, key=lambda c: (c.schema, c.table, c.position)))
            else:
                values[attr] = tuple(sorted(objs, key=lambda o: o.key))
        return Snapshot(server_version=self.server_version, **values)

    def digest(self) -> str:
        """A stable hash of the compared content (equal schemas, equal digests)."""
        import hashlib

        h = hashlib.sha256()
        for attr in KINDS:
            if attr in UNCOMPARED:
                continue
            for obj in getattr(self, attr):
                h.update(repr(tuple(getattr(obj, f.name) for f in fields(obj) if f.compare)).encode())
            h.update(b"\x00")
        return h.hexdigest()
