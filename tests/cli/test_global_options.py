"""--debug, --format and --no-color are accepted before or after the subcommand."""

from __future__ import annotations

import json

import pytest
from fix_sources import run_cli


@pytest.mark.parametrize("argv", [
    ["--format", "json", "diff", "schema", "schema"],
    ["diff", "--format", "json", "schema", "schema"],
    ["--debug", "--no-color", "diff", "schema", "schema", "--format", "json"],
])
def test_format_before_or_after_the_subcommand(argv: list[str], pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGCANON_DATABASE_URL", pg_url)
    code, out, err = run_cli(*argv)
    assert code == 0, err
    assert json.loads(out)["equal"] is True


def test_debug_after_the_subcommand_shows_the_traceback(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGCANON_DATABASE_URL", pg_url)
    code, _, err = run_cli("diff", "nosuch.sql", "schema", "--debug")
    assert code == 2
    assert "Traceback" in err
    assert "nosuch.sql: no such file or directory" in err
