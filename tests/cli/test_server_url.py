"""`pgcanon server url` prints a URL whose database exists, so `psql "$(pgcanon server url)"` works."""

from __future__ import annotations

from typing import TYPE_CHECKING

import psycopg
import pytest
from fix_sources import run_cli

if TYPE_CHECKING:
    from pathlib import Path

    from pgcanon.server import Server


# The command's own embedded server is what these test, also under make test-matrix.
pytestmark = pytest.mark.embedded_cli


def test_url_names_the_dev_database_and_it_exists(pg_server: Server, monkeypatch) -> None:
    for var in ("DATABASE_URL", "PGCANON_DATABASE_URL", "PGHOST", "PGPORT"):
        monkeypatch.delenv(var, raising=False)
    # The suite runs on the scratch cluster: the dev server runs only once something started it.
    assert run_cli("server", "start")[0] == 0
    code, out, err = run_cli("server", "url")
    assert code == 0, err
    url = out.strip()
    assert "/pgcanon_dev?" in url
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT current_database()").fetchone()[0] == "pgcanon_dev"


def test_url_of_a_stopped_server_names_postgres(project_copy: Path, monkeypatch) -> None:
    for var in ("DATABASE_URL", "PGCANON_DATABASE_URL", "PGHOST", "PGPORT"):
        monkeypatch.delenv(var, raising=False)
    code, out, err = run_cli("server", "url", cwd=project_copy)
    assert code == 0, err
    assert out.strip().startswith("postgresql://postgres@/postgres?host=")
