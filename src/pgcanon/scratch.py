"""Scratch databases: uniquely named, always dropped, and swept up after a killed process.

A name says who made it: ``pgcanon_s_<host>_<pid>_<random>``. A process that was
killed (SIGKILL) cannot drop its databases, so every new scratch database first
drops those whose maker ran on this host and is gone.

Dropping one never stops a command. PostgreSQL refuses to drop a database that a
subscription, a logical replication slot or a prepared transaction still uses,
whatever ``WITH (FORCE)`` says, so :func:`release` undoes those first from inside
it, then drops it with ``FORCE`` (which ends its sessions). Whatever still blocks
the drop is one warning (the ``pgcanon.scratch`` logger) naming the database, the
blocker and the command that removes it, said once per process; the database is
then left alone for the rest of the process, and the next run tries again.

Roles a schema created on pgcanon's own server (:func:`adopt_roles`) carry a
comment naming their scratch database and are dropped right after it, by the
run that made them or by the sweep after a killed one.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import socket
from contextlib import contextmanager
from typing import TYPE_CHECKING

import psycopg
from psycopg import sql

from pgcanon.errors import PgcanonError, ServerError
from pgcanon.server import connect, pid_alive

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from pgcanon.server import Server

PREFIX = "pgcanon_s_"
_NAME = re.compile(rf"^{PREFIX}(?P<host>[a-z0-9]+)_(?P<pid>\d+)_[a-z0-9]+$")
#: The comment on a role a schema created: this prefix, then its scratch database's name.
ROLE_MARK = "pgcanon: created by the schema built in scratch database "

log = logging.getLogger(__name__)
#: (server, database) this process has warned about: said once, and not tried again until the next run.
_given_up: set[tuple[str, str]] = set()


def host_tag() -> str:
    """This host's name reduced to what fits in an identifier (max 20 chars)."""
    return re.sub(r"[^a-z0-9]", "", socket.gethostname().lower())[:20] or "host"


def new_name() -> str:
    return f"{PREFIX}{host_tag()}_{os.getpid()}_{secrets.token_hex(4)}"


def orphans(names: Iterable[str]) -> list[str]:
    """Those of *names* that this host's dead processes left behind."""
    me = host_tag()
    found = []
    for name in names:
        m = _NAME.match(name)
        if m and m["host"] == me and not pid_alive(int(m["pid"])):
            found.append(name)
    return found


def adopt_roles(conn: psycopg.Connection, roles: Iterable[str]) -> None:
    """Mark *roles*, created by a schema built in *conn*'s scratch database, to be dropped with it.

    The mark is a comment on the role (no snapshot reads role comments), so a sweep
    after a killed run still knows which roles were that run's.
    """
    mark = ROLE_MARK + conn.info.dbname
    for role in sorted(roles):
        conn.execute(sql.SQL("COMMENT ON ROLE {} IS {}").format(sql.Identifier(role), sql.Literal(mark)))


def _reason(exc: BaseException) -> str:
    """One line: PostgreSQL's message and detail ("… is being used by …. There is 1 subscription.")."""
    if isinstance(exc, psycopg.Error) and exc.diag.message_primary:
        text = exc.diag.message_primary
        if exc.diag.message_detail:
            text += f" ({exc.diag.message_detail.rstrip('.')})"
    else:
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return " ".join(text.split())


def _warn_once(server: Server, name: str, message: str) -> None:
    key = (server.describe(), name)
    if key in _given_up:
        return
    _given_up.add(key)
    log.warning("pgcanon: warning: %s", message)


def _try(conn: psycopg.Connection, query: sql.Composed | sql.SQL | str, what: str, problems: list[str],
         params: list[object] | None = None) -> bool:
    try:
        conn.execute(query, params)
    except psycopg.Error as exc:
        problems.append(f"{what}: {_reason(exc)}")
        return False
    return True


def _undo_inside(conn: psycopg.Connection) -> list[str]:
    """From a connection to the doomed database: end what PostgreSQL will not drop a database under."""
    problems: list[str] = []
    conn.execute("SET lock_timeout = '5s'")
    # A prepared transaction can only be finished from its own database; it may hold locks the rest needs.
    for (gid,) in conn.execute("SELECT gid FROM pg_prepared_xacts WHERE database = current_database()").fetchall():
        _try(conn, sql.SQL("ROLLBACK PREPARED {}").format(sql.Literal(gid)), f"prepared transaction {gid!r}", problems)
    subs = conn.execute(
        "SELECT subname FROM pg_subscription WHERE subdbid = (SELECT oid FROM pg_database WHERE datname = "
        "current_database())"
    ).fetchall()
    for (sub,) in subs:
        # Without its slot the subscription is dropped locally, never by connecting to the publisher.
        for step in ("ALTER SUBSCRIPTION {} DISABLE", "ALTER SUBSCRIPTION {} SET (slot_name = NONE)",
                     "DROP SUBSCRIPTION {}"):
            if not _try(conn, sql.SQL(step).format(sql.Identifier(sub)), f"subscription {sub}", problems):
                break
    slots = conn.execute(
        "SELECT slot_name, active_pid FROM pg_replication_slots WHERE database = current_database()"
    ).fetchall()
    for slot, pid in slots:
        if pid is not None:
            _try(conn, "SELECT pg_terminate_backend(%s, 5000)", f"slot {slot}'s session", problems, [pid])
        # A temporary slot went with its session; a lasting one is dropped here, from its own database.
        _try(conn, "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = %s",
             f"replication slot {slot}", problems, [slot])
    return problems


def _neutralise(server: Server, admin: psycopg.Connection, name: str) -> list[str]:
    """Undo what would block dropping *name*; the problems met, as short phrases (empty when none)."""
    row = admin.execute(
        "SELECT d.oid, d.datallowconn, d.datistemplate,"
        " EXISTS (SELECT FROM pg_subscription s WHERE s.subdbid = d.oid)"
        " OR EXISTS (SELECT FROM pg_prepared_xacts x WHERE x.database = d.datname)"
        " OR EXISTS (SELECT FROM pg_replication_slots r WHERE r.database = d.datname)"
        " FROM pg_database d WHERE d.datname = %s",
        [name],
    ).fetchone()
    if row is None:
        return []
    _, allow_connections, template, inside = row
    problems: list[str] = []
    ident = sql.Identifier(name)
    if template:  # a schema may have made its own database a template, which DROP DATABASE refuses
        _try(admin, sql.SQL("ALTER DATABASE {} IS_TEMPLATE false").format(ident), "template flag", problems)
    if not inside:
        return problems
    if not allow_connections:
        _try(admin, sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS true").format(ident), "connections", problems)
    try:
        with connect(server.conninfo(name), what=f"scratch database {name}", autocommit=True) as conn:
            problems += _undo_inside(conn)
    except (psycopg.Error, PgcanonError) as exc:
        problems.append(f"cannot connect to it: {_reason(exc)}")
    return problems


def release(server: Server, admin: psycopg.Connection, name: str) -> bool:
    """Drop scratch database *name* and the roles its schema created; never raises for a database error.

    :param admin: an autocommit connection to another database of *server*.
    :returns: False when the database is still there (then warned about, once per process).
    """
    try:
        problems = _neutralise(server, admin, name)
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    except psycopg.Error as exc:
        # The drop's own error names the blocker; what neutralising met says why it is still there.
        blockers = "; ".join([_reason(exc), *problems]) if not admin.broken else _reason(exc)
        _warn_once(server, name, (
            f"scratch database {name} on {server.describe()} cannot be dropped: {blockers}; "
            f"remove it as a superuser: DROP DATABASE {sql.Identifier(name).as_string(None)} WITH (FORCE);"
        ))
        return False
    _drop_roles(server, admin, name)
    return True


def _drop_roles(server: Server, admin: psycopg.Connection, name: str) -> None:
    if not server.ours:
        return  # marks are only made on our server; never drop a role on someone else's
    try:
        roles = [r[0] for r in admin.execute(
            "SELECT r.rolname FROM pg_roles r JOIN pg_shdescription d"
            " ON d.objoid = r.oid AND d.classoid = 'pg_authid'::regclass WHERE d.description = %s ORDER BY 1",
            [ROLE_MARK + name],
        ).fetchall()]
    except psycopg.Error as exc:
        _warn_once(server, name, f"cannot list the roles scratch database {name} created: {_reason(exc)}")
        return
    for role in roles:
        ident = sql.Identifier(role).as_string(None)
        try:
            admin.execute(f"DROP ROLE IF EXISTS {ident}")
        except psycopg.Error as exc:
            _warn_once(server, f"{name}/{role}", (
                f"role {ident}, created by the schema built in scratch database {name}, cannot be dropped: "
                f"{_reason(exc)}; remove it as a superuser: DROP OWNED BY {ident}; DROP ROLE {ident};"
            ))


def _sweep(server: Server, admin: psycopg.Connection) -> list[str]:
    like = PREFIX.replace("_", r"\_") + "%"
    try:
        names = [r[0] for r in admin.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s"
            " UNION SELECT substr(description, length(%s) + 1) FROM pg_shdescription"
            " WHERE classoid = 'pg_authid'::regclass AND starts_with(description, %s)",
            [like, ROLE_MARK, ROLE_MARK],
        ).fetchall()]
    except psycopg.Error as exc:
        _warn_once(server, "", f"cannot look for scratch databases left by killed runs: {_reason(exc)}")
        return []
    described = server.describe()
    dead = [n for n in orphans(names) if (described, n) not in _given_up]
    return [n for n in dead if release(server, admin, n)]


def sweep(server: Server) -> list[str]:
    """Drop scratch databases left by dead processes on this host; return those dropped.

    One that cannot be dropped is warned about (once per process) and left; the sweep goes on.
    """
    with connect(server.conninfo(), what=server.describe(), autocommit=True) as conn:
        return _sweep(server, conn)


def _release_after_use(server: Server, admin: psycopg.Connection, name: str) -> None:
    if not (admin.closed or admin.broken):
        release(server, admin, name)
        return
    # The build may have outlived the admin session (a server restart, idle_session_timeout): one new one.
    try:
        with connect(server.conninfo(), what=server.describe(), autocommit=True) as fresh:
            release(server, fresh, name)
    except PgcanonError as exc:
        _warn_once(server, name, f"scratch database {name} was not dropped: {exc}")


@contextmanager
def scratch_database(server: Server, *, template: str | None = None) -> Iterator[str]:
    """Create a fresh database (a clone of *template* when given) and yield its conninfo.

    The database is dropped on exit, whatever happened inside, including Ctrl-C; a drop
    that PostgreSQL still refuses is a warning, not an error.
    """
    with connect(server.conninfo(), what=server.describe(), autocommit=True) as admin:
        _sweep(server, admin)
        name = new_name()
        create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            create += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        try:
            admin.execute(create)
        except psycopg.Error as exc:
            raise ServerError(f"cannot create a scratch database on {server.describe()}: {exc}") from None
        try:
            yield server.conninfo(name)
        finally:
            _release_after_use(server, admin, name)
