"""`pgcanon drift` over a fleet of 45 targets: every target its state, shared drift grouped, exit codes, no writes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import fleet as fm
import psycopg
import pytest
from fix_sources import run_cli

from pgcanon.config import redact
from pgcanon.drift.read import Limits, read_only_conninfo

if TYPE_CHECKING:
    from conftest import FullRun

# Under pytest -n, one worker runs every test that reads the fleet, so it is built once.
pytestmark = pytest.mark.xdist_group("drift-fleet")

PASSWORDS = ("WRONG-SECRET-PW", "RIGHTPW", "NOPE-refused", "NOPE-http")


def by_short(fleet: fm.Fleet, doc: dict) -> dict[str, dict]:
    shorts = {redact(url): short for url, short in fleet.urls.items()}
    return {shorts[t["target"]]: t for t in doc["targets"]}


def targets(fleet: fm.Fleet, *shorts: str) -> list[str]:
    args = []
    for url, short in fleet.urls.items():
        if short in shorts:
            args += ["--target", url]
    assert len(args) == 2 * len(shorts), "unknown short name"
    return args


def test_every_target_gets_its_state(fleet: fm.Fleet, full_run: FullRun) -> None:
    assert full_run.code == 2, full_run.err
    got = by_short(fleet, full_run.doc)
    assert len(got) == len(fleet.urls) == 45
    for i in range(fm.OK_COUNT):
        t = got[f"ok_{i:02d}"]
        assert (t["state"], t["revision"], t["compared_with"]) == ("ok", fm.HEAD, f"migrations@{fm.HEAD}")
    assert got["behind_one_a"]["state"] == got["behind_one_b"]["state"] == "behind"
    assert got["behind_one_a"]["pending"] == [fm.HEAD]
    assert (got["behind_two"]["state"], got["behind_two"]["pending"]) == ("behind", [fm.REV_0005, fm.HEAD])
    for short in fm.DRIFTED:
        assert got[short]["state"] == "drifted", short
    assert got["behind_drop_index"]["compared_with"] == f"migrations@{fm.REV_0005}"
    assert got["unversioned"]["state"] == "ok"
    assert (got["unversioned"]["versioned"], got["unversioned"]["compared_with"]) == (False, "schema")
    errors = {short: got[short]["message"] for short in
              ("no_connect", "missing_database", "refused", "wrong_password", "not_postgres")}
    assert all(got[short]["state"] == "error" for short in errors)
    assert "permission denied for database" in errors["no_connect"]
    assert "does not exist" in errors["missing_database"]
    assert "Connection refused" in errors["refused"]
    assert "password authentication failed" in errors["wrong_password"]
    assert errors["not_postgres"].startswith("cannot connect: "), errors["not_postgres"]
    assert full_run.doc["summary"] == {"targets": 45, "ok": 31, "behind": 3, "drifted": 6, "error": 5}


def test_each_drift_is_named(fleet: fm.Fleet, full_run: FullRun) -> None:
    got = by_short(fleet, full_run.doc)

    def lines(short: str) -> list[str]:
        return [c["description"] for c in got[short]["changes"]]

    assert lines("drop_index_a") == ["index public.jobs.jobs_video_id_idx: only in expected"]
    assert lines("behind_drop_index") == lines("drop_index_a")
    assert lines("extra_column") == ["column public.videos.note: only in found"]
    assert lines("changed_default") == ["column public.jobs.attempts: default 0 (expected) vs 1 (found)"]
    (grant,) = lines("missing_grant")
    assert grant.startswith("table public.jobs: privileges (owner):UPDATE only in expected"), grant


def test_shared_drift_is_grouped(fleet: fm.Fleet, full_text: tuple[int, str, str]) -> None:
    code, out, err = full_text
    assert code == 2, err
    assert (
        f"  3 of 40 targets lack index public.jobs.jobs_video_id_idx: {fm.PREFIX}behind_drop_index, "
        f"{fm.PREFIX}drop_index_a, {fm.PREFIX}drop_index_b"
    ) in out.splitlines()
    assert f"  1 of 40 targets has an extra column public.videos.note: {fm.PREFIX}extra_column" in out
    assert (f"  1 of 40 targets differs: column public.jobs.attempts: default 0 (expected) vs 1 (found): "
            f"{fm.PREFIX}changed_default") in out
    lines = out.splitlines()
    # one line per target, then the drift, then the summary last
    assert sum(1 for line in lines if line.split(" ", 1)[0] in ("ok", "behind", "drifted", "error")) == 45
    assert lines[-1] == "45 targets: 31 ok, 3 behind, 6 drifted, 5 could not be read"
    behind_two = next(line for line in lines if f"{fm.PREFIX}behind_two?" in line)
    assert behind_two.startswith("behind ")
    assert behind_two.endswith(f"at {fm.REV_0004}: 2 revisions behind, {fm.REV_0005} → {fm.HEAD} pending")
    one = next(line for line in lines if f"{fm.PREFIX}behind_one_a?" in line)
    assert one.endswith(f"at {fm.REV_0005}: 1 revision behind, {fm.HEAD} pending")


def test_no_password_is_ever_printed(full_run: FullRun, full_text: tuple[int, str, str]) -> None:
    for text in (full_run.out, full_run.err, *full_text[1:]):
        for secret in PASSWORDS:
            assert secret not in text
    assert ":***@" in full_run.out


def test_nothing_is_written_to_any_target(fleet: fm.Fleet, full_run: FullRun) -> None:
    assert full_run.before, "no statistics for the fleet's databases"
    assert full_run.after == full_run.before


def test_target_sessions_are_read_only_and_bounded(fleet: fm.Fleet) -> None:
    conninfo = read_only_conninfo(fleet.reader_url(fm.name("ok_00")), Limits(statement_timeout=7, lock_timeout=2))
    with psycopg.connect(conninfo) as conn:
        assert conn.execute("SHOW statement_timeout").fetchone()[0] == "7s"
        assert conn.execute("SHOW lock_timeout").fetchone()[0] == "2s"
        assert conn.execute("SHOW application_name").fetchone()[0] == "pgcanon drift"
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            conn.execute("CREATE TEMP TABLE t (a int)")


@pytest.mark.parametrize(
    ("shorts", "extra", "code", "last"),
    [
        (("ok_00", "ok_01", "unversioned"), (), 0, "3 targets: 3 ok, 0 behind, 0 drifted, 0 errors"),
        (("ok_00", "behind_one_a"), (), 1,
         "2 targets: 1 ok, 1 behind, 0 drifted, 0 errors; behind fails the run without --allow-behind"),
        (("ok_00", "behind_one_a", "behind_two"), ("--allow-behind",), 0,
         "3 targets: 1 ok, 2 behind, 0 drifted, 0 errors"),
        (("ok_00", "extra_column"), ("--allow-behind",), 1, "2 targets: 1 ok, 0 behind, 1 drifted, 0 errors"),
        (("extra_column", "refused"), (), 2, "2 targets: 0 ok, 0 behind, 1 drifted, 1 could not be read"),
    ],
    ids=["all-ok", "behind", "behind-allowed", "drifted", "drifted-and-unreadable"],
)
def test_exit_codes(fleet: fm.Fleet, shorts: tuple[str, ...], extra: tuple[str, ...], code: int, last: str) -> None:
    got, out, err = run_cli("drift", *targets(fleet, *shorts), *extra)
    assert (got, err) == (code, "")
    assert out.splitlines()[-1] == last


def test_databases_like_discovers_the_fleet(fleet: fm.Fleet) -> None:
    server = fleet.reader_url("postgres")
    code, out, err = run_cli("drift", "--target", server, "--databases-like", f"{fm.PREFIX}ok\\_%", "-j", "3")
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == f"{fm.OK_COUNT} targets: {fm.OK_COUNT} ok, 0 behind, 0 drifted, 0 errors"


def test_github_annotations(fleet: fm.Fleet, full_run: FullRun, tmp_path) -> None:
    report = tmp_path / "full.json"
    report.write_text(full_run.out)
    code, out, err = run_cli("drift", "merge", str(report), "--format", "github")
    assert (code, err) == (2, "")
    lines = out.splitlines()
    assert (
        "::error title=drift in 3 of 40 targets::3 of 40 targets lack index public.jobs.jobs_video_id_idx: "
        f"{fm.PREFIX}behind_drop_index, {fm.PREFIX}drop_index_a, {fm.PREFIX}drop_index_b"
    ) in lines
    assert any(line.startswith("::error title=1 target could not be read::") for line in lines)
    assert any(line.startswith("::error title=3 targets behind::") for line in lines)
    assert "::notice title=pgcanon drift::45 targets: 31 ok, 3 behind, 6 drifted, 5 could not be read" in lines
    assert lines[-1] == "45 targets: 31 ok, 3 behind, 6 drifted, 5 could not be read"
