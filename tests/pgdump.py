"""pg_dump as an independent oracle: a normalized ``--schema-only`` dump of a database."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from psycopg.conninfo import conninfo_to_dict

from pgcanon.server import EmbeddedServer

_NOISE = re.compile(r"^(--.*|SET .*|SELECT pg_catalog\.set_config.*|\\(un)?restrict .*|)$")


def pg_dump_bin() -> Path:
    # The embedded wheel's pg_dump is PostgreSQL 18: it can dump every older server too.
    return EmbeddedServer(Path(".")).bin_dir / "pg_dump"


def normalized_dump(conninfo: str, *, exclude_tables: tuple[str, ...] = ("public.alembic_version",),
                    owners: bool = False) -> str:
    """The schema as pg_dump prints it, minus comments, SET lines, blank lines and the excluded tables.

    :param owners: keep the ``ALTER … OWNER TO`` lines (only where both dumps compared were built by
        one role: pg_dump names the database's owner, which pgcanon compares as ``(database owner)``).
    """
    params = conninfo_to_dict(conninfo)
    # No security labels or subscriptions: pgcanon compares neither (no build here loads a label provider,
    # and a subscription needs a publisher), and their queries were a tenth of each dump's server time.
    args = [str(pg_dump_bin()), "--schema-only", "--no-security-labels", "--no-subscriptions",
            *(() if owners else ("--no-owner",))]
    for table in exclude_tables:
        args += ["--exclude-table", table]
    env = dict(os.environ)
    if params.get("password"):
        env["PGPASSWORD"] = str(params.pop("password"))
    args.append(" ".join(f"{k}='{v}'" for k, v in params.items()))
    out = subprocess.run(args, check=True, capture_output=True, text=True, env=env).stdout
    return "\n".join(line for line in out.splitlines() if not _NOISE.match(line)) + "\n"
