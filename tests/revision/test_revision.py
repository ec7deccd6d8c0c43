"""`pgcanon revision`: on a copy of this repository, an edit to schema/ becomes an Alembic revision that
upgrades to schema/ exactly, downgrades to the old head exactly (pgcanon's diff and pg_dump agree),
builds its index CONCURRENTLY, refuses data loss unless told, and keeps data through --rename."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import psycopg
import pytest
from fix_sources import ROOT, run_cli, scratch_names
from pgdump import normalized_dump

from pgcanon.config import load_settings
from pgcanon.migrations import downgrade, upgrade
from pgcanon.scratch import scratch_database

sys.path.insert(0, str(Path(__file__).parent))
from edit import edit_schema

if TYPE_CHECKING:
    from pgcanon.server import Server

USER_NAME = "    display_name VARCHAR(255),\n    is_active"
PROJECT_FILES = ("pyproject.toml", "alembic.ini", "schema", "migrations", "src/videodb")


@pytest.fixture
def project(tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of this repository's project files, building on the test server."""
    root = tmp_path / "project"
    for name in PROJECT_FILES:
        src, dst = ROOT / name, root / name
        if src.is_dir():
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
    monkeypatch.setenv("PGCANON_DATABASE_URL", pg_url)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    # The copy's env.py imports videodb from its own src/; drop the checkout's copy so it is re-imported.
    for module in [m for m in sys.modules if m == "videodb" or m.startswith("videodb.")]:
        monkeypatch.delitem(sys.modules, module)
    return root


def _versions(root: Path) -> set[str]:
    return {p.name for p in (root / "migrations" / "versions").glob("*.py")}


def _replace(root: Path, old: str, new: str) -> None:
    path = root / "schema" / "create_schema.sql"
    text = path.read_text()
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new))


def test_the_edit_becomes_a_proven_revision(project: Path, pg_server: Server) -> None:
    before = _versions(project)
    edit_schema(project)
    code, out, err = run_cli("revision", "-m", "playlists and ratings", cwd=project)
    assert (code, err) == (0, ""), out
    written = _versions(project) - before
    assert written == {"0007_playlists_and_ratings.py"}
    body = (project / "migrations" / "versions" / "0007_playlists_and_ratings.py").read_text()
    assert "with op.get_context().autocommit_block():\n        # create index public.videos.videos_state_idx" in body
    assert "CREATE INDEX CONCURRENTLY videos_state_idx" in body
    assert "ADD VALUE 'transcoding' BEFORE 'ready'" in body
    assert "proven" in out and "pgcanon review 0007_playlists_and_ratings" in out

    # make check's first comparison now passes on the edited project
    code, out, _ = run_cli("diff", "schema", "migrations@head", cwd=project)
    assert code == 0, out

    # downgrade -1 restores the old schema exactly, by pg_dump too (an oracle sharing no code with us)
    settings = load_settings(project)
    with scratch_database(pg_server) as old, scratch_database(pg_server) as db:
        upgrade(settings, old, "0006_scene_thumbnail_key")
        upgrade(settings, db, "head")
        downgrade(settings, db, "-1")
        assert normalized_dump(db) == normalized_dump(old)


def test_nothing_to_do_writes_nothing(project: Path) -> None:
    before = _versions(project)
    code, out, _ = run_cli("revision", "-m", "nothing", cwd=project)
    assert code == 0
    assert out == "schema and migrations@head are identical: no revision written\n"
    assert _versions(project) == before


def test_data_loss_is_refused_and_a_look_alike_rename_is_shown(project: Path, pg_server: Server) -> None:
    _replace(project, USER_NAME, USER_NAME.replace("display_name", "full_name"))
    before = _versions(project)
    names = scratch_names(pg_server.conninfo("postgres"))
    code, out, err = run_cli("revision", "-m", "rename display name", cwd=project)
    assert (code, out) == (2, "")
    assert "--rename users.display_name=users.full_name" in err
    assert _versions(project) == before
    assert scratch_names(pg_server.conninfo("postgres")) == names


def test_rename_keeps_the_data(project: Path, pg_server: Server) -> None:
    _replace(project, USER_NAME, USER_NAME.replace("display_name", "full_name"))
    code, out, err = run_cli("revision", "-m", "rename display name", "--rename", "users.display_name=users.full_name",
                             cwd=project)
    assert (code, err) == (0, ""), out
    settings = load_settings(project)
    with scratch_database(pg_server) as db:
        upgrade(settings, db, "0006_scene_thumbnail_key")
        with psycopg.connect(db, autocommit=True) as conn:
            conn.execute("INSERT INTO users (email, display_name) VALUES ('a@example.com', 'kept')")
        upgrade(settings, db, "head")
        with psycopg.connect(db) as conn:
            assert conn.execute("SELECT full_name FROM users").fetchall() == [("kept",)]
        downgrade(settings, db, "-1")
        with psycopg.connect(db) as conn:
            assert conn.execute("SELECT display_name FROM users").fetchall() == [("kept",)]


def test_data_loss_is_refused_and_names_each_statement(project: Path) -> None:
    _replace(project, USER_NAME, "    is_active")
    before = _versions(project)
    code, out, err = run_cli("revision", "-m", "drop display name", cwd=project)
    assert (code, out) == (2, "")
    assert "drop column public.users.display_name: ALTER TABLE public.users DROP COLUMN display_name" in err
    assert "--allow-data-loss" in err
    assert _versions(project) == before


def test_allow_data_loss_writes_the_drop(project: Path) -> None:
    _replace(project, USER_NAME, "    is_active")
    code, out, err = run_cli("revision", "-m", "drop display name", "--allow-data-loss", cwd=project)
    assert (code, err) == (0, ""), out
    assert "drop column public.users.display_name  [deletes data" in out


@pytest.mark.parametrize(("spec", "says"), [
    ("videos.nope=videos.other", "videos.nope is not a table, column"),
    ("videos.state=jobs.state", "same parent"),
    ("videos", "expected OLD=NEW"),
])
def test_a_bad_rename_exits_2_and_writes_nothing(project: Path, spec: str, says: str) -> None:
    edit_schema(project)
    before = _versions(project)
    code, _, err = run_cli("revision", "-m", "x", "--rename", spec, cwd=project)
    assert code == 2 and says in err, err
    assert _versions(project) == before


def test_schema_that_cannot_be_built_exits_2_with_its_location(project: Path) -> None:
    _replace(project, USER_NAME, USER_NAME.replace("),", "),,"))
    code, _, err = run_cli("revision", "-m", "x", cwd=project)
    assert code == 2 and "create_schema.sql:" in err, err
