"""Migration hygiene of this repository's history: one head, real downgrades, and a stairway walk
(up, down, up again at every revision) whose every state equals a fresh upgrade, compared catalog to
catalog; downgrading to base leaves what an empty database has."""

from __future__ import annotations

import ast
import inspect
import textwrap
from typing import TYPE_CHECKING

from pgcanon import migrations
from pgcanon.catalog import read_snapshot
from pgcanon.diff import diff
from pgcanon.scratch import scratch_database

if TYPE_CHECKING:
    from pgcanon.config import Settings
    from pgcanon.server import Server


def test_exactly_one_head(settings: Settings) -> None:
    heads = migrations.script_directory(settings).get_heads()
    assert len(heads) == 1, f"the history has {len(heads)} heads: {heads}; merge them (alembic merge)"


def test_every_revision_has_a_downgrade(settings: Settings) -> None:
    for script in migrations.script_directory(settings).walk_revisions():
        func = getattr(script.module, "downgrade", None)
        assert callable(func), f"revision {script.revision} has no downgrade()"
        body = ast.parse(textwrap.dedent(inspect.getsource(func))).body[0].body  # type: ignore[attr-defined]
        real = [n for n in body if not (isinstance(n, ast.Pass) or (
            isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)))]
        assert real, f"revision {script.revision}: downgrade() does nothing"


def _changes(old: str, new: str) -> list[str]:
    return [c.describe("fresh", "stairway") for c in diff(read_snapshot(old), read_snapshot(new))]


def test_stairway(settings: Settings, pg_server: Server, empty_db: str) -> None:
    revisions = [s.revision for s in reversed(list(migrations.script_directory(settings).walk_revisions()))]
    with scratch_database(pg_server) as fresh:
        for rev in revisions:
            migrations.upgrade(settings, fresh, rev)  # never downgraded: what `alembic upgrade rev` builds
            migrations.upgrade(settings, empty_db, rev)
            assert _changes(fresh, empty_db) == [], f"after upgrading to {rev}"
            migrations.downgrade(settings, empty_db, "-1")
            migrations.upgrade(settings, empty_db, rev)
            assert _changes(fresh, empty_db) == [], f"after {rev} down one step and up again"


def test_downgrade_to_base_leaves_an_empty_database(settings: Settings, pg_server: Server, empty_db: str) -> None:
    migrations.upgrade(settings, empty_db, "head")
    migrations.downgrade(settings, empty_db, "base")
    with scratch_database(pg_server) as empty:
        assert _changes(empty, empty_db) == []
