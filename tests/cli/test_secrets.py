"""Secrets never appear in any output: a user mapping's or a server's password is compared (by the
digest the reader fetches in its place) but no report, plan or error ever shows it, nor its digest."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
from fix_sources import run_cli

SIDE = """
    CREATE FOREIGN DATA WRAPPER w;
    CREATE SERVER s FOREIGN DATA WRAPPER w OPTIONS (host 'h', password '{server}');
    CREATE USER MAPPING FOR PUBLIC SERVER s OPTIONS (user '{user}', password '{mapping}');
    {more}
"""
OLD = {"server": "Srv-Secret-Old", "user": "app", "mapping": "Map-Secret-Old", "more": ""}
NEW = {"server": "Srv-Secret-New", "user": "app", "mapping": "Map-Secret-New",
       "more": "CREATE USER MAPPING FOR CURRENT_USER SERVER s OPTIONS (passphrase 'Added-Secret');"}
SECRETS = ("Srv-Secret-Old", "Srv-Secret-New", "Map-Secret-Old", "Map-Secret-New", "Added-Secret")
FORMATS = ("text", "json", "github", "sql", "sql-json")


@pytest.fixture
def sides(tmp_path: Path) -> tuple[str, str]:
    a, b = tmp_path / "a.sql", tmp_path / "b.sql"
    a.write_text(textwrap.dedent(SIDE.format(**OLD)))
    b.write_text(textwrap.dedent(SIDE.format(**NEW)))
    return str(a), str(b)


def _assert_no_secret(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text
    assert not re.search(r"[0-9a-f]{64}", text), "a digest of a secret is shown"


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_output_shows_a_secret(sides: tuple[str, str], fmt: str) -> None:
    for debug in ((), ("--debug",)):
        code, out, err = run_cli("diff", *sides, "--format", fmt, *debug)
        assert code != 0  # they differ (or, for a plan, cannot be planned)
        _assert_no_secret(out + err)


def test_the_report_names_the_secret_options_that_differ(sides: tuple[str, str]) -> None:
    _, out, _ = run_cli("diff", *sides)
    lines = out.splitlines()
    assert "foreign server s: option password differs (a secret: values not shown)" in lines
    assert "user mapping for PUBLIC on s: option password differs (a secret: values not shown)" in lines
    assert any(line.endswith("a.sql lacks user mapping for (owner) on s") for line in lines)
    _, out, _ = run_cli("diff", *sides, "--format", "json")
    changes = json.loads(out)["changes"]
    added = next(c for c in changes if c["kind"] == "user mapping" and c["change"] == "added")
    assert added["new"]["options"] == ["passphrase=<secret>"]
    secret = next(c for c in changes if c["kind"] == "foreign server" and c["field"] == "options")
    assert (secret["change"], secret["old"], secret["new"]) == ("altered", None, None)


def test_a_plan_that_needs_a_secret_is_refused_naming_it(sides: tuple[str, str]) -> None:
    code, out, err = run_cli("diff", *sides, "--format", "sql")
    assert code != 0 and out == ""
    assert "foreign server s: option password is a secret" in err
    assert "user mapping for PUBLIC on s: option password is a secret" in err
    assert "user mapping for (owner) on s: option passphrase is a secret" in err


def test_a_plan_around_an_unchanged_secret_does_not_write_it(tmp_path: Path) -> None:
    a, b = tmp_path / "a.sql", tmp_path / "b.sql"
    a.write_text(textwrap.dedent(SIDE.format(**OLD)))
    b.write_text(textwrap.dedent(SIDE.format(**{**OLD, "user": "other"})))
    code, out, err = run_cli("diff", str(a), str(b), "--format", "sql")
    assert code == 1 and err == ""
    assert """ALTER USER MAPPING FOR PUBLIC SERVER s OPTIONS (SET "user" 'other');""" in out
    _assert_no_secret(out)
