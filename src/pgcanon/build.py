"""Build a source into a scratch database, and the roles a schema's grants need first."""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

import psycopg
from psycopg import sql

from pgcanon.errors import ServerError
from pgcanon.scratch import scratch_database
from pgcanon.server import connect

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from pgcanon.server import Server
    from pgcanon.sources import Source


def ensure_roles(server: Server, roles: Iterable[str]) -> None:
    """Make sure every role in *roles* exists: created on our server, required on anyone else's.

    Roles are cluster-wide, so a grant in a schema names a role that must exist
    before the schema loads. On a server that is not ours we never create one.
    """
    wanted = list(dict.fromkeys(roles))
    if not wanted:
        return
    with connect(server.conninfo(), what=server.describe(), autocommit=True) as conn:
        have = {r[0] for r in conn.execute("SELECT rolname FROM pg_roles WHERE rolname = ANY(%s)", [wanted])}
        missing = [r for r in wanted if r not in have]
        if missing and not server.ours:
            names = ", ".join(sql.Identifier(r).as_string(conn) for r in missing)
            raise ServerError(
                f"role(s) {names} do not exist on {server.describe()}\n"
                "  pgcanon creates roles only on its own server: create them, or unset DATABASE_URL"
            )
        for role in missing:
            try:
                conn.execute(sql.SQL("CREATE ROLE {}").format(sql.Identifier(role)))
            except psycopg.errors.DuplicateObject:
                pass  # a parallel run created it first


@contextmanager
def built(source: Source, server: Server) -> Iterator[str]:
    """Yield a conninfo of a fresh scratch database holding *source*, dropped afterwards.

    A live database is never built: callers read it where it is (``LiveSource.conninfo``).
    """
    with scratch_database(server) as conninfo:
        source.build(server, conninfo)
        yield conninfo
