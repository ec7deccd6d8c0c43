"""The gate itself: the canonical DDL and the migrations' head are the same schema.

Checked through the pytest plugin (as another project would use it) and, black-box,
that the plugin's failure names the column a one-line change broke.
"""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

from fix_sources import ROOT, url_of

from pgcanon.testing import assert_same_schema

if TYPE_CHECKING:
    import pytest

    from pgcanon.compare import Comparer
    from pgcanon.config import Settings
    from pgcanon.server import Server


def test_migrations_head_equals_schema(pgcanon_compare: Comparer) -> None:
    assert_same_schema(pgcanon_compare, "schema", "migrations@head")


def test_each_revision_differs_from_the_next(pgcanon_compare: Comparer) -> None:
    # A revision that changes nothing the catalog can see would be a sign the engine is blind to it.
    from pgcanon.migrations import script_directory

    revs = [s.revision for s in reversed(list(script_directory(pgcanon_compare.settings).walk_revisions()))]
    # Consecutive pairs: ["base", *revs] is one longer than revs, and its last revision starts no pair.
    for older, newer in zip(["base", *revs], revs, strict=False):
        assert not pgcanon_compare.compare(f"migrations@{older}", f"migrations@{newer}", _strict()).equal, newer


def _strict():
    from pgcanon.diff import DiffOptions

    return DiffOptions()


PLUGIN_TEST = '''
from pgcanon.testing import assert_same_schema

def test_gate(pgcanon_compare):
    assert_same_schema(pgcanon_compare, "schema", "migrations@head")
'''


def test_plugin_failure_names_the_changed_column(
    pytester: pytest.Pytester, pg_server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("pyproject.toml", "alembic.ini"):
        shutil.copy(ROOT / name, pytester.path / name)
    shutil.copytree(ROOT / "schema", pytester.path / "schema")
    shutil.copytree(ROOT / "migrations", pytester.path / "migrations", ignore=shutil.ignore_patterns("__pycache__"))
    pytester.makepyfile(test_gate=PLUGIN_TEST)
    monkeypatch.setenv("DATABASE_URL", url_of(pg_server.conninfo()))
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-o", "addopts=")
    result.assert_outcomes(passed=1)

    ddl = pytester.path / "schema" / "create_schema.sql"
    ddl.write_text(ddl.read_text().replace("    error_text TEXT,\n    created_at",
                                           "    error_text VARCHAR(200),\n    created_at", 1))
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-o", "addopts=")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*schema and migrations@head differ (1):*",
                                 "*column public.videos.error_text: type character varying(200) (schema) vs text*"])


def test_autogenerate_runs_on_the_build_the_comparisons_read(settings: Settings, pg_server: Server) -> None:
    # check keeps the canonical DDL's build for Alembic's autogenerate instead of building it a second time.
    import psycopg
    from fix_sources import scratch_names

    from pgcanon.compare import Comparer

    before = scratch_names(pg_server.conninfo())
    comparer = Comparer(settings, _server=pg_server, keep=frozenset({"schema"}))
    try:
        comparer.snapshots("schema", "migrations@head")
        kept = scratch_names(pg_server.conninfo()) - before
        assert len(kept) == 1, kept  # the schema's build stays; the migrations' one is dropped
        assert comparer.autogenerate().equal
        (name,) = kept
        with psycopg.connect(pg_server.conninfo(name)) as conn:  # Alembic stamped it: autogenerate ran there
            assert conn.execute("SELECT count(*) FROM alembic_version").fetchone() == (1,)
    finally:
        comparer.close()
    assert scratch_names(pg_server.conninfo()) - before == set()
