"""Building a fleet of databases on the test server: the platform at head, behind, drifted, unreadable.

The migrations run three times (to 0004, then 0005, then head, each a clone of the one
before); every other database is a ``CREATE DATABASE … TEMPLATE`` clone of one of those
three, changed by hand where it is meant to drift. Everything is named with this process's
id, so parallel runs on one server never meet, and :func:`drop` removes it all.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

import psycopg
from fix_sources import url_of
from psycopg import sql
from psycopg.conninfo import make_conninfo

from pgcanon import migrations

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from pgcanon.config import Settings
    from pgcanon.server import Server

T = TypeVar("T")

PREFIX = f"drift_{os.getpid()}_"
#: The role every drift run in these tests reads as: LOGIN, CONNECT (through PUBLIC) and SELECT on
#: alembic_version, nothing else. It could not write a row if pgcanon tried.
READER = f"drift_reader_{os.getpid()}"

REV_0004, REV_0005, HEAD = "0004_people", "0005_search", "0006_scene_thumbnail_key"

#: Database (without PREFIX) -> (template, statements run in it after cloning).
DRIFTED: dict[str, tuple[str, tuple[str, ...]]] = {
    "drop_index_a": ("tpl_head", ("DROP INDEX jobs_video_id_idx",)),
    "drop_index_b": ("tpl_head", ("DROP INDEX jobs_video_id_idx",)),
    # behind and drifted: compared with 0005, it lacks the same index as the two above
    "behind_drop_index": ("tpl_0005", ("DROP INDEX jobs_video_id_idx",)),
    "extra_column": ("tpl_head", ("ALTER TABLE videos ADD COLUMN note text",)),
    "changed_default": ("tpl_head", ("ALTER TABLE jobs ALTER COLUMN attempts SET DEFAULT 1",)),
    # the owner's UPDATE on jobs is gone: a grant the schema implies, missing
    "missing_grant": ("tpl_head", ("REVOKE UPDATE ON jobs FROM CURRENT_USER",)),
}
OK_COUNT = 30
BEHIND = {"behind_one_a": "tpl_0005", "behind_one_b": "tpl_0005", "behind_two": "tpl_0004"}


def name(short: str) -> str:
    return PREFIX + short


def execute(conninfo: str, *statements: str | sql.Composable) -> None:
    with psycopg.connect(conninfo, autocommit=True) as conn:
        for s in statements:
            conn.execute(s)


@dataclass
class Fleet:
    """The fleet's databases, and the URLs drift reads them by (as :data:`READER`)."""

    server: Server
    databases: list[str] = field(default_factory=list)
    #: Target URL -> the database's short name; the error targets too.
    urls: dict[str, str] = field(default_factory=dict)

    def admin(self, dbname: str = "postgres") -> str:
        return self.server.conninfo(dbname)

    def reader_url(self, dbname: str) -> str:
        return url_of(make_conninfo(self.server.conninfo(dbname), user=READER))

    def clone(self, short: str, template: str, *statements: str) -> str:
        db = name(short)
        execute(self.admin(), sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            sql.Identifier(db), sql.Identifier(name(template))))
        self.databases.append(db)
        if statements:
            execute(self.admin(db), *statements)
        return db

    def add_target(self, short: str, url: str | None = None) -> None:
        self.urls[url or self.reader_url(name(short))] = short


def build(fleet: Fleet, settings: Settings) -> None:
    """The templates, the clones and their drift; the unreachable targets are added by the caller."""
    execute(fleet.admin(), f"DROP ROLE IF EXISTS {READER}", f"CREATE ROLE {READER} LOGIN")
    execute(fleet.admin(), sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name("tpl_0004"))))
    fleet.databases.append(name("tpl_0004"))
    migrations.upgrade(settings, fleet.admin(name("tpl_0004")), REV_0004)
    execute(fleet.admin(name("tpl_0004")), f"GRANT SELECT ON alembic_version TO {READER}")
    fleet.clone("tpl_0005", "tpl_0004")
    migrations.upgrade(settings, fleet.admin(name("tpl_0005")), REV_0005)
    fleet.clone("tpl_head", "tpl_0005")
    migrations.upgrade(settings, fleet.admin(name("tpl_head")), HEAD)
    for i in range(OK_COUNT):
        fleet.add_target(fleet.clone(f"ok_{i:02d}", "tpl_head").removeprefix(PREFIX))
    for short, template in BEHIND.items():
        fleet.add_target(fleet.clone(short, template).removeprefix(PREFIX))
    for short, (template, statements) in DRIFTED.items():
        fleet.add_target(fleet.clone(short, template, *statements).removeprefix(PREFIX))
    # No alembic_version: compared with the canonical schema, which it matches.
    fleet.add_target(fleet.clone("unversioned", "tpl_head", "DROP TABLE alembic_version").removeprefix(PREFIX))
    # Exists, but the reading role may not connect to it.
    fleet.clone("no_connect", "tpl_head")
    execute(fleet.admin(), sql.SQL("REVOKE CONNECT ON DATABASE {} FROM PUBLIC").format(
        sql.Identifier(name("no_connect"))))
    fleet.add_target("no_connect")
    fleet.add_target("missing_database", fleet.reader_url(name("missing_database")))


def drop(fleet: Fleet) -> None:
    with psycopg.connect(fleet.admin(), autocommit=True) as conn:
        rows = conn.execute("SELECT datname FROM pg_database WHERE datname LIKE %s",
                            [PREFIX.replace("_", r"\_") + "%"]).fetchall()
        for (db,) in rows:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(db)))
        conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(READER)))


def closed_port() -> int:
    """A TCP port on 127.0.0.1 nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def not_postgres() -> Iterator[int]:
    """A TCP server that answers like a web server, not PostgreSQL; yields its port."""
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(16)
    stop = threading.Event()

    def serve() -> None:
        srv.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = srv.accept()
            except OSError:
                continue
            with conn:
                try:
                    conn.recv(1024)
                    conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
                except OSError:
                    pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield srv.getsockname()[1]
    finally:
        stop.set()
        thread.join()
        srv.close()


def write_counts(fleet: Fleet) -> dict[str, tuple[int, int, int]]:
    """Rows inserted, updated, deleted in each fleet database's own tables, as the statistics system counts them.

    User tables only: autovacuum's ANALYZE writes pg_statistic in any database at any time, which
    pg_stat_database counts as updates, though nobody wrote to the database.
    """
    with psycopg.connect(fleet.admin()) as conn:
        names = [r[0] for r in conn.execute(
            "SELECT datname::text FROM pg_database WHERE datname LIKE %s", [PREFIX.replace("_", r"\_") + "%"])]
    counts = {}
    for dbname in names:
        with psycopg.connect(fleet.admin(dbname)) as conn:
            row = conn.execute("SELECT coalesce(sum(n_tup_ins), 0), coalesce(sum(n_tup_upd), 0),"
                               " coalesce(sum(n_tup_del), 0) FROM pg_stat_user_tables").fetchone()
        counts[dbname] = tuple(int(v) for v in row)  # type: ignore[union-attr]
    return counts  # type: ignore[return-value]

def settled(read: Callable[[], T]) -> T:
    """What *read* returns once two reads half a second apart agree.

    A backend sends its statistics to the cumulative statistics system when its transaction ends
    (at most once a second, PostgreSQL 15+) and when it exits, so counters move for a moment
    after the writes that caused them.
    """
    seen = read()
    for _ in range(20):
        time.sleep(0.5)
        now = read()
        if now == seen:
            return now
        seen = now
    return seen
