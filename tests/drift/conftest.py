"""The fleet every drift test reads: built once per session on the test server, dropped at the end."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fleet as fleet_mod
import pytest
from fix_sources import run_cli

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pgcanon.config import Settings
    from pgcanon.server import Server


@pytest.fixture(scope="session")
def not_postgres_port() -> Iterator[int]:
    with fleet_mod.not_postgres() as port:
        yield port


@pytest.fixture(scope="session")
def fleet(
    pg_server: Server, settings: Settings, password_server: str, not_postgres_port: int
) -> Iterator[fleet_mod.Fleet]:
    """41 readable databases (30 ok, 3 behind, 6 drifted, 1 unversioned, 1 no CONNECT) and 4 unreachable targets.

    The main test server trusts local connections (pg_hba ``trust``), so the wrong password
    is shown on the suite's second server, which asks for passwords (``password_server``).
    """
    built = fleet_mod.Fleet(pg_server)
    try:
        fleet_mod.build(built, settings)
        built.add_target("refused", f"postgresql://{fleet_mod.READER}:NOPE-refused@127.0.0.1:"
                                    f"{fleet_mod.closed_port()}/db?connect_timeout=3")
        built.add_target("wrong_password", password_server.replace("RIGHTPW", "WRONG-SECRET-PW"))
        built.add_target("not_postgres", f"postgresql://u:NOPE-http@127.0.0.1:{not_postgres_port}/web")
        yield built
    finally:
        fleet_mod.drop(built)


def write_targets(fleet: fleet_mod.Fleet, path: Path) -> Path:
    """The fleet's targets as a ``--targets`` file: a comment header, inline comments, a blank line."""
    lines = ["# the test fleet: one URL a line", ""]
    lines += [f"{url}   # {short}" for url, short in fleet.urls.items()]
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture(scope="session")
def targets_file(fleet: fleet_mod.Fleet, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_targets(fleet, tmp_path_factory.mktemp("drift") / "targets.txt")


@pytest.fixture(scope="session")
def full_run(fleet: fleet_mod.Fleet, targets_file: Path) -> FullRun:
    """One unsharded run over the whole fleet as JSON, with the write counters around it."""
    before = stable_write_counts(fleet)
    code, out, err = run_cli("drift", "--targets", str(targets_file), "--format", "json", "-j", "4")
    after = stable_write_counts(fleet)
    return FullRun(code, json.loads(out) if out else {}, out, err, before, after)


@pytest.fixture(scope="session")
def full_text(fleet: fleet_mod.Fleet, targets_file: Path) -> tuple[int, str, str]:
    """The same run as text."""
    return run_cli("drift", "--targets", str(targets_file))


@dataclass(frozen=True)
class FullRun:
    code: int
    doc: dict[str, Any]
    out: str
    err: str
    before: dict[str, tuple[int, int, int]]
    after: dict[str, tuple[int, int, int]]


def stable_write_counts(fleet: fleet_mod.Fleet) -> dict[str, tuple[int, int, int]]:
    """The fleet's write counters once they stop moving (see :func:`fleet.settled`)."""
    return fleet_mod.settled(lambda: fleet_mod.write_counts(fleet))
