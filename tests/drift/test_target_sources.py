"""Where `pgcanon drift` takes its targets from: [tool.pgcanon.drift] targets, --targets FILE, --target URL.

Passwords come from the environment through ``${VAR}``; they must reach libpq whatever
characters they hold, and never reach the output.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING
from urllib.parse import quote

import fleet as fm
import psycopg
import pytest
from fix_sources import run_cli
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from pgcanon.config import Settings

# Under pytest -n, one worker runs every test that reads the fleet, so it is built once.
pytestmark = pytest.mark.xdist_group("drift-fleet")

#: A password as a password manager makes one: every character that means something in a URL.
ODD_PASSWORD = "S3cret@Pw/with:odd#chars?&=%20 x"
#: Pieces of it that no output may hold (the tail after '@' is what a broken URL shows as a host).
PIECES = ("S3cret", "Pw/with", "odd#chars", "%20 x")
VAR = "PGCANON_DRIFT_TEST_PW"


def url(fleet: fm.Fleet, short: str) -> str:
    (found,) = [u for u, s in fleet.urls.items() if s == short]
    return found


@pytest.fixture(scope="module")
def odd_role(password_server: str) -> Iterator[str]:
    """A role with :data:`ODD_PASSWORD` on the server that asks for passwords; yields the URL with ``${VAR}`` for it."""
    host = conninfo_to_dict(password_server)["host"]
    role = f"drift_odd_{os.getpid()}"
    admin = f"postgresql://postgres@/postgres?host={quote(str(host), safe='')}"  # trusted: local postgres
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(sql.Identifier(role),
                                                                          sql.Literal(ODD_PASSWORD)))
    try:
        yield f"postgresql://{role}:${{{VAR}}}@/postgres?host={quote(str(host), safe='')}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


@pytest.fixture
def project(project_copy: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the project whose references are built on the suite's server (DATABASE_URL)."""
    monkeypatch.setenv("DATABASE_URL", pg_url)
    return project_copy


def configure(project: Path, targets: list[str]) -> None:
    """Append ``[tool.pgcanon.drift] targets = [...]`` to the project's pyproject.toml."""
    listed = ", ".join(json.dumps(t) for t in targets)  # a JSON string is a TOML basic string
    with (project / "pyproject.toml").open("a", encoding="utf-8") as fh:
        fh.write(f"\n[tool.pgcanon.drift]\ntargets = [{listed}]\n")


def assert_no_secret(*texts: str) -> None:
    for text in texts:
        for piece in PIECES:
            assert piece not in text


def by_name(doc: dict) -> dict[str, dict]:
    return {t["name"].removeprefix(fm.PREFIX): t for t in doc["targets"]}


def test_configured_targets_take_the_password_from_the_environment(
    fleet: fm.Fleet, project: Path, odd_role: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    configure(project, [odd_role, url(fleet, "ok_00"), url(fleet, "behind_one_a")])
    monkeypatch.setenv(VAR, ODD_PASSWORD)
    code, out, err = run_cli("drift", "--format", "json", cwd=project)
    assert (code, err) == (1, "")
    got = by_name(json.loads(out))
    assert sorted(got) == ["behind_one_a", "ok_00", "postgres"]
    # Connected and read: the password server's empty postgres database, compared with the canonical schema.
    assert (got["postgres"]["state"], got["postgres"]["compared_with"]) == ("drifted", "schema"), got["postgres"]
    assert ":***@" in got["postgres"]["target"]
    assert (got["ok_00"]["state"], got["behind_one_a"]["state"]) == ("ok", "behind")
    text_code, text, text_err = run_cli("drift", cwd=project)
    assert (text_code, text_err) == (1, "")
    assert text.splitlines()[-1] == "3 targets: 1 ok, 1 behind, 1 drifted, 0 errors"
    assert_no_secret(out, err, text)


def test_a_wrong_password_from_the_environment_is_that_target_s_error(
    fleet: fm.Fleet, project: Path, odd_role: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    configure(project, [odd_role, url(fleet, "ok_00")])
    monkeypatch.setenv(VAR, ODD_PASSWORD.replace("S3cret", "S3cretX"))
    code, out, err = run_cli("drift", "--format", "json", cwd=project)
    assert (code, err) == (2, "")
    got = by_name(json.loads(out))
    assert got["postgres"]["state"] == "error"
    assert "password authentication failed" in got["postgres"]["message"]
    assert got["ok_00"]["state"] == "ok"
    assert_no_secret(out, err)


def test_an_unset_variable_is_named_and_the_url_is_not_printed(
    fleet: fm.Fleet, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PGCANON_DRIFT_UNSET", raising=False)
    configure(project, [url(fleet, "ok_00"), "postgresql://leaky_user:${PGCANON_DRIFT_UNSET}@leaky-host:6543/leaky_db"])
    code, out, err = run_cli("drift", cwd=project)
    assert (code, out) == (2, "")
    assert err == ("pgcanon: error: pyproject.toml [tool.pgcanon.drift] targets #2: ${PGCANON_DRIFT_UNSET} is not set"
                   " in the environment\n  export PGCANON_DRIFT_UNSET=…, or remove it\n")


def test_targets_file_skips_comments_and_blank_lines(fleet: fm.Fleet, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # The database name from the environment too: a variable in the path is expanded (and encoded) alike.
    behind = url(fleet, "behind_one_a").replace(fm.name("behind_one_a"), "${PGCANON_DRIFT_DB}")
    monkeypatch.setenv("PGCANON_DRIFT_DB", fm.name("behind_one_a"))
    path = tmp_path / "fleet.txt"
    path.write_text("\n".join([
        "# the fleet: one URL a line",
        "",
        "   # an indented comment",
        f"{url(fleet, 'ok_00')}    # trailing comment",
        "\t",
        f"  {behind}",
        f"{url(fleet, 'extra_column')}\t# tab, then a comment",
        "",
    ]))
    code, out, err = run_cli("drift", "--targets", str(path), "--format", "json")
    assert (code, err) == (1, "")
    doc = json.loads(out)
    assert {k: t["state"] for k, t in by_name(doc).items()} == {
        "ok_00": "ok", "behind_one_a": "behind", "extra_column": "drifted"}


def test_a_bad_line_in_the_targets_file_is_named(fleet: fm.Fleet, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PGCANON_DRIFT_UNSET", raising=False)
    path = tmp_path / "fleet.txt"
    path.write_text(f"# header\n{url(fleet, 'ok_00')}\n\nmysql://root:hunter2@db/app\n")
    code, out, err = run_cli("drift", "--targets", str(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"pgcanon: error: {path}:4: not a PostgreSQL URL: mysql://root:***@db/app"), err
    assert "hunter2" not in err
    path.write_text(f"{url(fleet, 'ok_00')}\npostgresql://u:${{PGCANON_DRIFT_UNSET}}@leaky-host/leaky_db\n")
    code, out, err = run_cli("drift", "--targets", str(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"pgcanon: error: {path}:2: ${{PGCANON_DRIFT_UNSET}} is not set in the environment\n")
    assert "leaky" not in err


def test_a_target_given_twice_is_checked_once(fleet: fm.Fleet, tmp_path: Path) -> None:
    ok, drifted, behind = url(fleet, "ok_00"), url(fleet, "extra_column"), url(fleet, "behind_one_a")
    path = tmp_path / "fleet.txt"
    path.write_text(f"{ok}\n{behind}\n{behind}\n")
    # the same database again with a password: the same label, the same line of the report
    with_password = ok.replace(f"{fm.READER}@", f"{fm.READER}:ignored-by-trust@")
    assert with_password != ok
    code, out, err = run_cli("drift", "--target", ok, "--target", drifted, "--target", ok,
                             "--target", with_password, "--targets", str(path), "--format", "json")
    assert (code, err) == (1, "")
    doc = json.loads(out)
    assert sorted(t["name"] for t in doc["targets"]) == sorted(fm.name(s) for s in ("ok_00", "extra_column",
                                                                                     "behind_one_a"))
    assert doc["summary"] == {"targets": 3, "ok": 1, "behind": 1, "drifted": 1, "error": 0}
    assert "ignored-by-trust" not in out


def test_given_targets_replace_the_configured_ones(fleet: fm.Fleet, project: Path) -> None:
    configure(project, [url(fleet, "extra_column")])
    code, out, err = run_cli("drift", "--target", url(fleet, "ok_00"), cwd=project)
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "1 target: 1 ok, 0 behind, 0 drifted, 0 errors"
    code, out, err = run_cli("drift", cwd=project)
    assert (code, err) == (1, "")
    assert out.splitlines()[-1] == "1 target: 0 ok, 0 behind, 1 drifted, 0 errors"


def test_discovery_with_no_server_named_lists_the_embedded_dev_server(settings: Settings) -> None:
    """With neither --target nor DATABASE_URL, --databases-like looks where migrate works: the dev server."""
    from pgcanon.server import resolve_server

    resolve_server(settings)  # started, as make migrate would have
    code, out, err = run_cli("drift", "--databases-like", "postgres")
    assert (code, err) == (1, ""), out  # the maintenance database holds nothing of the schema: drifted
    assert out.splitlines()[0].startswith("drifted") and "/postgres?host=" in out.splitlines()[0], out
    assert run_cli("drift", "--databases-like", "no\\_such\\_db\\_%")[2] == (
        "pgcanon: error: no database or schema matches the pattern\n")
