"""Fixtures of the mutation suite: the rich schema built once into a template, its snapshot and its dump."""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

import pytest
from mutation_support import JOBS, ROLES, execute_script, oracle_dump, rich_schema
from peer_cases import ensure_roles
from psycopg.conninfo import conninfo_to_dict

from pgcanon.catalog import Snapshot, read_snapshot
from pgcanon.scratch import scratch_database

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from contextlib import AbstractContextManager

    from pgcanon.server import Server


@pytest.fixture(scope="session")
def mutation_roles(pg_server: Server) -> tuple[str, ...]:
    """The roles rich_schema.sql refers to, created when missing."""
    ensure_roles(pg_server.conninfo(), list(ROLES))
    return ROLES


@pytest.fixture(scope="session")
def build_schema(
    pg_server: Server, mutation_roles: tuple[str, ...]
) -> Callable[[str], AbstractContextManager[str]]:
    """A context manager factory: ``with build_schema(text) as conninfo:`` a fresh database holding *text*."""

    @contextmanager
    def build(text: str) -> Iterator[str]:
        with scratch_database(pg_server) as conninfo:
            execute_script(conninfo, text)
            yield conninfo

    return build


@pytest.fixture(scope="session")
def rich_template(build_schema: Callable[[str], AbstractContextManager[str]], pg_version: int) -> Iterator[str]:
    """The name of a database holding rich_schema.sql, to clone per case (no connection stays open on it)."""
    with build_schema(rich_schema(pg_version)) as conninfo:
        yield str(conninfo_to_dict(conninfo)["dbname"])


@pytest.fixture(scope="session")
def base(pg_server: Server, rich_template: str) -> Snapshot:
    """The snapshot of the rich schema."""
    return read_snapshot(pg_server.conninfo(rich_template), jobs=JOBS)


@pytest.fixture(scope="session")
def base_dump(pg_server: Server, rich_template: str) -> str:
    """pg_dump's view of the rich schema, normalized."""
    return oracle_dump(pg_server.conninfo(rich_template))


@pytest.fixture
def clone(pg_server: Server, rich_template: str) -> Iterator[str]:
    """A fresh copy of the rich schema (CREATE DATABASE … TEMPLATE), dropped afterwards."""
    with scratch_database(pg_server, template=rich_template) as conninfo:
        yield conninfo
