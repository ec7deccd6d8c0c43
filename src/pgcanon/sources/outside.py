"""Statements of a ``.sql`` source that would act outside the scratch database, refused before any runs.

A schema is built into a scratch database that pgcanon drops afterwards. Some
statements reach past it: into the server's configuration (``ALTER SYSTEM``),
its filesystem (``CREATE TABLESPACE``, ``COPY … TO 'file'``, ``lo_export``),
programs on its host (``COPY … PROGRAM``), other databases (``ALTER DATABASE``,
``GRANT … ON DATABASE``), cluster-wide roles and slots, or a remote server (a
subscription that connects, ``IMPORT FOREIGN SCHEMA``). Dropping the scratch
database would not undo them, so they are refused with their ``file:line:column``.

Roles are the one exception the project needs: on pgcanon's own server a schema
may create roles (they are dropped with its scratch database, see
:func:`pgcanon.scratch.adopt_roles`) and change the roles it created. On any
other server it may not touch roles at all, as ``--role`` never creates one there.

Only top-level statements are read. A function body or ``DO`` block runs code
pgcanon does not analyse; what it leaves inside the scratch database (sessions,
subscriptions, slots, prepared transactions) is undone when the database is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pglast import ast, parse_sql
from pglast.enums import AlterSubscriptionType, ObjectType, RoleSpecType
from pglast.parser import ParseError

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

#: Words without which a statement cannot be one we refuse: the rest are not parsed (a dump is mostly CREATE TABLE).
_SUSPECT = re.compile(
    r"\b(?:system|tablespace|copy|subscription|role|user|group|grant|revoke|database|import|owned|"
    r"comment|security|\w*replication\w*|lo_export)\b",
    re.I,
)

#: Functions whose effect outlives the scratch database, when a statement calls them at build time.
_FUNCTIONS = {
    "pg_create_physical_replication_slot": "creates a physical replication slot, which belongs to no database: "
    "dropping the scratch database would not remove it, and it holds WAL on the server",
    "pg_copy_physical_replication_slot": "creates a physical replication slot, which belongs to no database: "
    "dropping the scratch database would not remove it, and it holds WAL on the server",
    "pg_replication_origin_create": "creates a replication origin, which belongs to the whole server",
    "lo_export": "writes a file on the server's host",
}

#: Statements whose bodies are stored, not run, when they execute: calls inside them do not happen at build time.
_STORED = (ast.CreateFunctionStmt, ast.ViewStmt, ast.RuleStmt, ast.CreatePolicyStmt, ast.CreateTrigStmt)

#: What CREATE ROLE/USER/GROUP names anywhere in the text, function bodies and DO blocks included.
_CREATE_ROLE = re.compile(r'\bCREATE\s+(?:ROLE|USER|GROUP)\s+(?!MAPPING\b)("(?:[^"]|"")+"|[^\W\d][\w$]*)', re.I)

_FALSE = frozenset({"false", "f", "fa", "fal", "fals", "off", "of", "no", "n", "0"})


def role_candidates(text: str) -> set[str]:
    """Names *text* may create roles under, as PostgreSQL folds them (a superset: some may never be created)."""
    names = set()
    for m in _CREATE_ROLE.finditer(text):
        name = m[1]
        names.add(name[1:-1].replace('""', '"') if name.startswith('"') else name.lower())
    return names


@dataclass(frozen=True)
class Refusal:
    """A statement refused: its character range in the file's text, and why."""

    start: int
    end: int
    reason: str


@dataclass
class OutsideCheck:
    """Reads a source's files in build order, remembering the roles and subscriptions they create.

    :param ours: the server is pgcanon's own, where a schema may create (transient) roles.
    """

    ours: bool
    roles: set[str] = field(default_factory=set)
    #: subscription name → whether it names a replication slot (dropping it would then connect to drop the slot).
    subscriptions: dict[str, bool] = field(default_factory=dict)

    def refusal(self, text: str, pieces: Iterable[slice]) -> Refusal | None:
        """The first statement of *text* (split into *pieces*) that acts outside the scratch database, if any."""
        for piece in pieces:
            chunk = text[piece]
            if not _SUSPECT.search(chunk):
                continue
            try:
                statements = parse_sql(chunk)
            except ParseError:
                continue  # the server reports it, with its own position
            for raw in statements:
                if raw.stmt is None:
                    continue
                reason = self._reason(raw.stmt)
                if reason is not None:
                    start = piece.start + (raw.stmt_location or 0)
                    end = start + raw.stmt_len if raw.stmt_len else piece.stop
                    return Refusal(start, end, reason)
        return None

    def _reason(self, node: ast.Node) -> str | None:
        if isinstance(node, ast.AlterSystemStmt):
            return "ALTER SYSTEM changes the server's configuration, not the scratch database; " \
                   "server settings are not part of a schema: remove the statement"
        if isinstance(node, (ast.CreateTableSpaceStmt, ast.DropTableSpaceStmt, ast.AlterTableSpaceOptionsStmt)):
            return "a tablespace is a directory on the server's host, shared by every database; " \
                   "dropping the scratch database would not remove it: remove the statement"
        if isinstance(node, (ast.CreatedbStmt, ast.DropdbStmt, ast.AlterDatabaseStmt, ast.AlterDatabaseSetStmt,
                             ast.AlterDatabaseRefreshCollStmt)):
            return _other_database(node.dbname)
        if isinstance(node, ast.CopyStmt):
            return self._copy(node)
        if isinstance(node, ast.ImportForeignSchemaStmt):
            return "IMPORT FOREIGN SCHEMA connects to the foreign server while the schema is built; " \
                   "declare the tables with CREATE FOREIGN TABLE instead (as pg_dump writes them)"
        if isinstance(node, (ast.CreateSubscriptionStmt, ast.AlterSubscriptionStmt, ast.DropSubscriptionStmt)):
            return self._subscription(node)
        if isinstance(node, (ast.GrantStmt, ast.CommentStmt, ast.SecLabelStmt, ast.RenameStmt, ast.AlterOwnerStmt)):
            shared = self._shared_object(node)
            if shared is not None:
                return shared
        role = self._role(node)
        if role is not None:
            return role
        if not isinstance(node, _STORED):
            return _function_call(node)
        return None

    @staticmethod
    def _copy(node: ast.CopyStmt) -> str | None:
        if node.is_program:
            return "COPY … PROGRAM runs a program on the server's host; pgcanon does not run it: " \
                   "remove the statement (a schema needs no data)"
        if node.filename is not None and not node.is_from:
            return f"COPY … TO {node.filename!r} writes a file on the server's host; remove the statement"
        return None

    def _subscription(self, node: ast.Node) -> str | None:
        if isinstance(node, ast.CreateSubscriptionStmt):
            options = _options(node.options)
            if not _is_false(options, "connect"):
                return "CREATE SUBSCRIPTION connects to its publisher and creates a replication slot there; " \
                       "add WITH (connect = false), as pg_dump writes it, to declare the subscription only"
            self.subscriptions[node.subname or ""] = not _is_none(options, "slot_name")
            return None
        if isinstance(node, ast.AlterSubscriptionStmt):
            kind = node.kind
            options = _options(node.options)
            if kind == AlterSubscriptionType.ALTER_SUBSCRIPTION_ENABLED and not _is_false(options, "enabled"):
                return "ALTER SUBSCRIPTION … ENABLE starts replicating from the publisher; " \
                       "a schema declares a subscription, it does not start it: remove the statement"
            if kind == AlterSubscriptionType.ALTER_SUBSCRIPTION_REFRESH:
                return "ALTER SUBSCRIPTION … REFRESH connects to the publisher; remove the statement"
            if kind == AlterSubscriptionType.ALTER_SUBSCRIPTION_OPTIONS:
                if "slot_name" in options:
                    self.subscriptions[node.subname or ""] = not _is_none(options, "slot_name")
                if ({"failover", "two_phase"} & options.keys()) and self.subscriptions.get(node.subname or "", True):
                    return "changing failover or two_phase of a subscription with a slot connects to the publisher " \
                           "to change the slot; remove the statement"
            return None
        assert isinstance(node, ast.DropSubscriptionStmt)
        if self.subscriptions.pop(node.subname or "", False):
            return "DROP SUBSCRIPTION connects to the publisher to drop the subscription's replication slot; " \
                   "run ALTER SUBSCRIPTION … SET (slot_name = NONE) first"
        return None

    @staticmethod
    def _shared_object(node: ast.Node) -> str | None:
        kind = getattr(node, "objtype", None)
        if isinstance(node, ast.RenameStmt):
            kind = node.renameType
        if isinstance(node, ast.AlterOwnerStmt):
            kind = node.objectType
        if kind == ObjectType.OBJECT_DATABASE:
            return _other_database(_object_name(node))
        if kind == ObjectType.OBJECT_TABLESPACE:
            return "a tablespace is shared by every database of the server; " \
                   "dropping the scratch database would not undo the statement: remove it"
        if kind == ObjectType.OBJECT_PARAMETER_ACL:
            return "privileges on a configuration parameter belong to the whole server; remove the statement"
        return None

    def _role(self, node: ast.Node) -> str | None:
        """Why a statement on roles acts outside the scratch database, or None when it does not."""
        if isinstance(node, ast.CreateRoleStmt):
            if not self.ours:
                return "CREATE ROLE creates a role on the whole server, which outlives the scratch database; " \
                       "pgcanon creates roles only on its own server (unset DATABASE_URL), " \
                       "or create the role beforehand and remove the statement"
            if node.role is not None:  # the grammar always names the role
                self.roles.add(node.role)
            return None
        touched = list(_roles_touched(node))
        if isinstance(node, ast.GrantRoleStmt):
            # A membership goes when either of its two roles is dropped.
            granted = [p.priv_name for p in node.granted_roles or ()]
            members = [(_role_name(r), _role_label(r)) for r in node.grantee_roles or ()]
            touched = [f"{g} TO {label}" for g in granted for m, label in members
                       if g not in self.roles and m not in self.roles]
            if touched:
                return f"GRANT/REVOKE of role membership ({touched[0]}) changes roles of the whole server, " \
                       "not the scratch database; only roles the schema creates may be changed"
            return None
        if not touched:
            return None
        outside = [r for r in touched if r is None or r not in self.roles]
        if not outside:
            if isinstance(node, ast.RenameStmt) and node.newname is not None:
                self.roles.add(node.newname)  # still the schema's role, to be dropped under its new name
            return None
        name = outside[0] or "CURRENT_USER (or ALL)"
        return f"the statement changes role {name}, which belongs to the whole server, not to the scratch " \
               "database; only roles the schema creates may be changed (remove the statement)"


def _other_database(name: str | None) -> str:
    target = f"database {name}" if name else "a database"
    return f"the statement acts on {target} of the server, not on the scratch database pgcanon builds in; " \
           "remove it (a schema is what is inside one database)"


def _object_name(node: ast.Node) -> str | None:
    """The (first) object a GRANT, COMMENT, SECURITY LABEL, RENAME or OWNER TO names, when it is a plain name."""
    if isinstance(node, ast.RenameStmt):
        return node.subname
    obj = getattr(node, "objects", None) or (getattr(node, "object", None),)
    first = obj[0] if isinstance(obj, tuple) else obj
    return first.sval if isinstance(first, ast.String) else None


def _roles_touched(node: ast.Node) -> Iterator[str | None]:
    """The roles a statement changes (None: a role named by CURRENT_USER or ALL), or nothing when it is not one."""
    if isinstance(node, (ast.AlterRoleStmt, ast.AlterRoleSetStmt)):
        yield _role_name(node.role) if node.role is not None else None
    elif isinstance(node, (ast.DropRoleStmt, ast.DropOwnedStmt, ast.ReassignOwnedStmt)):
        for spec in node.roles or ():
            yield _role_name(spec)
    elif isinstance(node, ast.RenameStmt) and node.renameType == ObjectType.OBJECT_ROLE:
        yield node.subname
    elif isinstance(node, (ast.CommentStmt, ast.SecLabelStmt)) and node.objtype == ObjectType.OBJECT_ROLE:
        obj = node.object
        yield obj.sval if isinstance(obj, ast.String) else None


def _role_name(spec: ast.RoleSpec) -> str | None:
    return spec.rolename if spec.roletype == RoleSpecType.ROLESPEC_CSTRING else None


def _role_label(spec: ast.RoleSpec) -> str:
    """A role as the statement wrote it: its name, or PUBLIC, CURRENT_USER…"""
    roletype = RoleSpecType(spec.roletype if spec.roletype is not None else RoleSpecType.ROLESPEC_CSTRING)
    return _role_name(spec) or roletype.name.removeprefix("ROLESPEC_")


def _walk(node: ast.Node | tuple) -> Iterator[ast.Node]:
    if isinstance(node, tuple):
        for item in node:
            yield from _walk(item)
    elif isinstance(node, ast.Node):
        yield node
        for member in node:
            value = getattr(node, member)
            if isinstance(value, (tuple, ast.Node)):
                yield from _walk(value)


def _function_call(node: ast.Node) -> str | None:
    for child in _walk(node):
        if isinstance(child, ast.FuncCall) and child.funcname:
            name = (child.funcname[-1].sval or "").lower()
            if name in _FUNCTIONS and (len(child.funcname) == 1 or child.funcname[0].sval == "pg_catalog"):
                return f"{name}() {_FUNCTIONS[name]}; remove the call"
    return None


#: A statement's WITH (name = value, ...) options by lower-case name; a DefElem's arg is a node, a list or absent.
_Options = dict[str, "ast.Node | tuple[Any, ...] | None"]


def _options(defs: Iterable[ast.DefElem] | None) -> _Options:
    return {(d.defname or "").lower(): d.arg for d in defs or ()}


def _is_false(options: _Options, name: str) -> bool:
    if name not in options:
        return False
    arg = options[name]
    if isinstance(arg, ast.Boolean):
        return not arg.boolval
    if isinstance(arg, ast.Integer):
        return arg.ival == 0
    if isinstance(arg, ast.TypeName) and arg.names and len(arg.names) == 1:  # an unquoted keyword: WITH (connect = off)
        arg = arg.names[0]
    return isinstance(arg, ast.String) and (arg.sval or "").lower() in _FALSE


def _is_none(options: _Options, name: str) -> bool:
    arg = options.get(name)
    return isinstance(arg, ast.String) and (arg.sval or "").lower() == "none"
