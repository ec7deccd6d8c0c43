"""Round trip of every golden diff case (tests/diff/cases), both directions: the plan from one side,
applied with psql to a database holding it, leaves the other side, by pgcanon's diff and by pg_dump.
Both directions of a case share one build of each side (roundtrip.PairCache)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from known import mark
from roundtrip import PairCache, RoundTrip

if TYPE_CHECKING:
    from collections.abc import Iterator

CASES = Path(__file__).resolve().parent.parent / "diff" / "cases"
NAMES = sorted(p.name for p in CASES.iterdir() if (p / "a.sql").is_file())
PARAMS = [pytest.param(n, d, marks=mark("golden", n, d), id=f"{n}-{d}") for n in NAMES for d in ("forward", "backward")]


@pytest.fixture(scope="module")
def pairs() -> Iterator[PairCache]:
    cache = PairCache()
    yield cache
    cache.close()


@pytest.mark.parametrize(("name", "direction"), PARAMS)
def test_golden_round_trip(name: str, direction: str, pg_server: object, pg_version: int, pairs: PairCache,
                           golden_roles: tuple[str, ...]) -> None:
    case = CASES / name
    if (case / "min_version").is_file() and pg_version < int((case / "min_version").read_text()):
        pytest.skip(f"needs PostgreSQL {(case / 'min_version').read_text().strip()}")
    trip = pairs.get(name, lambda stack: RoundTrip.from_ddl(
        pg_server, (case / "a.sql").read_text(), (case / "b.sql").read_text(), stack))  # type: ignore[arg-type]
    trip.check(direction)
