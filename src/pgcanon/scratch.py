"""Scratch databases: uniquely named, always dropped, and swept up after a killed process.

A name says who made it: ``pgcanon_s_<host>_<pid>_<random>``. A process that was
killed (SIGKILL) cannot drop its databases, so every new scratch database first
drops those whose maker ran on this host and is gone.
"""

from __future__ import annotations

import os
import re
import secrets
import socket
from contextlib import contextmanager
from typing import TYPE_CHECKING

import psycopg
from psycopg import sql

from pgcanon.errors import ServerError
from pgcanon.server import connect, pid_alive

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pgcanon.server import Server

PREFIX = "pgcanon_s_"
_NAME = re.compile(rf"^{PREFIX}(?P<host>[a-z0-9]+)_(?P<pid>\d+)_[a-z0-9]+$")


def host_tag() -> str:
    """This host's name reduced to what fits in an identifier (max 20 chars)."""
    return re.sub(r"[^a-z0-9]", "", socket.gethostname().lower())[:20] or "host"


def new_name() -> str:
    return f"{PREFIX}{host_tag()}_{os.getpid()}_{secrets.token_hex(4)}"


def orphans(names: list[str]) -> list[str]:
    """Those of *names* that this host's dead processes left behind."""
    me = host_tag()
    found = []
    for name in names:
        m = _NAME.match(name)
        if m and m["host"] == me and not pid_alive(int(m["pid"])):
            found.append(name)
    return found


def _drop(conn: psycopg.Connection, name: str) -> None:
    # WITH (FORCE) ends sessions a crashed builder may have left open (PostgreSQL 13+).
    conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def sweep(server: Server) -> list[str]:
    """Drop scratch databases left by dead processes on this host; return their names."""
    with connect(server.conninfo(), what=server.describe(), autocommit=True) as conn:
        rows = conn.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s", [PREFIX.replace("_", r"\_") + "%"]
        ).fetchall()
        dead = orphans([r[0] for r in rows])
        for name in dead:
            _drop(conn, name)
    return dead


@contextmanager
def scratch_database(server: Server, *, template: str | None = None) -> Iterator[str]:
    """Create a fresh database (a clone of *template* when given) and yield its conninfo.

    The database is dropped on exit, whatever happened inside, including Ctrl-C.
    """
    sweep(server)
    name = new_name()
    create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template:
        create += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
    with connect(server.conninfo(), what=server.describe(), autocommit=True) as admin:
        try:
            admin.execute(create)
        except psycopg.Error as exc:
            raise ServerError(f"cannot create a scratch database on {server.describe()}: {exc}") from None
        try:
            yield server.conninfo(name)
        finally:
            _drop(admin, name)
