"""The 414 real-world schema pairs of stripe/pg-schema-diff (../shared/peers), judged by a pg_dump oracle,
and the generator's round trip of each, both directions. Three steps per pair, on one build of each side
(each side's ``.sql`` built by pgcanon's DDL source, as ``pgcanon diff a.sql b.sql`` builds it):

- ``diff``: the command line, as a user runs it: ``pgcanon diff URL_A URL_B`` on the two fresh builds
  (live sources, only read) exits 1 exactly when the oracle says the schemas differ and 0 when it says
  they are equal; pg_dump printing no extension versions, a pair that differs only there must differ
  strictly and agree with the oracle under ``--ignore-extension-versions``.
- ``forward`` / ``backward``: the plan from one side, applied with psql to that side's build, leaves the
  other side, by pgcanon's diff and by a normalized pg_dump; a pair the oracle judges equal gives an
  empty plan. Reading each side back from a database the plan built is also the proof that two
  constructions of one schema read the same (what ``pgcanon diff a.sql a.sql`` used to show by
  building it twice).

The steps of a pair run in that order in one worker (roundtrip.PairCache, the pair's xdist group).
The roles the cases grant to are created once for the module and dropped after it, when this module
made them.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import psycopg
import pytest
from fix_sources import run_cli, url_of
from known import mark
from peer_cases import PEERS, USABLE, VERDICTS, all_roles, ensure_roles
from psycopg import sql
from roundtrip import PairCache, RoundTrip, fresh

from pgcanon.diff import DiffOptions

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pgcanon.server import Server

STEPS = ("diff", "forward", "backward")
PARAMS = [pytest.param(n, step, marks=mark("peer", n, step), id=f"{n}-{step}") for n in USABLE for step in STEPS]


@pytest.fixture(scope="module")
def peer_roles(pg_server: Server) -> Iterator[list[str]]:
    roles = all_roles()
    with psycopg.connect(pg_server.conninfo(), autocommit=True) as conn:
        had = {r for (r,) in conn.execute("SELECT rolname FROM pg_roles WHERE rolname = ANY(%s)", [roles])}
    ensure_roles(pg_server.conninfo(), roles)
    yield roles
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return  # another worker may still be building pairs that grant to them: they stay, as cluster roles do
    with psycopg.connect(pg_server.conninfo(), autocommit=True) as conn:
        for role in sorted(set(roles) - had):
            try:
                conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))
            except psycopg.Error:  # still used somewhere (a database another suite keeps): leave it
                pass


@pytest.fixture(scope="module")
def pairs(peer_roles: list[str]) -> Iterator[PairCache]:
    cache = PairCache()
    yield cache
    cache.close()


def test_peer_round_trips_are_present() -> None:
    if not USABLE and os.environ.get("CI"):
        pytest.fail(f"CI must run the peer round trips, and {PEERS} holds none")
    if not USABLE:
        pytest.skip("the peer cases are not checked out next to the project")
    assert len(PARAMS) == 3 * 414


@pytest.mark.slow
@pytest.mark.parametrize(("name", "step"), PARAMS)
def test_peer(name: str, step: str, pg_server: Server, pairs: PairCache) -> None:
    verdict = VERDICTS[name]
    trip = pairs.get(name, lambda stack: RoundTrip.from_files(
        pg_server, PEERS / name / "a.sql", PEERS / name / "b.sql", stack))
    caveat = "extension versions" in str(verdict.get("oracle_caveat", ""))
    if step == "diff":
        _cli_agrees_with_the_oracle(trip, bool(verdict["differ"]), caveat)
        return
    # pg_dump prints no extension versions: the oracle's verdict holds only without them
    options = DiffOptions(ignore_extension_versions=True) if caveat else DiffOptions()
    script = trip.check(step, options)
    if not verdict["differ"]:
        assert script.startswith("-- a and b are identical"), f"the oracle says the schemas are equal:\n{script}"


def _cli_agrees_with_the_oracle(trip: RoundTrip, differ: bool, caveat: bool) -> None:
    old, new = (url_of(fresh(trip, label)) for label in ("old", "new"))
    if caveat:
        code, out, err = run_cli("diff", old, new)
        assert code == 1, f"extension versions differ and the strict diff must say so\n{out}{err}"
    code, out, err = run_cli("diff", old, new, *(["--ignore-extension-versions"] if caveat else []))
    assert err == ""
    if differ:
        assert code == 1, f"the oracle says the schemas differ; pgcanon diff found nothing:\n{out}"
    else:
        assert code == 0, out
