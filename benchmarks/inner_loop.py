"""The inner loop: ``pgcanon diff A B`` and ``pgcanon check`` next to doing their builds by hand.

    .venv/bin/python benchmarks/inner_loop.py              # 5 interleaved repetitions
    .venv/bin/python benchmarks/inner_loop.py --repeat 9

"By hand" is what a developer would otherwise run, with the server's own tools on the
same server (the embedded scratch cluster pgcanon builds on), and it only *builds*: it
reads nothing and compares nothing, so pgcanon does strictly more work in each pair.

- ``diff`` of two small ``.sql`` files: per file ``createdb``, ``psql -f``, ``dropdb``.
- ``check`` on this repository, the builds of its checks: ``schema/`` (createdb, psql -f,
  dropdb), the migrations (createdb, ``alembic upgrade head``, dropdb), the models
  (createdb, ``metadata.create_all``, dropdb) and autogenerate (createdb, psql -f,
  ``alembic stamp head``, ``alembic check``, dropdb).

pgcanon runs as the real CLI in a subprocess (imports included). ``check`` is timed cold
(``--no-cache``) and warm (nothing changed since the last run) when the installed pgcanon
has a snapshot cache. Each row runs once untimed, then the repetitions are interleaved
round robin so background load falls on every row alike; cells are medians (min).
"""

from __future__ import annotations

import argparse
import os
import platform
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PGCANON = str(BIN / "pgcanon")

SMALL_A = """\
CREATE TYPE state AS ENUM ('queued', 'running', 'done');
CREATE TABLE videos (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, title text NOT NULL,
                     created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE jobs (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                   video_id bigint NOT NULL REFERENCES videos (id), state state NOT NULL DEFAULT 'queued');
CREATE INDEX jobs_video_id_idx ON jobs (video_id);
CREATE VIEW pending AS SELECT id, video_id FROM jobs WHERE state = 'queued';
"""
SMALL_B = SMALL_A.replace("title text NOT NULL,", "title text NOT NULL, rating smallint,")


@dataclass
class Row:
    label: str
    argv_or_fn: object
    times: list[float] = field(default_factory=list)

    def run(self) -> float:
        t0 = time.perf_counter()
        if callable(self.argv_or_fn):
            self.argv_or_fn()
        else:
            done = subprocess.run(self.argv_or_fn, cwd=ROOT, capture_output=True, text=True, check=False)  # type: ignore[arg-type]
            if done.returncode not in (0, 1):
                raise SystemExit(f"{self.label} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
        return time.perf_counter() - t0


def scratch_url() -> tuple[str, Path]:
    """The scratch cluster's URL and its client tools' directory, started by pgcanon as a command would."""
    sys.path.insert(0, str(ROOT / "src"))
    from pgcanon.config import load_settings
    from pgcanon.server import scratch_server

    server = scratch_server(load_settings(ROOT, environ={}))
    return server.url("postgres"), server.bin_dir  # type: ignore[attr-defined]


def by_hand(tools: Path, url: str, env: dict[str, str]) -> dict[str, object]:
    """The hand-run builds, as callables."""
    base, _, query = url.partition("?")
    base = base.rsplit("/", 1)[0]

    def db_url(name: str) -> str:
        return f"{base}/{name}?{query}"

    def run(*argv: str, extra: dict[str, str] | None = None) -> None:
        subprocess.run(argv, cwd=ROOT, check=True, capture_output=True, env={**env, **(extra or {})})

    def with_db(steps: list[tuple[str, ...]], *, alembic: bool = False) -> None:
        name = "bench_hand_" + secrets.token_hex(4)
        run(str(tools / "createdb"), f"--maintenance-db={url}", name)
        try:
            for step in steps:
                run(*(s.replace("{db}", db_url(name)) for s in step),
                    extra={"DATABASE_URL": db_url(name)} if alembic else None)
        finally:
            run(str(tools / "dropdb"), f"--maintenance-db={url}", name)

    psql = str(tools / "psql")

    def load(file: str) -> tuple[str, ...]:
        return (psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", "{db}", "-f", file)

    alembic = str(BIN / "alembic")
    create_all = (sys.executable, "-c", "import os, sqlalchemy as sa; from videodb.models import Base; "
                  "e = sa.create_engine(os.environ['DATABASE_URL'].replace('postgresql://', "
                  "'postgresql+psycopg://', 1)); Base.metadata.create_all(e)")
    tmp = Path(tempfile.mkdtemp(prefix="pgcanon-bench-"))
    (tmp / "a.sql").write_text(SMALL_A)
    (tmp / "b.sql").write_text(SMALL_B)
    schema = str(ROOT / "schema" / "create_schema.sql")
    env["PYTHONPATH"] = str(ROOT / "src")
    return {
        "diff": lambda: [with_db([load(str(tmp / f))]) for f in ("a.sql", "b.sql")],
        "check": lambda: (
            with_db([load(schema)]),
            with_db([(alembic, "upgrade", "head")], alembic=True),
            with_db([create_all], alembic=True),
            with_db([load(schema), (alembic, "stamp", "head"), (alembic, "check")], alembic=True),
        ),
        "tmp": tmp,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    url, tools = scratch_url()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PGCANON_DATABASE_URL")}
    hand = by_hand(tools, url, dict(env))
    tmp = hand["tmp"]
    assert isinstance(tmp, Path)
    has_cache = "--no-cache" in subprocess.run([PGCANON, "check", "--help"], capture_output=True, text=True).stdout
    rows = [
        Row("pgcanon diff a.sql b.sql", [PGCANON, "diff", str(tmp / "a.sql"), str(tmp / "b.sql")]),
        Row("by hand: 2 × (createdb, psql -f, dropdb)", hand["diff"]),
        Row("pgcanon check" + (" --no-cache (cold)" if has_cache else ""),
            [PGCANON, "check", *(["--no-cache"] if has_cache else [])]),
        Row("by hand: the 4 builds of check", hand["check"]),
    ]
    if has_cache:
        rows.append(Row("pgcanon check (warm: nothing changed)", [PGCANON, "check"]))
    for row in rows:  # warm-up, untimed
        row.run()
    for i in range(args.repeat):
        order = rows[i % len(rows):] + rows[: i % len(rows)]
        for row in order:
            row.times.append(row.run())
        print(f"round {i + 1}/{args.repeat}", file=sys.stderr)

    def cell(row: Row) -> str:
        return f"{statistics.median(row.times):.2f} ({min(row.times):.2f})"

    med = {r.label: statistics.median(r.times) for r in rows}
    print(f"PostgreSQL scratch cluster at {url.split('?')[0]}; {platform.node()}, {os.cpu_count()} cores; "
          f"{args.repeat} repetitions, seconds, median (min)\n")
    print("| | seconds | ratio to by hand |\n|---|---|---|")
    hand_diff, hand_check = med[rows[1].label], med[rows[3].label]
    for row in rows:
        ref = hand_diff if "diff" in row.label or "2 ×" in row.label else hand_check
        print(f"| {row.label} | {cell(row)} | {med[row.label] / ref:.2f}× |")
    import importlib.util

    cold = subprocess.run([sys.executable, "-X", "importtime", "-c", "import pgcanon.cli"], capture_output=True,
                          text=True, cwd=ROOT)
    total = [ln for ln in cold.stderr.splitlines() if ln.rstrip().endswith("pgcanon.cli")]
    if total and importlib.util.find_spec("pgcanon"):
        print(f"\nimport pgcanon.cli: {int(total[-1].split('|')[1]) / 1e6:.2f} s (python -X importtime, cumulative)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
