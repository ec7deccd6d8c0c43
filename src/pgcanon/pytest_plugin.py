"""pytest plugin: compare a project's schema sources in its own test suite.

Registered through the ``pytest11`` entry point. Fixtures:

- ``pgcanon_config`` (session): the project's :class:`~pgcanon.config.Settings`, read once;
- ``pgcanon_compare`` (session): a :class:`~pgcanon.compare.Comparer` on the project's server
  (embedded, or ``DATABASE_URL``) that builds each source spec once per session;
- ``pgcanon_snapshot`` (session): a factory, ``pgcanon_snapshot("schema")`` returns that source's snapshot.

With them, the equivalence gate is one line::

    def test_migrations_match_schema(pgcanon_compare):
        assert_same_schema(pgcanon_compare, "schema", "migrations@head")
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pgcanon.config import load_settings
from pgcanon.errors import PgcanonError

if TYPE_CHECKING:
    from collections.abc import Callable

    from pgcanon.catalog.model import Snapshot
    from pgcanon.compare import Comparer
    from pgcanon.config import Settings


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("pgcanon_root", "directory holding the pyproject.toml with [tool.pgcanon] (default: rootdir)")


@pytest.fixture(scope="session")
def pgcanon_config(request: pytest.FixtureRequest) -> Settings:
    """The project's settings, from [tool.pgcanon] and the environment."""
    root = request.config.getini("pgcanon_root") or str(request.config.rootpath)
    try:
        return load_settings(Path(root))
    except PgcanonError as exc:
        pytest.fail(f"pgcanon: {exc}", pytrace=False)


@pytest.fixture(scope="session")
def pgcanon_compare(pgcanon_config: Settings) -> Comparer:
    """Builds and compares sources; each spec is built once per session."""
    # Imported here: loading the plugin in every pytest run must stay cheap.
    from pgcanon.compare import Comparer

    return Comparer(pgcanon_config)


@pytest.fixture(scope="session")
def pgcanon_snapshot(pgcanon_compare: Comparer) -> Callable[[str], Snapshot]:
    """``pgcanon_snapshot(spec)``: the snapshot of a source spec (schema, migrations@REV, orm, a URL…)."""

    def snapshot(spec: str) -> Snapshot:
        try:
            return pgcanon_compare.snapshot(spec)[1]
        except PgcanonError as exc:
            pytest.fail(f"pgcanon: {exc}", pytrace=False)

    return snapshot
