"""Round trip of the 414 real-world schema pairs of stripe/pg-schema-diff (../shared/peers), both
directions: the plan from one side, applied with psql to a database holding it, leaves the other side,
by pgcanon's diff and by a normalized pg_dump; a pair the oracle judges equal gives an empty plan.

Both directions of a pair share one build of each side (roundtrip.PairCache). The roles the cases
grant to are created once for the module and dropped after it, when this module made them.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import psycopg
import pytest
from known import mark
from peer_cases import PEERS, USABLE, VERDICTS, all_roles, ensure_roles
from psycopg import sql
from roundtrip import PairCache, RoundTrip

from pgcanon.diff import DiffOptions

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pgcanon.server import Server

PARAMS = [pytest.param(n, d, marks=mark("peer", n, d), id=f"{n}-{d}") for n in USABLE for d in ("forward", "backward")]


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
    assert len(PARAMS) == 2 * 414


@pytest.mark.slow
@pytest.mark.parametrize(("name", "direction"), PARAMS)
def test_peer_round_trip(name: str, direction: str, pg_server: Server, pairs: PairCache) -> None:
    verdict = VERDICTS[name]
    trip = pairs.get(name, lambda stack: RoundTrip.from_ddl(
        pg_server, (PEERS / name / "a.sql").read_text(), (PEERS / name / "b.sql").read_text(), stack))
    options = DiffOptions()
    if "extension versions" in str(verdict.get("oracle_caveat", "")):
        # pg_dump prints no extension versions: the oracle's verdict holds only without them
        options = DiffOptions(ignore_extension_versions=True)
    script = trip.check(direction, options)
    if not verdict["differ"]:
        assert script.startswith("-- a and b are identical"), f"the oracle says the schemas are equal:\n{script}"
