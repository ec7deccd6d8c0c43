"""Benchmark pgcanon's catalog reader and diff against pg_dump and SQLAlchemy reflection.

    .venv/bin/python benchmarks/bench.py                      # sizes 100,1000, 5 repetitions
    .venv/bin/python benchmarks/bench.py --sizes 100,1000,5000 --repeat 5 --json bench.json

For each size N it builds ``generate(N)`` (benchmarks/generate.py) into a scratch
database on the embedded PostgreSQL, and the same schema plus ``changes(N)`` into a
second one, then times every tool against the first database. Each tool runs once
untimed (warm-up), then the repetitions are interleaved round robin — rep 1 of every
tool, then rep 2, … with the starting tool rotated each round — so caches and
background load hit every tool alike. It prints a Markdown table of medians (min in
parentheses): seconds for the readers, milliseconds for the diffs.

Run it from the repository root; it starts the embedded server if it is not running.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import changes, generate

from pgcanon.catalog.reader import DEFAULT_JOBS
from pgcanon.scratch import scratch_database
from pgcanon.server import EmbeddedServer


@dataclass
class Tool:
    key: str
    label: str
    unit: str  # "s" or "ms"
    run: Callable[[], Any]
    note: str = ""  # shown after the numbers, e.g. how many changes a diff found
    times: list[float] = field(default_factory=list)
    error: str | None = None


def _build(conninfo: str, text: str) -> float:
    t0 = time.perf_counter()
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(text.encode())  # type: ignore[arg-type]
    return time.perf_counter() - t0


def _server_version(conninfo: str) -> str:
    with psycopg.connect(conninfo) as conn:
        return str(conn.execute("SELECT version()").fetchone()[0])  # type: ignore[index]


def _tools(server: EmbeddedServer, conninfo: str, changed: str) -> list[Tool]:
    from pgcanon.catalog import read_snapshot

    pg_dump = str(server.bin_dir / "pg_dump")

    def dump() -> None:
        subprocess.run([pg_dump, "--schema-only", "-f", os.devnull, conninfo], check=True)

    def reflect() -> int:
        import sqlalchemy as sa
        from sqlalchemy.pool import NullPool

        engine = sa.create_engine("postgresql+psycopg://", creator=lambda: psycopg.connect(conninfo),
                                  poolclass=NullPool)
        try:
            meta = sa.MetaData()
            meta.reflect(engine)
            return len(meta.tables)
        finally:
            engine.dispose()

    tools = [
        Tool("pgcanon", f"pgcanon `read_snapshot` (jobs={DEFAULT_JOBS}, default: cores, at most 3)", "s",
             lambda: read_snapshot(conninfo)),
        *(Tool(f"pgcanon_jobs{j}", f"pgcanon `read_snapshot` (jobs={j})", "s",
               lambda j=j: read_snapshot(conninfo, jobs=j)) for j in (1, 2, 3) if j != DEFAULT_JOBS),
        Tool("pg_dump", "`pg_dump --schema-only` (to /dev/null)", "s", dump),
        Tool("sqlalchemy", "SQLAlchemy `MetaData().reflect()` (tables only)", "s", reflect),
    ]

    # The diffs compare snapshots read once, up front: a second read of the same database,
    # and a read of the copy with a handful of changes.
    try:
        from pgcanon.diff import diff

        snap, snap2, snap_changed = read_snapshot(conninfo), read_snapshot(conninfo), read_snapshot(changed)
        n_same, n_changed = len(diff(snap, snap2)), len(diff(snap, snap_changed))
        tools += [
            Tool("diff_same", "pgcanon `diff`, two reads of one database [ms]", "ms",
                 lambda: diff(snap, snap2), note=f"{n_same} changes"),
            Tool("diff_changed", "pgcanon `diff`, vs. the copy with a handful of ALTERs [ms]", "ms",
                 lambda: diff(snap, snap_changed), note=f"{n_changed} changes"),
        ]
    except Exception as exc:  # noqa: BLE001 - the engine may be mid-change: report it, bench the rest
        bad = Tool("diff_same", "pgcanon `diff` [ms]", "ms", lambda: None)
        bad.error = f"{type(exc).__name__}: {exc}"
        tools.append(bad)
    return tools


def _counts(conninfo: str) -> dict[str, int]:
    q = """
        SELECT (SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'),
               (SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                 WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attnum > 0),
               (SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'i'),
               (SELECT count(*) FROM pg_constraint WHERE connamespace = 'public'::regnamespace),
               (SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'v'),
               (SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace),
               (SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal)
    """
    with psycopg.connect(conninfo) as conn:
        row = conn.execute(q).fetchone()
    names = ("tables", "columns", "indexes", "constraints", "views", "functions", "triggers")
    return dict(zip(names, row, strict=True))  # type: ignore[arg-type]  # one count per name


def _time(tool: Tool) -> None:
    if tool.error:
        return
    gc.collect()
    t0 = time.perf_counter()
    try:
        tool.run()
    except Exception as exc:  # noqa: BLE001 - a failing tool is reported in its row; the others still run
        tool.error = f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"
        return
    tool.times.append(time.perf_counter() - t0)


def bench_size(server: EmbeddedServer, n: int, repeat: int) -> dict[str, Any]:
    log = lambda msg: print(f"[{n} tables] {msg}", file=sys.stderr, flush=True)  # noqa: E731
    with scratch_database(server) as conninfo, scratch_database(server) as changed:
        text = generate(n)
        build = _build(conninfo, text)
        _build(changed, text + changes(n))
        counts = _counts(conninfo)
        log(f"built in {build:.1f}s: {counts}")
        tools = _tools(server, conninfo, changed)
        for tool in tools:  # untimed warm-up, in order
            _time(tool)
            tool.times.clear()
        for rep in range(repeat):
            k = rep % len(tools)
            for tool in tools[k:] + tools[:k]:
                _time(tool)
            log(f"round {rep + 1}/{repeat} done")
        for tool in tools:
            if tool.error:
                log(f"{tool.key} FAILED: {tool.error}")
        return {
            "tables": n,
            "build_seconds": build,
            "ddl_bytes": len(text.encode()),
            "objects": counts,
            "tools": {
                t.key: {"label": t.label, "unit": t.unit, "note": t.note, "seconds": t.times, "error": t.error}
                for t in tools
            },
        }


def _cell(entry: dict[str, Any] | None) -> str:
    if entry is None:
        return "–"
    if entry["error"] or not entry["seconds"]:
        return "error"
    scale = 1000.0 if entry["unit"] == "ms" else 1.0
    med, low = statistics.median(entry["seconds"]) * scale, min(entry["seconds"]) * scale
    fmt = "{:.1f}" if entry["unit"] == "ms" else "{:.3f}"
    return f"{fmt.format(med)} ({fmt.format(low)})"


def _median(entry: dict[str, Any] | None) -> float | None:
    if not entry or entry["error"] or not entry["seconds"]:
        return None
    return statistics.median(entry["seconds"])


def report(results: dict[str, Any]) -> str:
    sizes = results["sizes"]
    head = "| | " + " | ".join(f"{s['tables']} tables" for s in sizes) + " |"
    lines = [
        f"PostgreSQL: {results['server_version']}",
        f"Machine: {results['machine']}, nproc={results['nproc']}; Python {results['python']}; "
        f"{results['repeat']} interleaved repetitions after 1 warm-up; cells are median (min)",
        "",
        head,
        "|" + "---|" * (len(sizes) + 1),
    ]
    keys: list[str] = []
    for s in sizes:
        keys += [k for k in s["tools"] if k not in keys]
    for key in keys:
        label = next(s["tools"][key]["label"] for s in sizes if key in s["tools"])
        cells = []
        for s in sizes:
            entry = s["tools"].get(key)
            note = f" · {entry['note']}" if entry and entry["note"] and not entry["error"] else ""
            cells.append(_cell(entry) + note)
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    ratios = []
    for s in sizes:
        a, b = _median(s["tools"].get("pgcanon")), _median(s["tools"].get("pg_dump"))
        ratios.append(f"{a / b:.2f}" if a and b else "–")
    lines.append(f"| **ratio pgcanon (jobs={DEFAULT_JOBS}) / pg_dump** | " + " | ".join(ratios) + " |")
    lines.append("")
    lines.append(
        "Schema per size: "
        + "; ".join(
            f"{s['tables']}: " + ", ".join(f"{v} {k}" for k, v in s["objects"].items())
            + f" (built in {s['build_seconds']:.1f}s)"
            for s in sizes
        )
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000", help="comma-separated table counts (default 100,1000)")
    parser.add_argument("--repeat", type=int, default=5, help="timed repetitions per tool (default 5)")
    parser.add_argument("--json", nargs="?", const="-", metavar="FILE",
                        help="also dump raw numbers as JSON (to FILE, or stdout)")
    parser.add_argument("--data-dir", default=".pgcanon/data", type=Path, help="embedded server data directory")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]

    server = EmbeddedServer(args.data_dir.resolve())
    server.start()
    results: dict[str, Any] = {
        "server_version": _server_version(server.conninfo()),
        "nproc": os.cpu_count(),
        "machine": f"{platform.system()} {platform.machine()}",
        "python": platform.python_version(),
        "repeat": args.repeat,
        "sizes": [],
    }
    t0 = time.perf_counter()
    for n in sizes:
        results["sizes"].append(bench_size(server, n, args.repeat))
    results["total_seconds"] = time.perf_counter() - t0

    if args.json and args.json != "-":
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n")
    print(report(results))
    if args.json == "-":
        print(json.dumps(results, indent=2))
    print(f"\n(total {results['total_seconds']:.0f}s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
