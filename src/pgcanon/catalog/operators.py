"""Casts, operators, operator families and operator classes of the snapshot model. Apart from
:mod:`pgcanon.catalog.objects` for size only; the same conventions hold, and
:mod:`~pgcanon.catalog.model` lists them in ``KINDS`` like its own classes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True, slots=True)
class Cast:
    """A user-defined cast (``CREATE CAST``, ``pg_cast``), named by its source and target types.

    ``source`` and ``target`` are ``format_type``'s. ``method`` is how CREATE CAST spells it:
    ``WITH FUNCTION schema.f(types)`` (``regprocedure``), ``WITHOUT FUNCTION`` or ``WITH INOUT``;
    ``context`` is ``implicit``, ``assignment`` or ``explicit``. No ALTER CAST exists: a cast that
    changes is dropped and created again.
    """

    kind: ClassVar[str] = "cast"
    key_fields: ClassVar[tuple[str, ...]] = ("source", "target")
    source: str
    target: str
    method: str
    context: str
    comment: str | None

    @property
    def key(self) -> tuple[str, ...]:
        return (self.source, self.target)

    @property
    def qualname(self) -> str:
        return f"({self.source} AS {self.target})"


@dataclass(frozen=True, slots=True)
class Operator:
    """A user-defined operator (``CREATE OPERATOR``, ``pg_operator``), named by schema, name and argument types.

    The types are ``format_type``'s, ``left_type`` ``NONE`` for a prefix operator (as DROP OPERATOR
    spells it). ``function``,
    ``restrict`` and ``join`` are ``regproc`` names (qualified off ``pg_catalog``; the argument types
    follow from the operator's); ``commutator`` and ``negator`` are qualified operator names
    (``schema.name``), whose argument types are implied (swapped for the commutator). Shell operators
    (no function yet: what ``COMMUTATOR`` names before it is created) are not read, as pg_dump leaves them out.
    """

    kind: ClassVar[str] = "operator"
    key_fields: ClassVar[tuple[str, ...]] = ("schema", "name", "left_type", "right_type")
    schema: str
    name: str
    left_type: str
    right_type: str
    function: str
    commutator: str | None
    negator: str | None
    restrict: str | None
    join: str | None
    hashes: bool
    merges: bool
    comment: str | None

    @property
    def key(self) -> tuple[str, ...]:
        return (self.schema, self.name, self.left_type, self.right_type)

    @property
    def qualname(self) -> str:
        return f"{self.schema}.{self.name}({self.left_type}, {self.right_type})"


@dataclass(frozen=True, slots=True)
class OperatorFamily:
    """An operator family (``CREATE OPERATOR FAMILY``, ``pg_opfamily``) of an index access method.

    ``operators`` and ``functions`` are its loose members only (``ALTER OPERATOR FAMILY … ADD``), as
    that statement spells them: ``OPERATOR 1 schema.op(left,right) [FOR ORDER BY family]`` and
    ``FUNCTION 1 (left, right) schema.f(args)``; the members of its classes are the classes'. A class
    created without ``FAMILY`` makes a family of its own name, read here like any other.
    """

    kind: ClassVar[str] = "operator family"
    key_fields: ClassVar[tuple[str, ...]] = ("schema", "name", "method")
    schema: str
    name: str
    method: str
    operators: tuple[str, ...]
    functions: tuple[str, ...]
    comment: str | None

    @property
    def key(self) -> tuple[str, ...]:
        return (self.schema, self.name, self.method)

    @property
    def qualname(self) -> str:
        return f"{self.schema}.{self.name} USING {self.method}"


@dataclass(frozen=True, slots=True)
class OperatorClass:
    """An operator class (``CREATE OPERATOR CLASS``, ``pg_opclass``): the data type it indexes, whether it
    is the type's default for its access method, its family (qualified), its ``STORAGE`` type (None
    when it is the indexed type) and its members, spelled as for :class:`OperatorFamily`. Only its name,
    schema and comment can change in place: any other change is a drop and a create.
    """

    kind: ClassVar[str] = "operator class"
    key_fields: ClassVar[tuple[str, ...]] = ("schema", "name", "method")
    schema: str
    name: str
    method: str
    data_type: str
    default_class: bool
    family: str
    storage: str | None
    operators: tuple[str, ...]
    functions: tuple[str, ...]
    comment: str | None

    @property
    def key(self) -> tuple[str, ...]:
        return (self.schema, self.name, self.method)

    @property
    def qualname(self) -> str:
        return f"{self.schema}.{self.name} USING {self.method}"
