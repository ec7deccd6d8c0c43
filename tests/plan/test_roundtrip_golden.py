"""Round trip of every golden diff case (tests/diff/cases), both directions: the plan from one side,
applied with psql to a database holding it, leaves the other side, by pgcanon's diff and by pg_dump."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

import pytest
from known import mark
from roundtrip import RoundTrip

CASES = Path(__file__).resolve().parent.parent / "diff" / "cases"
NAMES = sorted(p.name for p in CASES.iterdir() if (p / "a.sql").is_file())
PARAMS = [pytest.param(n, d, marks=mark("golden", n, d), id=f"{n}-{d}") for n in NAMES for d in ("forward", "backward")]


@pytest.mark.parametrize(("name", "direction"), PARAMS)
def test_golden_round_trip(name: str, direction: str, pg_server: object, pg_version: int) -> None:
    case = CASES / name
    if (case / "min_version").is_file() and pg_version < int((case / "min_version").read_text()):
        pytest.skip(f"needs PostgreSQL {(case / 'min_version').read_text().strip()}")
    with ExitStack() as stack:
        trip = RoundTrip(pg_server, (case / "a.sql").read_text(), (case / "b.sql").read_text(), stack)  # type: ignore[arg-type]
        trip.check(direction)
