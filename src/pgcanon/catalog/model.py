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
    Collation,
    DefaultPrivileges,
    EventTrigger,
    NotCompared,
    Owner,
    Publication,
    Range,
    Rule,
    Statistics,
)
from pgcanon.catalog.operators import Cast, Operator, OperatorClass, OperatorFamily
from pgcanon.catalog.relations import (
    Column,
    Constraint,
    Index,
    Privileges,
    Table,
    View,
    ViewColumn,
    _qual,
)
from pgcanon.catalog.text_search import (
    TextSearchConfiguration,
    TextSearchDictionary,
    TextSearchParser,
    TextSearchTemplate,
)


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
    | EventTrigger | Range | TextSearchDictionary | TextSearchConfiguration
    | TextSearchTemplate | TextSearchParser | Owner | Publication | DefaultPrivileges
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
    "text_search_templates": TextSearchTemplate,
    "text_search_parsers": TextSearchParser,
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
    "default_privileges": DefaultPrivileges,
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
    text_search_templates: tuple[TextSearchTemplate, ...] = ()
    text_search_parsers: tuple[TextSearchParser, ...] = ()
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
    default_privileges: tuple[DefaultPrivileges, ...] = ()
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
