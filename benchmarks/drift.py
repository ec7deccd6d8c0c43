"""Benchmark ``pgcanon drift`` over a fleet against one ``pgcanon diff schema URL`` per database.

    .venv/bin/python benchmarks/drift.py                       # 200 databases, 20 sequential diffs sampled
    .venv/bin/python benchmarks/drift.py --sequential 0        # all 200 sequential diffs (about 12 minutes here)
    .venv/bin/python benchmarks/drift.py --targets 200 --small 50 --rounds 2 --json drift.json

It migrates one database of the embedded PostgreSQL to head (``pgcanon.migrations.upgrade``,
what ``pgcanon migrate`` runs), then clones it ``--targets`` times with
``CREATE DATABASE … TEMPLATE``; every 20th clone loses an index and every 20th (offset by 10)
gets an extra column, so the report has drift to group. Every database is named
``drift_bench_<pid>_…`` and dropped at the end, on Ctrl-C and SIGTERM too. Then, in each of
``--rounds`` rounds (the order rotated each round, so background load falls on every row alike):

* ``pgcanon drift --targets FILE`` over all of them, as a subprocess (the installed CLI, its
  default ``-j`` unless ``--jobs``), wall time and the child's peak RSS (``os.wait4``);
* the same over the first ``--small`` of them: its peak RSS, to see whether memory grows
  with the number of targets;
* ``pgcanon diff schema URL``, one subprocess per database, one after the other: all of them
  with ``--sequential 0``, else a sample of ``--sequential`` evenly spaced databases per run
  (split over the rounds) whose mean is multiplied by the number of targets. The output
  says which.

Run it from the repository root; it starts the embedded server if it is not running.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from pgcanon import migrations
from pgcanon.config import load_settings
from pgcanon.drift.targets import drift_section
from pgcanon.server import EmbeddedServer

ROOT = Path(__file__).resolve().parent.parent
PREFIX = f"drift_bench_{os.getpid()}_"
TEMPLATE = PREFIX + "tpl"
#: Drift given to some clones: (every, offset, statement).
DRIFT = ((20, 7, "DROP INDEX jobs_video_id_idx"), (20, 17, "ALTER TABLE videos ADD COLUMN note text"))


def log(msg: str) -> None:
    print(f"[drift bench] {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- the fleet


def _execute(conninfo: str, *statements: str | sql.Composable) -> None:
    with psycopg.connect(conninfo, autocommit=True) as conn:
        for s in statements:
            conn.execute(s)


def build_fleet(server: EmbeddedServer, n: int) -> list[str]:
    """The template at head and *n* clones of it; the clones' names, in order."""
    settings = load_settings(ROOT)
    t0 = time.perf_counter()
    _execute(server.conninfo(), sql.SQL("CREATE DATABASE {}").format(sql.Identifier(TEMPLATE)))
    applied = migrations.upgrade(settings, server.conninfo(TEMPLATE), "head")
    log(f"template migrated to head ({len(applied)} revisions) in {time.perf_counter() - t0:.1f}s")
    names = []
    t0 = time.perf_counter()
    with psycopg.connect(server.conninfo(), autocommit=True) as conn:
        for i in range(n):
            db = f"{PREFIX}{i:04d}"
            conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(db), sql.Identifier(TEMPLATE)))
            names.append(db)
            if (i + 1) % 50 == 0:
                log(f"{i + 1}/{n} clones")
    for i, db in enumerate(names):
        statements = [s for every, offset, s in DRIFT if i % every == offset]
        if statements:
            _execute(server.conninfo(db), *statements)
    log(f"{n} clones in {time.perf_counter() - t0:.1f}s")
    return names


def drop_fleet(server: EmbeddedServer) -> int:
    """Drop every database of this run (the template last); how many were dropped."""
    like = PREFIX.replace("_", r"\_") + "%"
    with psycopg.connect(server.conninfo(), autocommit=True) as conn:
        rows = conn.execute("SELECT datname::text FROM pg_database WHERE datname LIKE %s ORDER BY datname = %s, 1",
                            [like, TEMPLATE]).fetchall()
        for (db,) in rows:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(db)))
    return len(rows)


# --------------------------------------------------------------------------- running the CLI


@dataclass
class Run:
    seconds: float
    exit_code: int
    max_rss_kib: int
    output_bytes: int


@dataclass
class Row:
    key: str
    label: str
    runs: list[Run] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def run_cli(argv: list[str], env: dict[str, str], ok: tuple[int, ...]) -> tuple[Run, str]:
    """*argv* as a child process, output to a file; its wall time, exit code and peak RSS (``wait4``)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, env=env, cwd=ROOT)
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        seconds = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: keep Popen from waiting again
        size = out.tell()
        out.seek(0)
        err.seek(0)
        text = out.read().decode(errors="replace") + err.read().decode(errors="replace")
    run = Run(seconds, proc.returncode, usage.ru_maxrss, size)  # ru_maxrss: KiB on Linux
    problem = "" if proc.returncode in ok else f"exit {proc.returncode}: {text.strip()[-1500:]}"
    return run, problem


def _sample(names: list[str], k: int) -> list[str]:
    """*k* evenly spaced names (all of them when k is 0 or at least len(names))."""
    if k <= 0 or k >= len(names):
        return list(names)
    step = len(names) / k
    return [names[int(i * step)] for i in range(k)]


# --------------------------------------------------------------------------- report


def _mib(kib: float) -> float:
    return kib / 1024


def _times(row: dict[str, Any]) -> str:
    return ", ".join(f"{r['seconds']:.1f}" for r in row["runs"])


def report(res: dict[str, Any]) -> str:
    rows = {r["key"]: r for r in res["rows"]}
    n, small = res["targets"], res["small"]
    big, few, seq = rows["drift"], rows["drift_small"], rows["diff"]
    big_t = statistics.median(r["seconds"] for r in big["runs"])
    few_t = statistics.median(r["seconds"] for r in few["runs"])
    per_diff = [r["seconds"] for r in seq["runs"]]
    seq_total = statistics.mean(per_diff) * n
    rss_big = max(r["max_rss_kib"] for r in big["runs"])
    rss_few = max(r["max_rss_kib"] for r in few["runs"])
    out_big = max(r["output_bytes"] for r in big["runs"])
    out_few = max(r["output_bytes"] for r in few["runs"])
    sampled = len(per_diff) < n
    how = (f"EXTRAPOLATED: mean of {len(per_diff)} sequential runs (of {n} databases) × {n}" if sampled
           else f"measured: all {n} runs")
    lines = [
        f"PostgreSQL {res['server_version']} (embedded); pgcanon {res['pgcanon']}",
        (f"Machine: {res['machine']}, nproc={res['nproc']}, load average at start {res['load_start']}, "
        f"at end {res['load_end']}; Python {res['python']}; {res['rounds']} round(s), order rotated each round"),
        (f"Fleet: {n} clones of a database migrated to head ({res['drifted']} of them drifted); "
        f"pgcanon drift -j {res['jobs']} ({res['jobs_from']})"),
        "",
        "| | wall [s] | peak RSS [MiB] | report [KiB] |",
        "|---|---|---|---|",
        (f"| `pgcanon drift` over {n} databases | {big_t:.1f} ({_times(big)}) "
        f"| {_mib(rss_big):.1f} | {out_big / 1024:.1f} |"),
        (f"| `pgcanon drift` over {small} databases | {few_t:.1f} ({_times(few)}) "
        f"| {_mib(rss_few):.1f} | {out_few / 1024:.1f} |"),
        (f"| {n} × `pgcanon diff schema URL`, one after another | {seq_total:.1f} ({how}) "
        f"| {_mib(max(r['max_rss_kib'] for r in seq['runs'])):.1f} (each) | – |"),
        (f"| one `pgcanon diff schema URL` | {statistics.median(per_diff):.2f} median, "
        f"{min(per_diff):.2f}–{max(per_diff):.2f} | | |"),
        "",
        f"**ratio sequential / drift ({n} databases): {seq_total / big_t:.1f}×** "
        + ("(sequential side extrapolated)" if sampled else "(both measured)"),
        (f"**peak RSS {n} / {small} targets: {rss_big / rss_few:.2f}** "
        f"({_mib(rss_big):.1f} vs {_mib(rss_few):.1f} MiB, +{_mib(rss_big - rss_few):.1f} MiB for "
        f"{n - small} more targets, {(rss_big - rss_few) / max(1, n - small):.0f} KiB a target)"),
    ]
    for r in res["rows"]:
        for e in r["errors"]:
            lines.append(f"{r['label']} FAILED: {e}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _server_version(conninfo: str) -> str:
    with psycopg.connect(conninfo) as conn:
        return str(conn.execute("SHOW server_version").fetchone()[0])  # type: ignore[index]


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def bench(server: EmbeddedServer, args: argparse.Namespace, pgcanon: str, env: dict[str, str],
          work: Path) -> dict[str, Any]:
    names = build_fleet(server, args.targets)
    urls = [server.url(db) for db in names]
    big_file, small_file = work / "targets.txt", work / "targets-small.txt"
    big_file.write_text("\n".join(urls) + "\n")
    small_file.write_text("\n".join(urls[: args.small]) + "\n")
    jobs = ["-j", str(args.jobs)] if args.jobs else []
    drift_ok = (0, 1)  # 1: the drifted clones
    rows = [Row("drift", f"pgcanon drift over {args.targets}"), Row("drift_small", f"pgcanon drift over {args.small}"),
            Row("diff", "pgcanon diff schema URL")]
    sample = _sample(urls, args.sequential)
    per_round = [sample[i :: args.rounds] for i in range(args.rounds)]

    def drift(row: Row, path: Path) -> None:
        run, problem = run_cli([pgcanon, "drift", "--targets", str(path), *jobs], env, drift_ok)
        row.runs.append(run)
        if problem:
            row.errors.append(problem)
        log(f"{row.label}: {run.seconds:.1f}s, exit {run.exit_code}, peak RSS {_mib(run.max_rss_kib):.1f} MiB")

    def sequential(row: Row, part: list[str]) -> None:
        t0 = time.perf_counter()
        for url in part:
            run, problem = run_cli([pgcanon, "diff", "schema", url], env, (0, 1))
            row.runs.append(run)
            if problem:
                row.errors.append(problem)
        log(f"{len(part)} sequential diffs: {time.perf_counter() - t0:.1f}s")

    steps = [lambda: drift(rows[0], big_file), lambda: drift(rows[1], small_file)]
    for r in range(args.rounds):
        order = [*steps, lambda r=r: sequential(rows[2], per_round[r])]
        k = r % len(order)
        for step in order[k:] + order[:k]:
            step()
        log(f"round {r + 1}/{args.rounds} done")
    return {
        "rows": [{"key": r.key, "label": r.label, "runs": [vars(x) for x in r.runs], "errors": r.errors}
                 for r in rows],
        "drifted": sum(1 for i in range(args.targets) if any(i % e == o for e, o, _ in DRIFT)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--targets", type=int, default=200, help="databases in the fleet (default 200)")
    parser.add_argument("--small", type=int, default=50,
                        help="the smaller fleet whose peak RSS is compared (default 50)")
    parser.add_argument("--sequential", type=int, default=20,
                        help="sequential `pgcanon diff` runs timed, extrapolated to all targets; 0 = all (default 20)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds, each timing every row once (default 2)")
    parser.add_argument("--jobs", type=int, help="pass -j N to pgcanon drift (default: its own default)")
    parser.add_argument("--json", metavar="FILE", help="also write the raw numbers as JSON")
    parser.add_argument("--data-dir", default=".pgcanon/data", type=Path, help="embedded server data directory")
    args = parser.parse_args(argv)
    if not 0 < args.small <= args.targets or args.rounds < 1:
        parser.error("need 0 < --small <= --targets and --rounds >= 1")

    signal.signal(signal.SIGTERM, _terminate)
    pgcanon = shutil.which("pgcanon", path=str(Path(sys.executable).parent)) or "pgcanon"
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)  # the embedded server: targets and references on one machine
    env.pop("PGCANON_DATABASE_URL", None)
    section = drift_section(ROOT)
    if args.jobs:
        jobs, jobs_from = args.jobs, "--jobs"
    elif "jobs" in section:
        jobs, jobs_from = section["jobs"], "[tool.pgcanon.drift] jobs"
    else:
        jobs, jobs_from = os.cpu_count(), "the default: the CPU count"
    server = EmbeddedServer(args.data_dir.resolve())
    server.start()
    res: dict[str, Any] = {
        "server_version": _server_version(server.conninfo()),
        "pgcanon": pgcanon,
        "machine": f"{platform.system()} {platform.machine()}",
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "load_start": _load(),
        "targets": args.targets,
        "small": args.small,
        "rounds": args.rounds,
        "jobs": jobs,
        "jobs_from": jobs_from,
    }
    t0 = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="pgcanon-drift-bench-") as work:
            res.update(bench(server, args, pgcanon, env, Path(work)))
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not stop the clean-up
        log(f"dropped {drop_fleet(server)} databases ({PREFIX}*)")
        signal.signal(signal.SIGINT, signal.default_int_handler)
    res["load_end"] = _load()
    res["total_seconds"] = time.perf_counter() - t0
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=2) + "\n")
    print(report(res))
    print(f"\n(total {res['total_seconds']:.0f}s)", file=sys.stderr)
    return 1 if any(r["errors"] for r in res["rows"]) else 0


if __name__ == "__main__":
    sys.exit(main())
