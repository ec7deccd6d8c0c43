"""The list of round trips the generator cannot make yet, each with its reason (known_failures.txt)."""

from __future__ import annotations

from pathlib import Path

import pytest

FILE = Path(__file__).with_name("known_failures.txt")


def _read() -> dict[str, str]:
    known = {}
    for line in FILE.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, reason = line.partition(": ")
            known[key.strip()] = reason.strip()
    return known


KNOWN = _read()


def mark(suite: str, case: str, direction: str) -> list[pytest.MarkDecorator]:
    """A strict xfail for a listed round trip (it must still fail, loudly), and the pair's xdist group.

    Both directions of a pair share one build of each side (``roundtrip.PairCache``), so under
    ``pytest -n`` (``--dist loadgroup``) they must run in one worker, one after the other.
    """
    reason = KNOWN.get(f"{suite}/{case} {direction}")
    group = pytest.mark.xdist_group(f"{suite}/{case}")
    return [group, pytest.mark.xfail(strict=True, reason=reason)] if reason else [group]
