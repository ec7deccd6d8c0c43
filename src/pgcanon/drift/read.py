"""Reading a target: bounded, read-only, and failing into a message rather than an exception.

Every connection to a target carries its limits in the conninfo, so the catalog reader's
own connections (:func:`pgcanon.catalog.read_snapshot`) get them too: ``connect_timeout``,
and through ``options`` the server settings ``statement_timeout``, ``lock_timeout`` and
``default_transaction_read_only`` (a transaction that tried to write would fail with
``cannot execute … in a read-only transaction``). ``application_name`` says who is reading
in ``pg_stat_activity``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from pgcanon.config import redact
from pgcanon.errors import PgcanonError, ServerError
from pgcanon.server import ExternalServer

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pgcanon.catalog.model import Snapshot

#: Where Alembic keeps its bookkeeping when ``version_table_schema`` is not set: the first schema
#: of the search path, ``public`` on a default set-up; in schema mode, the tenant schema.
VERSION_TABLE = "alembic_version"


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on every connection to a target, in seconds."""

    connect_timeout: float = 10.0
    statement_timeout: float = 60.0
    lock_timeout: float = 5.0


def read_only_conninfo(url: str, limits: Limits) -> str:
    """*url* as a libpq conninfo with the limits and read-only default added (see the module docstring).

    Options already in *url* are kept; ours come after them and win. A connection pooler that
    refuses startup ``options`` (PgBouncer without ``ignore_startup_parameters = options``) refuses it.
    """
    base = ExternalServer(url).conninfo()
    params = conninfo_to_dict(base)
    ours = (
        f"-c statement_timeout={int(limits.statement_timeout * 1000)}"
        f" -c lock_timeout={int(limits.lock_timeout * 1000)}"
        " -c default_transaction_read_only=on"
    )
    options = f"{params['options']} {ours}" if params.get("options") else ours
    extra: dict[str, str | int] = {"connect_timeout": max(1, round(limits.connect_timeout)), "options": options}
    if not params.get("application_name"):
        extra["application_name"] = "pgcanon drift"
    return make_conninfo(base, **extra)


def first_line(exc: BaseException) -> str:
    """The reason in a driver or pgcanon error, in one line, password-free."""
    lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    reason = lines[0] if lines else type(exc).__name__
    # libpq prefixes connection failures with 'connection to server at "…", port N failed:' (psycopg adds
    # 'connection failed:'); the server's own severity word says nothing more.
    if "failed:" in reason and "connection to server" in reason:
        reason = reason.rsplit("failed:", 1)[1].strip() or reason
    reason = re.sub(r"^(?:FATAL|ERROR):\s+", "", reason)
    return redact(reason)


@dataclass(frozen=True, slots=True)
class Claim:
    """What a target's ``alembic_version`` says: no table (``versioned`` False), or its revisions (none at base)."""

    versioned: bool
    revisions: tuple[str, ...] = ()


def read_claims(conninfo: str, schemas: Sequence[str]) -> dict[str, Claim | ServerError]:
    """The claim of each schema in *schemas* (the version table's schema), in one read-only transaction.

    A version table that cannot be read (no USAGE on a tenant's schema, no SELECT on its
    table) is that schema's :class:`ServerError`, read in a savepoint of its own: in schema
    mode one tenant the reading role was not granted must not turn its neighbours into errors.

    :raises ServerError: when the target cannot be reached or its catalog cannot be read.
    """
    claims: dict[str, Claim | ServerError] = {}
    try:
        conn = psycopg.connect(conninfo)
    except psycopg.Error as exc:
        raise ServerError(f"cannot connect: {first_line(exc)}") from None
    try:
        conn.read_only = True
        found = {
            row[0]
            for row in conn.execute(
                "SELECT n.nspname::text FROM pg_catalog.pg_class AS c"
                " JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace"
                " WHERE c.relname = %s AND c.relkind IN ('r', 'p', 'v') AND n.nspname = ANY(%s)",
                [VERSION_TABLE, list(schemas)],
            )
        }
        for schema in schemas:
            if schema not in found:
                claims[schema] = Claim(versioned=False)
                continue
            query = sql.SQL("SELECT version_num::text FROM {}.{} ORDER BY 1").format(
                sql.Identifier(schema), sql.Identifier(VERSION_TABLE)
            )
            try:
                # A savepoint: the transaction is already open, and an error would abort all of it.
                with conn.transaction():
                    claims[schema] = Claim(True, tuple(row[0] for row in conn.execute(query)))
            except psycopg.DatabaseError as exc:
                if conn.closed:
                    raise
                claims[schema] = ServerError(f"cannot read {VERSION_TABLE}: {first_line(exc)}")
        conn.rollback()
    except psycopg.Error as exc:
        raise ServerError(f"cannot read {VERSION_TABLE}: {first_line(exc)}") from None
    finally:
        conn.close()
    return claims


def read_database(conninfo: str) -> Snapshot:
    """The whole schema of the target, over one connection (the run is parallel across targets instead)."""
    from pgcanon.catalog import read_snapshot

    return read_snapshot(conninfo, jobs=1)


def describe_failure(exc: BaseException) -> str:
    """One line for a target's ``error``: the server's or pgcanon's reason, or the exception's type."""
    if isinstance(exc, (psycopg.Error, PgcanonError, OSError)):
        return first_line(exc)
    return f"{type(exc).__name__}: {first_line(exc)}"
