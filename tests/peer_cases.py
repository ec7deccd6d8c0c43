"""The 414 real-world schema pairs of stripe/pg-schema-diff (../shared/peers), shared by the suites that use
them: the diff against the pg_dump oracle's verdicts and the plan's round
trip (tests/plan/test_roundtrip_peers.py).

Each usable case is a folder with ``a.sql`` (old schema) and ``b.sql`` (new schema); ``verdicts.json``
says whether they differ and which roles must exist before they load. The cases are read where the
checkout keeps them, never copied into the project.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import psycopg
from psycopg import sql


def _find_peers() -> Path:
    """The peer cases sit in ../shared beside the checkout; a clone elsewhere (git clone . /tmp/x) finds them
    beside the repository it was cloned from. PGCANON_PEERS overrides both."""
    here = Path(__file__).resolve().parents[1]
    roots = [here, *here.parents]
    try:
        origin = subprocess.run(["git", "-C", str(here), "config", "remote.origin.url"], capture_output=True,
                                text=True, check=False).stdout.strip()
    except OSError:
        origin = ""
    if origin and Path(origin).is_dir():
        roots += [Path(origin).resolve(), *Path(origin).resolve().parents]
    candidates = [Path(os.environ["PGCANON_PEERS"])] if os.environ.get("PGCANON_PEERS") else []
    candidates += [r / "shared" / "peers" / "pg-schema-diff" for r in roots]
    return next((c for c in candidates if (c / "verdicts.json").is_file()), candidates[0])


PEERS = _find_peers()
VERDICTS: dict[str, dict[str, object]] = (
    json.loads((PEERS / "verdicts.json").read_text()) if (PEERS / "verdicts.json").is_file() else {}
)
USABLE = sorted(name for name, v in VERDICTS.items() if v.get("usable"))


def role_name(spelled: str) -> str:
    """A role as PostgreSQL names it: verdicts.json spells roles as SQL does, a quoted one keeps its quotes."""
    return spelled[1:-1].replace('""', '"') if spelled.startswith('"') else spelled


def roles_of(name: str) -> list[str]:
    """The roles case *name*'s grants and policies refer to (two are deliberately hostile names)."""
    return [role_name(r) for r in VERDICTS[name].get("roles", [])]  # type: ignore[union-attr]


def all_roles() -> list[str]:
    """Every role some usable case needs, once each."""
    return sorted({r for name in USABLE for r in roles_of(name)})


def ensure_roles(conninfo: str, roles: list[str]) -> None:
    """Create those of *roles* missing on the server of *conninfo* (roles are cluster-wide: they stay)."""
    with psycopg.connect(conninfo, autocommit=True) as conn:
        for role in roles:
            if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role]).fetchone():
                continue
            try:
                conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(role)))
            # Another session made it meanwhile: DuplicateObject when it had committed, UniqueViolation
            # (on pg_authid's name index) when both inserts raced.
            except (psycopg.errors.DuplicateObject, psycopg.errors.UniqueViolation):
                pass
