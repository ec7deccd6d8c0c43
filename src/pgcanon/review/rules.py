"""The review rules: each a :class:`Rule` member with its code, one-line explanation and safer pattern.

Detection reads the statement's parse tree (pglast, PostgreSQL's own parser), never
a regex over SQL. A rule is about objects that existed *before* the revision: a
table created earlier in the same revision is invisible to other sessions until
COMMIT, so locking, scanning or rewriting it blocks no one. Codes follow squawk's
where squawk has the same rule (``Rule.squawk`` names the counterpart).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from pglast import ast
from pglast.enums import AlterTableType, ConstrType, ObjectType

from pgcanon.diff.changes import Hazard

if TYPE_CHECKING:
    from pgcanon.review.offline import Statement


#: What a rule's statement risks on a busy production table: the diff's own enum, one for both.
_H = Hazard


class Rule(enum.Enum):
    """A review rule; the value is its code, as used in pyproject.toml and pgcanon_review_accept."""

    def __new__(cls, code: str, *_: object) -> Rule:
        obj = object.__new__(cls)
        obj._value_ = code
        return obj

    def __init__(
        self, code: str, explanation: str, safer: str, hazards: tuple[Hazard, ...], squawk: str | None
    ) -> None:
        self.code = code
        self.explanation = explanation
        self.safer = safer
        self.hazards = hazards
        self.squawk = squawk

    ADDING_REQUIRED_FIELD = (
        "adding-required-field",
        "ADD COLUMN … NOT NULL without a DEFAULT fails on a table that has rows",
        "add the column with a non-volatile DEFAULT, or nullable, backfill, then make it NOT NULL",
        (_H.FAILS_ON_DATA, _H.TAKES_ACCESS_EXCLUSIVE_LOCK), "adding-required-field",
    )
    ADDING_NOT_NULLABLE_FIELD = (
        "adding-not-nullable-field",
        "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock",
        "ADD CONSTRAINT … CHECK (col IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT; then SET NOT NULL "
        "(PostgreSQL 12+ skips the scan given that validated check) and drop the check",
        (_H.TAKES_ACCESS_EXCLUSIVE_LOCK, _H.VALIDATES_DATA), "adding-not-nullable-field",
    )
    ADDING_FIELD_WITH_VOLATILE_DEFAULT = (
        "adding-field-with-volatile-default",
        "ADD COLUMN with a volatile DEFAULT (random(), gen_random_uuid(), nextval/serial…) rewrites the table",
        "add the column without a default (or with a constant one), backfill in batches, then SET DEFAULT",
        (_H.TAKES_ACCESS_EXCLUSIVE_LOCK, _H.REWRITES_TABLE), "adding-field-with-default",
    )
    ADDING_STORED_GENERATED_FIELD = (
        "adding-stored-generated-field",
        "ADD COLUMN … GENERATED ALWAYS AS (…) STORED computes every row: a rewrite under ACCESS EXCLUSIVE",
        "add a plain nullable column filled by a trigger and backfilled in batches, or a VIRTUAL "
        "generated column (PostgreSQL 18)",
        (_H.TAKES_ACCESS_EXCLUSIVE_LOCK, _H.REWRITES_TABLE), "adding-field-with-default",
    )
    CHANGING_COLUMN_TYPE = (
        "changing-column-type",
        "ALTER COLUMN … TYPE takes ACCESS EXCLUSIVE and rewrites the table unless the change is binary-coercible",
        "add a new column, backfill it, switch the application, drop the old one",
        (_H.TAKES_ACCESS_EXCLUSIVE_LOCK, _H.REWRITES_TABLE), "changing-column-type",
    )
    CONSTRAINT_MISSING_NOT_VALID = (
        "constraint-missing-not-valid",
        "ADD CONSTRAINT CHECK / FOREIGN KEY without NOT VALID validates every row while holding its lock",
        "ADD CONSTRAINT … NOT VALID, then VALIDATE CONSTRAINT in a later transaction "
        "(SHARE UPDATE EXCLUSIVE: writes go on)",
        (_H.VALIDATES_DATA, _H.BLOCKS_WRITES), "constraint-missing-not-valid",
    )
    DISALLOWED_UNIQUE_CONSTRAINT = (
        "disallowed-unique-constraint",
        "ADD UNIQUE / PRIMARY KEY builds its index under an ACCESS EXCLUSIVE lock",
        "CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT … USING INDEX",
        (_H.TAKES_ACCESS_EXCLUSIVE_LOCK,), "disallowed-unique-constraint",
    )
    REQUIRE_CONCURRENT_INDEX_CREATION = (
        "require-concurrent-index-creation",
        "CREATE INDEX without CONCURRENTLY takes a SHARE lock: writes wait for the whole build",
        "CREATE INDEX CONCURRENTLY, outside a transaction (Alembic: with op.get_context().autocommit_block())",
        (_H.BLOCKS_WRITES,), "require-concurrent-index-creation",
    )
    REQUIRE_CONCURRENT_INDEX_DELETION = (
        "require-concurrent-index-deletion",
        "DROP INDEX without CONCURRENTLY takes ACCESS EXCLUSIVE on the table",
        "DROP INDEX CONCURRENTLY, outside a transaction",
        (_H.TAKES_ACCESS_EXCLUSIVE_LOCK,), "require-concurrent-index-deletion",
    )
    BAN_CONCURRENT_INDEX_CREATION_IN_TRANSACTION = (
        "ban-concurrent-index-creation-in-transaction",
        "CREATE/DROP/REINDEX … CONCURRENTLY cannot run inside a transaction block: the revision fails",
        "wrap it in op.get_context().autocommit_block(), alone in its revision",
        (_H.FAILS_IN_TRANSACTION,), "ban-concurrent-index-creation-in-transaction",
    )
    BAN_ALTER_ENUM_ADD_VALUE_IN_TRANSACTION = (
        "ban-alter-enum-add-value-in-transaction",
        "ALTER TYPE … ADD VALUE cannot run inside a transaction block before PostgreSQL 12",
        "run it in op.get_context().autocommit_block(), or upgrade the server to 12+",
        (_H.FAILS_IN_TRANSACTION,), None,
    )
    BAN_DROP_COLUMN = (
        "ban-drop-column",
        "DROP COLUMN deletes data and breaks code (and ORM models) still reading the column",
        "stop using the column in a released version first; drop it in a later migration",
        (_H.DELETES_DATA, _H.BREAKS_CLIENTS, _H.TAKES_ACCESS_EXCLUSIVE_LOCK), "ban-drop-column",
    )
    BAN_DROP_TABLE = (
        "ban-drop-table",
        "DROP TABLE deletes data and breaks code still using the table",
        "stop using the table in a released version first; drop it in a later migration",
        (_H.DELETES_DATA, _H.BREAKS_CLIENTS, _H.TAKES_ACCESS_EXCLUSIVE_LOCK), "ban-drop-table",
    )
    RENAMING_COLUMN = (
        "renaming-column",
        "RENAME COLUMN breaks running code that uses the old name",
        "add the new column, write both, backfill, switch readers, drop the old one",
        (_H.BREAKS_CLIENTS, _H.TAKES_ACCESS_EXCLUSIVE_LOCK), "renaming-column",
    )
    RENAMING_TABLE = (
        "renaming-table",
        "RENAME TO breaks running code that uses the old table name",
        "rename, and leave a view with the old name until every client has moved",
        (_H.BREAKS_CLIENTS, _H.TAKES_ACCESS_EXCLUSIVE_LOCK), "renaming-table",
    )
    STATEMENT_FAILED = (
        "statement-failed",
        "the statement failed on the scratch database seeded with a few rows per table",
        "make the revision work on tables that have rows (backfill before constraining); the review stops here",
        (_H.FAILS_ON_DATA,), None,
    )
    REWRITES_TABLE = (
        "rewrites-table",
        "the statement rewrote an existing table or index (measured: its relfilenode changed)",
        "find the rewrite-free form of the change (see the other rules) or run it in a maintenance window",
        (_H.REWRITES_TABLE,), None,
    )

    @classmethod
    def by_code(cls, code: str) -> Rule | None:
        try:
            return cls(code)  # type: ignore[call-arg]  # Rule(value) looks a member up; it runs no __init__
        except ValueError:
            return None


@dataclass(frozen=True)
class Hit:
    """A rule that fired, and the object it is about."""

    rule: Rule
    target: str


class Context(Protocol):
    """What detection asks the scratch database, as it is just before the statement runs."""

    server_version: int

    def existing(self, names: tuple[str, ...]) -> str | None:
        """The qualified name of relation *names* if it existed before the revision began."""
        ...

    def volatile(self, names: tuple[str, ...]) -> bool:
        """Whether the function *names* (schema-qualified or not) is VOLATILE."""
        ...


def walk(node: Any) -> Iterator[Any]:
    """Every pglast node under *node*, itself included."""
    if isinstance(node, (tuple, list)):
        for item in node:
            yield from walk(item)
    elif isinstance(node, ast.Node):
        yield node
        for name in getattr(type(node), "__slots__", ()):  # each pglast node class lists its fields
            yield from walk(getattr(node, name, None))


def _names(rv: Any) -> tuple[str, ...]:
    return tuple(p for p in (rv.schemaname, rv.relname) if p)


def _strings(items: Any) -> tuple[str, ...]:
    return tuple(s.sval for s in items)


def transactional(node: Any, server_version: int) -> bool:
    """False for statements PostgreSQL refuses inside a transaction block (PreventInTransactionBlock)."""
    if isinstance(node, (ast.IndexStmt, ast.DropStmt)) and getattr(node, "concurrent", False):
        return False
    if isinstance(node, ast.ReindexStmt):
        return not any(p.defname == "concurrently" for p in node.params or ())
    if isinstance(node, (ast.VacuumStmt, ast.CreatedbStmt, ast.DropdbStmt, ast.AlterSystemStmt)):
        return isinstance(node, ast.VacuumStmt) and not node.is_vacuumcmd  # ANALYZE alone is fine
    if isinstance(node, ast.AlterEnumStmt) and node.newVal is not None:
        return server_version >= 120000  # PostgreSQL 12 allows ADD VALUE in a transaction block
    return True


def validates(node: Any, ctx: Context) -> tuple[str, ...]:
    """Existing tables the statement must read in full to validate (docs: ALTER TABLE, Notes)."""
    if not isinstance(node, ast.AlterTableStmt):
        return ()
    table = ctx.existing(_names(node.relation))
    if table is None:
        return ()
    for cmd in node.cmds or ():
        if cmd.subtype in (AlterTableType.AT_SetNotNull, AlterTableType.AT_ValidateConstraint):
            return (table,)
        if cmd.subtype == AlterTableType.AT_AddConstraint and _validating(cmd.def_):
            return (table,)
    return ()


def _validating(con: Any) -> bool:
    return con.contype in (ConstrType.CONSTR_CHECK, ConstrType.CONSTR_FOREIGN) and not con.skip_validation


def check(stmt: Statement, ctx: Context) -> list[Hit]:
    """The rules *stmt* fires, judged on the database just before it runs."""
    node = stmt.node
    hits: list[Hit] = []
    if not transactional(node, 999999) and stmt.in_transaction:
        hits.append(Hit(Rule.BAN_CONCURRENT_INDEX_CREATION_IN_TRANSACTION, _label(node)))
    if isinstance(node, ast.AlterEnumStmt) and node.newVal is not None:
        if ctx.server_version < 120000 and stmt.in_transaction:
            hits.append(Hit(Rule.BAN_ALTER_ENUM_ADD_VALUE_IN_TRANSACTION, ".".join(_strings(node.typeName))))
    elif isinstance(node, ast.AlterTableStmt) and node.objtype == ObjectType.OBJECT_TABLE:
        table = ctx.existing(_names(node.relation))
        if table is not None:
            hits.extend(_alter_table(node, table, ctx))
    elif isinstance(node, ast.IndexStmt) and not node.concurrent:
        table = ctx.existing(_names(node.relation))
        if table is not None:
            hits.append(Hit(Rule.REQUIRE_CONCURRENT_INDEX_CREATION, table))
    elif isinstance(node, ast.DropStmt) and node.removeType in (ObjectType.OBJECT_INDEX, ObjectType.OBJECT_TABLE):
        rule = Rule.BAN_DROP_TABLE if node.removeType == ObjectType.OBJECT_TABLE else (
            None if node.concurrent else Rule.REQUIRE_CONCURRENT_INDEX_DELETION)
        for obj in node.objects or ():
            name = ctx.existing(_strings(obj))
            if rule is not None and name is not None:
                hits.append(Hit(rule, name))
    elif isinstance(node, ast.RenameStmt) and node.relation is not None:
        table = ctx.existing(_names(node.relation))
        if table is not None and node.renameType == ObjectType.OBJECT_COLUMN:
            hits.append(Hit(Rule.RENAMING_COLUMN, f"{table}.{node.subname}"))
        elif table is not None and node.renameType == ObjectType.OBJECT_TABLE:
            hits.append(Hit(Rule.RENAMING_TABLE, table))
    return hits


def _alter_table(node: Any, table: str, ctx: Context) -> Iterator[Hit]:
    for cmd in node.cmds:
        sub = cmd.subtype
        if sub == AlterTableType.AT_AddColumn:
            yield from _add_column(cmd.def_, table, ctx)
        elif sub == AlterTableType.AT_SetNotNull:
            yield Hit(Rule.ADDING_NOT_NULLABLE_FIELD, f"{table}.{cmd.name}")
        elif sub == AlterTableType.AT_AlterColumnType:
            yield Hit(Rule.CHANGING_COLUMN_TYPE, f"{table}.{cmd.name}")
        elif sub == AlterTableType.AT_DropColumn:
            yield Hit(Rule.BAN_DROP_COLUMN, f"{table}.{cmd.name}")
        elif sub == AlterTableType.AT_AddConstraint:
            con = cmd.def_
            if _validating(con):
                yield Hit(Rule.CONSTRAINT_MISSING_NOT_VALID, f"{table} {con.conname or ''}".strip())
            elif con.contype in (ConstrType.CONSTR_UNIQUE, ConstrType.CONSTR_PRIMARY) and not con.indexname:
                yield Hit(Rule.DISALLOWED_UNIQUE_CONSTRAINT, f"{table} {con.conname or ''}".strip())


_SERIAL = {"serial", "serial4", "bigserial", "serial8", "smallserial", "serial2"}


def _add_column(col: Any, table: str, ctx: Context) -> Iterator[Hit]:
    target = f"{table}.{col.colname}"
    constraints = col.constraints or ()
    kinds = {c.contype for c in constraints}
    if ConstrType.CONSTR_GENERATED in kinds:
        if any(c.contype == ConstrType.CONSTR_GENERATED and c.generated_kind != "v" for c in constraints):
            yield Hit(Rule.ADDING_STORED_GENERATED_FIELD, target)
        return
    type_name = _strings(col.typeName.names)[-1] if col.typeName else ""
    default = next((c.raw_expr for c in constraints if c.contype == ConstrType.CONSTR_DEFAULT), None)
    # nextval() (what serial expands to) and every VOLATILE function must be evaluated per row:
    # since PostgreSQL 11 only non-volatile defaults are stored once in pg_attribute.attmissingval.
    if type_name in _SERIAL or (default is not None and any(
        isinstance(n, ast.FuncCall) and ctx.volatile(_strings(n.funcname)) for n in walk(default)
    )):
        yield Hit(Rule.ADDING_FIELD_WITH_VOLATILE_DEFAULT, target)
    not_null = col.is_not_null or ConstrType.CONSTR_NOTNULL in kinds or ConstrType.CONSTR_PRIMARY in kinds
    if not_null and default is None and ConstrType.CONSTR_IDENTITY not in kinds and type_name not in _SERIAL:
        yield Hit(Rule.ADDING_REQUIRED_FIELD, target)


def _label(node: Any) -> str:
    rel = getattr(node, "relation", None)
    if rel is not None:
        return ".".join(_names(rel))
    objects = getattr(node, "objects", None)
    return ", ".join(".".join(_strings(o)) for o in objects or ()) or type(node).__name__
