"""The DDL of one catalog object, from its snapshot: CREATE, DROP, COMMENT ON and GRANT/REVOKE text.

Pure functions of model objects (:mod:`pgcanon.catalog.model`); what to run and in which order is
:mod:`pgcanon.plan.generate`'s business. Texts the catalog deparsed (``pg_get_indexdef``,
``pg_get_constraintdef``, ``format_type``…) are used as they are: the server wrote them to be re-read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pgcanon.plan.quote import dollar_quoted, ident, literal, role

if TYPE_CHECKING:
    from collections.abc import Callable

    from pgcanon.catalog.model import (
        Column,
        CompositeType,
        Constraint,
        Domain,
        Enum,
        Extension,
        Function,
        Index,
        Policy,
        Schema,
        Sequence,
        Table,
        Trigger,
        View,
    )


class Unsupported(Exception):
    """A change the generator cannot express in DDL; the message says which object and why."""


def name_of(obj: Any) -> str:
    """The quoted, qualified name of *obj* as DDL spells it."""
    kind = obj.kind
    if kind in ("schema", "extension", "event trigger", "publication", "foreign data wrapper", "foreign server"):
        return ident(obj.name)
    if kind == "function":
        return f"{ident(obj.schema, obj.name)}({obj.arguments})"
    if kind == "column":
        owner = getattr(obj, "table", None) or obj.view
        return ident(obj.schema, owner, obj.name)
    return ident(obj.schema, obj.name)


def table_of(obj: Any) -> str:
    """The quoted table of a column, constraint, index, trigger or policy."""
    return ident(obj.schema, obj.table)


# -- schemas, extensions, types, sequences ---------------------------------------------------------

def create_schema(s: Schema) -> str:
    return f"CREATE SCHEMA {ident(s.name)}"


def create_extension(e: Extension, *, version: bool = True) -> str:
    text = f"CREATE EXTENSION {ident(e.name)} WITH SCHEMA {ident(e.schema)}"
    return text + (f" VERSION {literal(e.version)}" if version else "")


def create_enum(e: Enum) -> str:
    return f"CREATE TYPE {name_of(e)} AS ENUM ({', '.join(map(literal, e.labels))})"


def split_check(check: str) -> tuple[str, str]:
    """``"name: CHECK (...)"`` (how domains keep their checks) as (name, definition)."""
    name, _, definition = check.partition(": ")
    return name, definition


def create_domain(d: Domain) -> str:
    text = f"CREATE DOMAIN {name_of(d)} AS {d.base_type}"
    if d.collation:
        text += f" COLLATE {d.collation}"
    if d.default is not None:
        text += f" DEFAULT {d.default}"
    if d.not_null:
        text += " NOT NULL"
    for check in d.checks:
        name, definition = split_check(check)
        text += f" CONSTRAINT {ident(name)} {definition}"
    return text


def create_composite(t: CompositeType) -> str:
    return f"CREATE TYPE {name_of(t)} AS ({', '.join(t.attributes)})"


def sequence_options(s: Sequence) -> str:
    return (
        f"AS {s.data_type} INCREMENT BY {s.increment} MINVALUE {s.min_value} MAXVALUE {s.max_value} "
        f"START WITH {s.start} CACHE {s.cache} {'CYCLE' if s.cycle else 'NO CYCLE'}"
    )


def create_sequence(s: Sequence) -> str:
    return f"CREATE SEQUENCE {name_of(s)} {sequence_options(s)}"


# -- tables ----------------------------------------------------------------------------------------

def column_definition(c: Column) -> str:
    """A column as CREATE TABLE / ADD COLUMN spell it (storage, compression and statistics are ALTERs)."""
    text = f"{ident(c.name)} {c.type}"
    if c.collation:
        text += f" COLLATE {c.collation}"
    if c.generated is not None:
        text += f" GENERATED ALWAYS AS ({c.default}) {c.generated}"
    elif c.identity is not None and identity_options(c):
        text += f" GENERATED {c.identity} AS IDENTITY ({identity_options(c)})"
    # an identity with no sequence of its own is a partition's (17+): ATTACH PARTITION gives it, and
    # refuses a partition that has one
    elif c.default is not None:
        text += f" DEFAULT {c.default}"
    if c.not_null:
        text += f" CONSTRAINT {ident(c.not_null_name)} NOT NULL" if c.not_null_name else " NOT NULL"
    return text


def identity_options(c: Column) -> str:
    """The options of *c*'s identity sequence as GENERATED … AS IDENTITY takes them.

    The snapshot starts them with the sequence's type (``AS bigint START 1 …``), but an identity
    sequence always has its column's type and PostgreSQL rejects ``AS`` there ("conflicting or
    redundant options"), so it is left out.
    """
    options = c.identity_options or ""
    if options.startswith("AS "):
        options = options.split(" ", 2)[2] if options.count(" ") >= 2 else ""
    return options


def column_extras(c: Column) -> list[str]:
    """The ALTERs that finish a column CREATE TABLE cannot spell on every version."""
    at = f"ALTER TABLE {table_of(c)} ALTER COLUMN {ident(c.name)}"
    out = []
    if c.storage is not None:
        out.append(f"{at} SET STORAGE {c.storage}")
    if c.compression is not None:
        out.append(f"{at} SET COMPRESSION {c.compression}")
    if c.statistics is not None:
        out.append(f"{at} SET STATISTICS {c.statistics}")
    return out


def create_table(t: Table, columns: list[Column]) -> str:
    """CREATE TABLE with its columns; a partition is created standalone and attached later."""
    body = ",\n    ".join(column_definition(c) for c in columns)
    text = f"CREATE {'UNLOGGED ' if t.unlogged else ''}TABLE {name_of(t)} (\n    {body}\n)" if columns else (
        f"CREATE {'UNLOGGED ' if t.unlogged else ''}TABLE {name_of(t)} ()"
    )
    if t.inherits:
        text += f" INHERITS ({', '.join(t.inherits)})"
    if t.partition_key:
        text += f" PARTITION BY {t.partition_key}"
    if t.options:
        text += f" WITH ({', '.join(t.options)})"
    return text


def constraint_definition(c: Constraint) -> str:
    text = c.definition
    if c.index_options:
        text += f" WITH ({', '.join(c.index_options)})"
    return text


def add_constraint(c: Constraint, *, not_valid: bool = False) -> str:
    text = f"ALTER TABLE {table_of(c)} ADD CONSTRAINT {ident(c.name)} {constraint_definition(c)}"
    return text + (" NOT VALID" if not_valid else "")


def drop_constraint(c: Constraint) -> str:
    return f"ALTER TABLE {table_of(c)} DROP CONSTRAINT {ident(c.name)}"


def create_index(i: Index, *, concurrently: bool = False) -> str:
    text = i.definition
    if concurrently:
        head = "CREATE UNIQUE INDEX " if text.startswith("CREATE UNIQUE INDEX ") else "CREATE INDEX "
        text = head + "CONCURRENTLY " + text[len(head):]
    return text


def index_extras(i: Index, *, before: Index | None = None) -> list[str]:
    """SET STATISTICS for each index column whose target is set; -1 for one set before and no longer."""
    targets = dict(stat.partition(": ")[::2] for stat in i.statistics)
    if before is not None:
        for stat in before.statistics:
            targets.setdefault(stat.partition(": ")[0], "-1")
    return [f"ALTER INDEX {name_of(i)} ALTER COLUMN {column.removeprefix('column ')} SET STATISTICS {target}"
            for column, target in targets.items()]


# -- views, functions, triggers, policies ----------------------------------------------------------

def create_view(v: View) -> str:
    kind = "MATERIALIZED VIEW" if v.view_kind == "materialized view" else "VIEW"
    options = f" WITH ({', '.join(v.options)})" if v.options else ""
    return f"CREATE {kind} {name_of(v)}{options} AS\n{v.definition.rstrip().rstrip(';')}"


def drop_view(v: View) -> str:
    kind = "MATERIALIZED VIEW" if v.view_kind == "materialized view" else "VIEW"
    return f"DROP {kind} {name_of(v)}"


def _config_item(item: str) -> str:
    name, _, value = item.partition("=")
    # list settings keep their own quoting in proconfig (search_path = "$user", public)
    return f"SET {name} = {value}" if name in ("search_path", "temp_tablespaces") else f"SET {name} = {literal(value)}"


def create_function(f: Function, *, replace: bool = True) -> str:
    """CREATE [OR REPLACE] FUNCTION/PROCEDURE from the catalog's parts (pg_get_functiondef's pieces);
    CREATE [OR REPLACE] AGGREGATE for an aggregate."""
    if f.routine_kind == "aggregate" and f.aggregate is not None:
        return create_aggregate(f, replace=replace)
    if f.routine_kind not in ("function", "procedure", "window function"):
        raise Unsupported(f"{f.routine_kind} {f.qualname}: generating {f.routine_kind}s is not supported yet")
    if f.language == "sql" and not f.source.strip():
        raise Unsupported(f"function {f.qualname}: SQL-standard bodies (BEGIN ATOMIC) are not read yet")
    word = "PROCEDURE" if f.routine_kind == "procedure" else "FUNCTION"
    parts = [f"CREATE {'OR REPLACE ' if replace else ''}{word} {ident(f.schema, f.name)}({f.signature})"]
    if f.routine_kind != "procedure":
        parts.append(f"RETURNS {f.result}")
    parts.append(f"LANGUAGE {ident(f.language)}")
    if f.routine_kind == "window function":
        parts.append("WINDOW")
    if f.routine_kind != "procedure":
        parts.append(f.volatility)
        if f.strict:
            parts.append("STRICT")
        if f.leakproof:
            parts.append("LEAKPROOF")
        parts.append(f"PARALLEL {f.parallel}")
        parts.append(f"COST {f.cost:g}")
        if f.rows:
            parts.append(f"ROWS {f.rows:g}")
    if f.security_definer:
        parts.append("SECURITY DEFINER")
    parts.extend(_config_item(c) for c in f.config)
    if f.binary:
        parts.append(f"AS {literal(f.binary)}, {literal(f.source)}")
    elif f.language == "sql" and f.source.lstrip().startswith(("RETURN ", "RETURN\n", "BEGIN ATOMIC")):
        # A SQL-standard body (pg_get_function_sqlbody) is SQL, not a string: quoted, it would be a
        # string body starting with RETURN, which is no statement. Neither prefix starts a valid string body.
        parts.append(f.source.rstrip().rstrip(";") if f.source.lstrip().startswith("RETURN") else f.source)
    else:
        parts.append(f"AS {dollar_quoted(f.source)}")
    return "\n".join(parts)


def create_aggregate(f: Function, *, replace: bool = True) -> str:
    """CREATE [OR REPLACE] AGGREGATE (PostgreSQL 12+): the signature as pg_get_function_arguments prints it
    (``ORDER BY`` within it for an ordered-set aggregate; ``*`` for none), then the definition and PARALLEL.
    OR REPLACE keeps the arguments, the result type and the number of direct arguments, as CREATE OR
    REPLACE FUNCTION does: a change of those rebuilds the aggregate (``routine_kind``, ``signature``, ``result``)."""
    return (f"CREATE {'OR REPLACE ' if replace else ''}AGGREGATE {ident(f.schema, f.name)}({f.signature or '*'}) "
            f"({f.aggregate}, PARALLEL = {f.parallel})")


def drop_function(f: Function) -> str:
    if f.routine_kind == "aggregate":  # an aggregate of no arguments is written (*), as count(*)
        return f"DROP AGGREGATE {ident(f.schema, f.name)}({f.arguments or '*'})"
    return f"DROP {'PROCEDURE' if f.routine_kind == 'procedure' else 'FUNCTION'} {name_of(f)}"


_ENABLED = {"ENABLE": "ENABLE", "DISABLE": "DISABLE", "ENABLE REPLICA": "ENABLE REPLICA",
            "ENABLE ALWAYS": "ENABLE ALWAYS"}


def trigger_enabled(t: Trigger) -> str:
    return f"ALTER TABLE {table_of(t)} {_ENABLED[t.enabled]} TRIGGER {ident(t.name)}"


def drop_trigger(t: Trigger) -> str:
    return f"DROP TRIGGER {ident(t.name)} ON {table_of(t)}"


def create_policy(p: Policy) -> str:
    # pg_get_expr gives a bare constant (``true``) without the parentheses USING and WITH CHECK require
    text = (f"CREATE POLICY {ident(p.name)} ON {table_of(p)} AS {'PERMISSIVE' if p.permissive else 'RESTRICTIVE'}"
            f" FOR {p.command} TO {', '.join(map(role, p.roles))}")
    if p.using is not None:
        text += f" USING ({p.using})"
    if p.with_check is not None:
        text += f" WITH CHECK ({p.with_check})"
    return text


def drop_policy(p: Policy) -> str:
    return f"DROP POLICY {ident(p.name)} ON {table_of(p)}"


# -- comments and privileges -----------------------------------------------------------------------

def comment_target(obj: Any) -> str:
    """What ``COMMENT ON`` names for *obj*."""
    kind = obj.kind
    if kind == "view":
        return f"{'MATERIALIZED VIEW' if obj.view_kind == 'materialized view' else 'VIEW'} {name_of(obj)}"
    if kind == "function":
        return f"{'PROCEDURE' if obj.routine_kind == 'procedure' else 'FUNCTION'} {name_of(obj)}"
    if kind in ("constraint", "trigger", "policy", "rule"):
        return f"{kind.upper()} {ident(obj.name)} ON {table_of(obj)}"
    if kind in ("enum", "composite type", "range type"):
        return f"TYPE {name_of(obj)}"
    if kind == "cast":
        return f"CAST ({obj.source} AS {obj.target})"
    if kind == "operator":
        return f"OPERATOR {ident(obj.schema)}.{obj.name} ({obj.left_type}, {obj.right_type})"
    if kind in ("operator family", "operator class"):
        return f"{kind.upper()} {ident(obj.schema, obj.name)} USING {ident(obj.method)}"
    if kind == "foreign server":
        return f"SERVER {name_of(obj)}"
    return f"{kind.upper()} {name_of(obj)}"


def comment(obj: Any, text: str | None, target: str | None = None) -> str:
    return f"COMMENT ON {target or comment_target(obj)} IS {'NULL' if text is None else literal(text)}"


def grant_target(obj: Any) -> str:
    """What GRANT names for *obj* (a column's privileges name the column in the privilege list instead)."""
    kind = obj.kind
    if kind in ("table", "view", "foreign table"):
        return f"TABLE {name_of(obj)}"
    if kind == "function":
        return f"{'PROCEDURE' if obj.routine_kind == 'procedure' else 'FUNCTION'} {name_of(obj)}"
    if kind == "range type":
        return f"TYPE {name_of(obj)}"
    return f"{kind.upper()} {name_of(obj)}"


def privilege_statements(obj: Any, old: tuple[str, ...], new: tuple[str, ...]) -> list[str]:
    """REVOKEs then GRANTs that turn privilege set *old* into *new* (``grantee:PRIV[*]`` items)."""
    column = None
    target = grant_target(obj)
    if obj.kind == "column":
        owner = getattr(obj, "table", None) or obj.view
        column = ident(obj.name)
        target = f"TABLE {ident(obj.schema, owner)}"
    return grant_changes(old, new, target, column)


def grant_changes(old: tuple[str, ...], new: tuple[str, ...], target: str, column: str | None = None, *,
                  grantee: Callable[[str], str] = role) -> list[str]:
    """``REVOKE … ON target FROM …`` then ``GRANT … ON target TO …``, from privilege set *old* to *new*;
    *grantee* spells a grantee of the sets (``(owner)``: whoever runs the plan)."""
    olds, news = set(old), set(new)
    out = []
    for item in sorted(olds - news):
        who, _, priv = item.partition(":")
        base = priv.rstrip("*")
        if f"{who}:{base}" in news:  # only the grant option goes
            out.append(f"REVOKE GRANT OPTION FOR {_priv(base, column)} ON {target} FROM {grantee(who)}")
        elif f"{who}:{base}*" not in news:
            out.append(f"REVOKE {_priv(base, column)} ON {target} FROM {grantee(who)}")
    for item in sorted(news - olds):
        who, _, priv = item.partition(":")
        base = priv.rstrip("*")
        option = " WITH GRANT OPTION" if priv.endswith("*") else ""
        if not option and f"{who}:{base}*" in olds:
            continue  # handled by REVOKE GRANT OPTION FOR
        out.append(f"GRANT {_priv(base, column)} ON {target} TO {grantee(who)}{option}")
    return out


def _priv(priv: str, column: str | None) -> str:
    return f"{priv} ({column})" if column else priv


def default_privileges(kind: str, server_version: int, *, routine: bool = False) -> tuple[str, ...]:
    """The privileges an object of *kind* has right after CREATE (``acldefault``), as the snapshot spells them."""
    if kind in ("table", "view", "foreign table"):
        privs = ["DELETE", "INSERT", "REFERENCES", "SELECT", "TRIGGER", "TRUNCATE", "UPDATE"]
        if server_version >= 170000:
            privs.append("MAINTAIN")
        return tuple(sorted(f"(owner):{p}" for p in privs))
    if kind == "sequence":
        return ("(owner):SELECT", "(owner):UPDATE", "(owner):USAGE")
    if kind == "function":
        return ("(owner):EXECUTE", "PUBLIC:EXECUTE")
    if kind == "schema":
        return ("(owner):CREATE", "(owner):USAGE")
    if kind == "range type":  # acldefault('T'): every type is usable by everyone
        return ("(owner):USAGE", "PUBLIC:USAGE")
    if kind in ("foreign data wrapper", "foreign server"):  # acldefault('F'), acldefault('S')
        return ("(owner):USAGE",)
    return ()
