"""Fixtures for scratch-database hygiene: schema files, a cluster with 2PC and logical decoding, a clean warning memo.

The suite's server keeps PostgreSQL's defaults (``max_prepared_transactions = 0``,
``wal_level = replica``), so a schema that prepares a transaction or creates a
logical slot cannot even build there. Many production servers enable both, and
that is where a scratch database can be left holding them; ``replica_project`` is
a throwaway pgcanon project whose own embedded server is configured that way.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import psycopg
import pytest

from pgcanon import in_memory, scratch
from pgcanon.server import EmbeddedServer, _import_embedded, scratch_dir

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator



@pytest.fixture(autouse=True)
def _fresh_warnings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each in-process run here is a run of its own: the once-per-process warning memo starts empty."""
    monkeypatch.setattr(scratch, "_given_up", set())


@pytest.fixture
def sql(tmp_path: Path) -> Callable[[str, str], str]:
    """Write a schema file under tmp_path; return its path."""
    def write(name: str, text: str) -> str:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text))
        return str(path)

    return write


@pytest.fixture(scope="session")
def replica_project() -> Iterator[tuple[Path, EmbeddedServer]]:
    """A project directory whose embedded scratch cluster allows prepared transactions and logical slots."""
    base = Path(tempfile.mkdtemp(prefix="pgc-"))  # short: the socket path must fit in 107 bytes
    base.chmod(0o755)  # the server may run as another system user (root → embedded_postgres)
    (base / "pyproject.toml").write_text("[tool.pgcanon]\n")
    server = EmbeddedServer(scratch_dir(base / ".pgcanon" / "data"), disposable=True)
    server.start()
    with psycopg.connect(server.conninfo(), autocommit=True) as conn:
        conn.execute("ALTER SYSTEM SET max_prepared_transactions = 4")
        conn.execute("ALTER SYSTEM SET wal_level = logical")
    ep = _import_embedded()
    owner = server.data_dir.stat().st_uid
    kwargs = {"user": owner} if os.geteuid() == 0 and owner != 0 else {}
    ep.pg_ctl(["-w", "-m", "fast", "restart"], pgdata=server.data_dir, **kwargs)
    try:
        yield base, server
    finally:
        server.stop()
        in_memory.remove(server.data_dir)  # the cluster's files, when they were placed in /dev/shm
        shutil.rmtree(base, ignore_errors=True)
