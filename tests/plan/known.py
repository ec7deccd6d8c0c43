"""The list of round trips the generator cannot make yet, each with its reason (known_failures.txt)."""

from __future__ import annotations

from pathlib import Path

import pytest

FILE = Path(__file__).with_name("known_failures.txt")


def _read() -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """(always failing: key -> reason, failing on some majors only: key -> (condition, reason)).

    A line's key may end with a server condition in brackets, ``golden/x forward [pg < 17]``: the case
    fails only on the majors that match it (a feature the plan needs came later), and must pass on the others.
    """
    known, on_some = {}, {}
    for line in FILE.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, reason = line.partition(": ")
            key, _, condition = key.partition(" [pg")
            if condition:
                on_some[key.strip()] = (condition.rstrip("] "), reason.strip())
            else:
                known[key.strip()] = reason.strip()
    return known, on_some


KNOWN, ON_SOME_MAJORS = _read()


def mark(suite: str, case: str, direction: str) -> list[pytest.MarkDecorator]:
    """A strict xfail for a listed round trip (it must still fail, loudly), and the pair's xdist group;
    a ``pg_xfail`` for one that fails only on some majors (made a strict xfail there by fix_server).

    Both directions of a pair share one build of each side (``roundtrip.PairCache``), so under
    ``pytest -n`` (``--dist loadgroup``) they must run in one worker, one after the other.
    """
    key = f"{suite}/{case} {direction}"
    marks = [pytest.mark.xdist_group(f"{suite}/{case}")]
    if key in KNOWN:
        marks.append(pytest.mark.xfail(strict=True, reason=KNOWN[key]))
    if key in ON_SOME_MAJORS:
        condition, reason = ON_SOME_MAJORS[key]
        marks.append(pytest.mark.pg_xfail(condition, reason=reason))
    return marks
