"""Scratch databases live in their own embedded cluster, run without fsync; the dev cluster keeps its guarantees."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import psycopg
import pytest
from fix_sources import run_cli, url_of

from pgcanon import in_memory
from pgcanon.config import load_settings
from pgcanon.errors import ConfigError
from pgcanon.server import DISPOSABLE_SETTINGS, EmbeddedServer, ExternalServer, resolve_server, scratch_server

if TYPE_CHECKING:
    from pgcanon.config import Settings

pytestmark = pytest.mark.skipif(bool(os.environ.get("PGCANON_TEST_URL")), reason="the embedded clusters only")

#: A schema that writes into itself the fsync setting of the server it is built on.
SAYS_FSYNC = """\
CREATE TABLE t (a int);
DO $$ BEGIN EXECUTE format('COMMENT ON TABLE t IS %L', current_setting('fsync')); END $$;
"""


def _settings(conninfo: str) -> dict[str, str]:
    with psycopg.connect(conninfo) as conn:
        return dict(conn.execute("SELECT name, setting FROM pg_settings WHERE name = ANY(%s)",
                                 [list(DISPOSABLE_SETTINGS)]).fetchall())


def test_the_scratch_cluster_runs_without_fsync(settings: Settings) -> None:
    server = scratch_server(settings)
    assert isinstance(server, EmbeddedServer)
    assert (server.disposable, server.data_dir) == (True, settings.data_dir.with_name("scratch"))
    assert _settings(server.conninfo()) == DISPOSABLE_SETTINGS


def test_the_dev_cluster_keeps_fsync(settings: Settings) -> None:
    dev = resolve_server(settings)
    assert isinstance(dev, EmbeddedServer) and not dev.disposable
    on = {"fsync": "on", "synchronous_commit": "on", "full_page_writes": "on"}
    assert {k: v for k, v in _settings(dev.conninfo()).items() if k in on} == on


def test_builds_happen_on_the_scratch_cluster(tmp_path: Path) -> None:
    said = tmp_path / "says.sql"
    said.write_text(SAYS_FSYNC)
    on = tmp_path / "on.sql"
    on.write_text("CREATE TABLE t (a int);\nCOMMENT ON TABLE t IS 'on';\n")
    code, out, err = run_cli("diff", str(said), str(on))
    assert (code, err) == (1, ""), out
    assert out.startswith("table public.t: comment off (") and " vs on (" in out, out


def test_a_given_server_is_where_scratch_databases_go(tmp_path: Path) -> None:
    """With DATABASE_URL, that server builds the scratch databases; its settings are never touched."""
    (tmp_path / "pyproject.toml").write_text("[tool.pgcanon]\n")
    url = "postgresql://someone@db.example:5433/app"
    got = scratch_server(load_settings(tmp_path, environ={"DATABASE_URL": url}), start=False)
    assert got == ExternalServer(url) and not got.disposable


#: A schema that writes into itself the major version of the server it is built on.
SAYS_MAJOR = """\
CREATE TABLE t (a int);
DO $$ BEGIN EXECUTE format('COMMENT ON TABLE t IS %L', current_setting('server_version_num')::int / 10000); END $$;
"""


def test_server_version_builds_on_that_major(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    said = tmp_path / "says.sql"
    said.write_text(SAYS_MAJOR)
    fourteen = tmp_path / "14.sql"
    fourteen.write_text("CREATE TABLE t (a int);\nCOMMENT ON TABLE t IS '14';\n")
    monkeypatch.setenv("PGCANON_SERVER_VERSION", "14")
    assert run_cli("diff", str(said), str(fourteen)) == (0, f"{said} and {fourteen} are identical\n", "")
    monkeypatch.delenv("PGCANON_SERVER_VERSION")
    code, out, _ = run_cli("diff", str(said), str(fourteen))
    assert code == 1 and out.startswith("table public.t: comment 18 ("), out


def test_a_given_server_of_another_major_is_refused(tmp_path: Path, pg_server: object,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    a = tmp_path / "a.sql"
    a.write_text("CREATE TABLE t (a int);\n")
    monkeypatch.setenv("DATABASE_URL", url_of(pg_server.conninfo()))  # type: ignore[attr-defined]
    monkeypatch.setenv("PGCANON_SERVER_VERSION", "14")
    code, out, err = run_cli("diff", str(a), str(a))
    assert (code, out) == (2, "")
    assert "server_version = 14, and PostgreSQL at" in err and "is PostgreSQL 18" in err, err


@pytest.mark.parametrize("value", ["13", "19", "sixteen", "16.2"])
def test_server_version_must_be_a_major_pgcanon_runs(tmp_path: Path, value: str) -> None:
    (tmp_path / "pyproject.toml").write_text(f'[tool.pgcanon]\nserver_version = "{value}"\n')
    with pytest.raises(ConfigError, match=r"server_version .*expected one of 14, 15, 16, 17, 18"):
        load_settings(tmp_path, environ={})
    (tmp_path / "pyproject.toml").write_text("[tool.pgcanon]\nserver_version = 16\n")
    assert load_settings(tmp_path, environ={}).server_version == 16
    assert load_settings(tmp_path, environ={"PGCANON_SERVER_VERSION": "15"}).server_version == 15


def test_the_scratch_cluster_lives_in_memory_when_it_can(settings: Settings) -> None:
    if not in_memory.usable_tmpfs():
        pytest.skip("no tmpfs with room to spare at /dev/shm here: the scratch cluster stays on disk")
    server = scratch_server(settings)
    link = server.data_dir  # type: ignore[attr-defined]
    if not link.is_symlink():
        pytest.skip(f"{link} predates in-memory scratch clusters and was running; it moves when next started")
    fstypes = {fields[1]: fields[2] for fields in (m.split() for m in Path("/proc/mounts").read_text().splitlines())}
    assert fstypes["/dev/shm"] == "tmpfs" and link.resolve().is_relative_to("/dev/shm"), link.resolve()
    with psycopg.connect(server.conninfo()) as conn:
        assert conn.execute("SHOW data_directory").fetchone()[0] == str(link.resolve())


def test_a_link_left_by_a_reboot_gets_its_directory_back(tmp_path: Path) -> None:
    link = tmp_path / ".pgcanon" / "scratch"
    link.parent.mkdir(parents=True)
    gone = tmp_path / "memory" / "scratch"
    link.symlink_to(gone)
    in_memory.place(link, running=False)
    assert gone.is_dir() and link.is_symlink()


def test_memory_can_be_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(in_memory.ENV, "0")
    assert not in_memory.usable_tmpfs()
    link = tmp_path / "scratch"
    in_memory.place(link, running=False)
    assert not link.exists()  # left for initdb to make on disk
