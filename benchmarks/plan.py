"""Benchmark pgcanon's plan generator (``pgcanon diff A B --format sql``) against migra.

    .venv/bin/python benchmarks/plan.py            # N = 1000 and 5000 tables, K = 10 and 100 changes
    .venv/bin/python benchmarks/plan.py --quick    # N = 1000 only
    .venv/bin/python benchmarks/plan.py --sizes 1000 --changes 10 --repeat 5 --json plan.json

For each N it writes ``A.sql`` (``generate(N)`` of benchmarks/generate.py plus a UNIQUE
constraint per table) and, for each K, ``B.sql`` = ``A.sql`` + K changes of a dozen kinds
(column added / retyped / dropped / default changed, index added / dropped, check dropped /
added, foreign key and unique constraint replaced, view changed, enum label added, function
body changed, table added, comment changed), each on another table or group of tables.
It builds both into databases of the embedded PostgreSQL with ``psql -f`` and times:

* pgcanon ``plan(snap_a, snap_b, DiffOptions())`` alone, from two snapshots read once
  beforehand (``read_snapshot``), in milliseconds;
* pgcanon end to end: the installed CLI ``pgcanon diff A.sql B.sql --format sql`` as a
  subprocess (it builds both files into scratch databases, reads them, plans, renders);
* migra end to end on the two databases already built: ``migra --unsafe URL_A URL_B``;
* migra including what pgcanon's end to end does besides: CREATE DATABASE ×2, ``psql -f``
  of each file, migra, DROP DATABASE ×2.

Every tool runs once untimed (warm-up), then the repetitions are interleaved round robin,
the starting tool rotated each round. Cells are median (min). Then, at the first size, for
each K, it applies each tool's script with ``psql -v ON_ERROR_STOP=1`` to a fresh copy of A
and asks ``pgcanon diff`` whether the result equals B.

migra runs from its own virtualenv (``--migra``, default ``.pgcanon/bench-venv/bin/migra``),
created with ``pip install migra psycopg2-binary`` when missing: it is not a dependency
of the project. SQLAlchemy 2.x maps ``postgresql://`` to psycopg 3, so migra gets
``postgresql+psycopg2://`` URLs.

Run it from the repository root; it starts the embedded server if it is not running.
Every database it creates is dropped on exit.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import psycopg
from psycopg.conninfo import conninfo_to_dict

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import BATCH, GROUP, _parent, generate, table_name  # noqa: E402

from pgcanon.scratch import scratch_database  # noqa: E402
from pgcanon.server import EmbeddedServer  # noqa: E402

DEFAULT_MIGRA_VENV = ROOT / ".pgcanon" / "bench-venv"


# --------------------------------------------------------------------------- schemas


def schema_a(n: int) -> str:
    """``generate(n)`` plus a UNIQUE constraint on (name, parent_id) per table, committed every BATCH tables."""
    parts = [generate(n), "-- a UNIQUE constraint per table (benchmarks/plan.py)\n"]
    for first in range(1, n + 1, BATCH):
        parts.append("BEGIN;\n")
        for i in range(first, min(first + BATCH, n + 1)):
            t = table_name(i)
            parts.append(f"ALTER TABLE public.{t} ADD CONSTRAINT {t}_name_parent_key UNIQUE (name, parent_id);\n")
        parts.append("COMMIT;\n")
    return "".join(parts)


def _view(g: int, first: int, last: int, where: str) -> str:
    a, b = table_name(first), table_name(last)
    return (
        f"CREATE OR REPLACE VIEW public.v_g{g:04d} AS\n"
        f"    SELECT x.id, x.name, x.amount, x.status, y.name AS other_name, y.created_at AS other_created_at\n"
        f"    FROM public.{a} x\n"
        f"    LEFT JOIN public.{b} y ON y.parent_id = x.id\n"
        f"    WHERE {where};\n"
    )


def _change(kind: int, i: int, n: int, j: int) -> tuple[str, str]:
    """(description, SQL) of change *kind* on table *i* (or its group)."""
    t = table_name(i)
    g = (i - 1) // GROUP
    first, last = g * GROUP + 1, min(g * GROUP + GROUP, n)
    if kind == 0:
        return "add column", f"ALTER TABLE public.{t} ADD COLUMN note text;\n"
    if kind == 1:
        return "change column type", f"ALTER TABLE public.{t} ALTER COLUMN code TYPE varchar(200);\n"
    if kind == 2:
        return "add index", f"CREATE INDEX {t}_payload_idx ON public.{t} USING gin (payload);\n"
    if kind == 3:
        return "drop check", f"ALTER TABLE public.{t} DROP CONSTRAINT {t}_amount_check;\n"
    if kind == 4:
        return "add check", f"ALTER TABLE public.{t} ADD CONSTRAINT {t}_name_check CHECK (name <> '');\n"
    if kind == 5:
        return "change view", _view(g, first, last, "x.active")
    if kind == 6:
        return "add enum label", f"ALTER TYPE public.status_g{g:04d} ADD VALUE 'archived';\n"
    if kind == 7:
        return "change function body", (
            f"CREATE OR REPLACE FUNCTION public.touch_g{g:04d}() RETURNS trigger\n"
            "    LANGUAGE plpgsql\n"
            "    AS $$\n"
            "BEGIN\n"
            "    NEW.created_at := now();\n"
            "    RETURN NEW;\n"
            "END;\n"
            "$$;\n"
        )
    if kind == 8:
        return "change default", f"ALTER TABLE public.{t} ALTER COLUMN active SET DEFAULT true;\n"
    if kind == 9:
        return "drop index", f"DROP INDEX public.{t}_created_at_idx;\n"
    if kind == 10:
        # the foreign key of generate(): ON DELETE SET NULL on odd tables, CASCADE on even ones
        return "replace foreign key", (
            f"ALTER TABLE public.{t} DROP CONSTRAINT {t}_parent_fkey;\n"
            f"ALTER TABLE public.{t} ADD CONSTRAINT {t}_parent_fkey FOREIGN KEY (parent_id)"
            f" REFERENCES public.{table_name(_parent(i))} (id) ON DELETE RESTRICT;\n"
        )
    if kind == 11:
        return "replace unique", (
            f"ALTER TABLE public.{t} DROP CONSTRAINT {t}_name_parent_key;\n"
            f"ALTER TABLE public.{t} ADD CONSTRAINT {t}_code_key UNIQUE (code);\n"
        )
    if kind == 12:
        return "drop column", f"ALTER TABLE public.{t} DROP COLUMN payload;\n"
    if kind == 13:
        return "add table", (
            f"CREATE TABLE public.extra_{j:04d} (\n"
            "    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
            f"    {t}_id integer NOT NULL REFERENCES public.{t} (id) ON DELETE CASCADE,\n"
            "    note text,\n"
            "    at timestamptz NOT NULL DEFAULT now()\n"
            ");\n"
            f"CREATE INDEX extra_{j:04d}_{t}_id_idx ON public.extra_{j:04d} ({t}_id);\n"
        )
    if kind == 14:
        return "change comment", f"COMMENT ON TABLE public.{t} IS 'Synthetic table {i}, changed.';\n"
    if kind == 15:
        return "set not null", f"ALTER TABLE public.{t} ALTER COLUMN code SET NOT NULL;\n"
    raise ValueError(kind)


KINDS = 16


def changes(n: int, k: int) -> tuple[str, dict[str, int]]:
    """K changes on top of ``schema_a(n)``: change *j* is of kind ``j % KINDS`` on its own table and group."""
    if k > n // 2:
        raise ValueError("need at least two tables per change")
    stride = n // k
    lines = [f"-- benchmarks/plan.py: {k} changes on top of the {n}-table schema\n"]
    kinds: dict[str, int] = {}
    for j in range(k):
        # tables 1, 1+stride+1, …: one per change, in its own group of GROUP tables when stride >= GROUP
        i = 1 + j * stride + (j % min(stride, 7))
        what, text = _change(j % KINDS, i, n, j)
        kinds[what] = kinds.get(what, 0) + 1
        lines.append(text)
    return "".join(lines), kinds


# --------------------------------------------------------------------------- running things


@dataclass
class Tool:
    key: str
    label: str
    unit: str  # "s" or "ms"
    run: Callable[[], Any]
    times: list[float] = field(default_factory=list)
    error: str | None = None


def _time(tool: Tool) -> None:
    if tool.error:
        return
    gc.collect()
    t0 = time.perf_counter()
    try:
        tool.run()
    except Exception as exc:  # noqa: BLE001 - a failing tool is reported in its row; the others still run
        text = str(exc).strip()
        tool.error = f"{type(exc).__name__}: {text[-2000:] if text else ''}"
        return
    tool.times.append(time.perf_counter() - t0)


def _check(cmd: list[str], *, ok: tuple[int, ...] = (0,), env: dict[str, str] | None = None,
           stdout: Any = subprocess.DEVNULL) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(cmd, stdout=stdout, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    if proc.returncode not in ok:
        raise RuntimeError(f"{Path(cmd[0]).name} exited {proc.returncode}: {proc.stderr.strip()}")
    return proc


def migra_url(conninfo: str) -> str:
    """A SQLAlchemy URL for the psycopg2 driver, from a libpq conninfo."""
    d = conninfo_to_dict(conninfo)
    user = quote(d.get("user", ""), safe="")
    pw = f":{quote(d['password'], safe='')}" if d.get("password") else ""
    host = d.get("host", "")
    netloc = f"{user}{pw}@" if user else ""
    query = []
    if host.startswith("/"):
        query.append(f"host={quote(host, safe='/')}")
        if d.get("port"):
            query.append(f"port={d['port']}")
    else:
        netloc += host + (f":{d['port']}" if d.get("port") else "")
    url = f"postgresql+psycopg2://{netloc}/{quote(d.get('dbname', ''), safe='')}"
    return url + ("?" + "&".join(query) if query else "")


def ensure_migra(path: str | None) -> tuple[str | None, str]:
    """The migra executable (installing it into its own venv if needed), and its version or the reason it is missing."""
    exe = Path(path) if path else DEFAULT_MIGRA_VENV / "bin" / "migra"
    if not exe.exists() and path is None:
        print(f"installing migra into {DEFAULT_MIGRA_VENV} (its own venv) …", file=sys.stderr, flush=True)
        try:
            subprocess.run([sys.executable, "-m", "venv", str(DEFAULT_MIGRA_VENV)], check=True)
            subprocess.run([str(DEFAULT_MIGRA_VENV / "bin" / "pip"), "install", "-q", "migra", "psycopg2-binary"],
                           check=True)
        except (subprocess.CalledProcessError, OSError) as exc:
            return None, f"cannot install migra: {exc}"
    if not exe.exists():
        return None, f"{exe}: not found"
    pip = exe.parent / "pip"
    version = "?"
    if pip.exists():
        out = subprocess.run([str(pip), "list", "--format=json"], capture_output=True, text=True).stdout
        try:
            pkgs = {p["name"].lower(): p["version"] for p in json.loads(out)}
            version = ", ".join(f"{k} {pkgs[k]}" for k in ("migra", "schemainspect", "sqlalchemy", "psycopg2-binary")
                                if k in pkgs)
        except ValueError:
            pass
    return str(exe), version


def _server_version(conninfo: str) -> str:
    with psycopg.connect(conninfo) as conn:
        return str(conn.execute("SHOW server_version").fetchone()[0])  # type: ignore[index]


def _pgcanon_env(server: EmbeddedServer, external: bool) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env.pop("PGCANON_DATABASE_URL", None)
    if external:
        env["PGCANON_DATABASE_URL"] = server.conninfo()
    return env


# --------------------------------------------------------------------------- one size


def bench_size(server: EmbeddedServer, n: int, ks: list[int], repeat: int, plan_repeat: int, migra: str | None,
               work: Path, pgcanon: str, env: dict[str, str], verify: bool) -> dict[str, Any]:
    from pgcanon.catalog import read_snapshot
    from pgcanon.diff import DiffOptions
    from pgcanon.plan import plan

    log = lambda msg: print(f"[N={n}] {msg}", file=sys.stderr, flush=True)  # noqa: E731
    psql = str(server.bin_dir / "psql")
    a_text = schema_a(n)
    a_sql = work / f"a{n}.sql"
    a_sql.write_text(a_text)

    def build(conninfo: str, path: Path) -> None:
        _check([psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", conninfo, "-f", str(path)])

    def build_fresh_pair(b_sql: Path) -> None:
        with scratch_database(server) as a_db, scratch_database(server) as b_db:
            build(a_db, a_sql)
            build(b_db, b_sql)
            _check([migra, "--unsafe", migra_url(a_db), migra_url(b_db)], ok=(0, 2))  # type: ignore[list-item]

    result: dict[str, Any] = {"tables": n, "ddl_bytes": len(a_text.encode()), "changes": []}
    with scratch_database(server) as a_db:
        t0 = time.perf_counter()
        build(a_db, a_sql)
        result["build_seconds"] = time.perf_counter() - t0
        log(f"A built in {result['build_seconds']:.1f}s ({len(a_text) / 1e6:.1f} MB of DDL)")
        snap_a = read_snapshot(a_db)
        for k in ks:
            log_k = lambda msg, k=k: log(f"[K={k}] {msg}")  # noqa: E731
            c_text, kinds = changes(n, k)
            b_sql = work / f"b{n}_{k}.sql"
            b_sql.write_text(a_text + c_text)
            entry: dict[str, Any] = {"changes": k, "kinds": kinds, "tools": {}}
            with scratch_database(server) as b_db:
                build(b_db, b_sql)
                snap_b = read_snapshot(b_db)
                the_plan = plan(snap_a, snap_b, DiffOptions())
                entry["statements"] = len(the_plan.statements)
                pg_out = subprocess.run([pgcanon, "diff", str(a_sql), str(b_sql), "--format", "sql"], env=env,
                                        cwd=ROOT, capture_output=True, text=True)
                entry["pgcanon_exit"] = pg_out.returncode
                (work / f"pgcanon{n}_{k}.sql").write_text(pg_out.stdout)

                # Loop variables bound as defaults: each round's tools measure that round's files.
                def pgcanon_e2e(b_sql: Path = b_sql) -> None:
                    _check([pgcanon, "diff", str(a_sql), str(b_sql), "--format", "sql"], ok=(1,), env=env)

                tools = [
                    Tool("plan", "pgcanon `plan()` from two snapshots [ms]", "ms",
                         lambda snap_b=snap_b: plan(snap_a, snap_b, DiffOptions())),
                    Tool("pgcanon", "pgcanon `diff A.sql B.sql --format sql` (end to end)", "s", pgcanon_e2e),
                ]
                if migra:
                    murl_a, murl_b = migra_url(a_db), migra_url(b_db)
                    m_out = subprocess.run([migra, "--unsafe", murl_a, murl_b], capture_output=True, text=True)
                    entry["migra_exit"] = m_out.returncode
                    (work / f"migra{n}_{k}.sql").write_text(m_out.stdout)
                    migra_tool = Tool("migra", "`migra --unsafe` on the two databases already built", "s",
                                      lambda a=murl_a, b=murl_b: _check([migra, "--unsafe", a, b], ok=(0, 2)))
                    migra_build = Tool("migra_build", "migra + building both databases (createdb, psql -f ×2, drop)",
                                       "s", lambda b_sql=b_sql: build_fresh_pair(b_sql))
                    if m_out.returncode not in (0, 2):
                        migra_tool.error = migra_build.error = (f"migra exited {m_out.returncode}: "
                                                                + m_out.stderr.strip()[-2000:])
                    tools += [migra_tool, migra_build]
                # The plan alone is cheap: more repetitions of it per round.
                for tool in tools:
                    _time(tool)
                    tool.times.clear()
                for rep in range(repeat):
                    r = rep % len(tools)
                    for tool in tools[r:] + tools[:r]:
                        for _ in range(plan_repeat if tool.key == "plan" else 1):
                            _time(tool)
                    log_k(f"round {rep + 1}/{repeat} done")
                for tool in tools:
                    if tool.error:
                        log_k(f"{tool.key} FAILED: {tool.error.splitlines()[0]}")
                entry["tools"] = {t.key: {"label": t.label, "unit": t.unit, "seconds": t.times, "error": t.error}
                                  for t in tools}
                if verify:
                    entry["verify"] = _verify(server, psql, a_sql, b_sql, work, n, k, pgcanon, env, migra is not None,
                                              log_k)
            result["changes"].append(entry)
    return result


def _verify(server: EmbeddedServer, psql: str, a_sql: Path, b_sql: Path, work: Path, n: int, k: int, pgcanon: str,
            env: dict[str, str], with_migra: bool, log: Callable[[str], None]) -> dict[str, str]:
    """Apply each tool's script to a fresh copy of A; then does pgcanon find it equal to B?"""
    out: dict[str, str] = {}
    scripts = [("pgcanon", work / f"pgcanon{n}_{k}.sql")]
    if with_migra:
        scripts.append(("migra", work / f"migra{n}_{k}.sql"))
    for name, script in scripts:
        with scratch_database(server) as copy:
            _check([psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", copy, "-f", str(a_sql)])
            proc = subprocess.run([psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", copy, "-f", str(script)],
                                  capture_output=True, text=True, cwd=ROOT)
            if proc.returncode != 0:
                out[name] = f"applied: FAILED (psql exit {proc.returncode}): {proc.stderr.strip()}"
            else:
                url = migra_url(copy).replace("postgresql+psycopg2://", "postgresql://")
                d = subprocess.run([pgcanon, "diff", url, str(b_sql)], env=env, cwd=ROOT, capture_output=True,
                                   text=True)
                if d.returncode == 0:
                    out[name] = "applied: ok; pgcanon diff: equal"
                else:
                    text = (d.stdout + d.stderr).replace(f" ({url})", "").replace(f" ({b_sql})", "")
                    report = [line.strip() for line in text.replace(url, "A+script").replace(str(b_sql), "B.sql")
                              .strip().splitlines()]
                    out[name] = (f"applied: ok; pgcanon diff: NOT equal (exit {d.returncode}), {len(report)} lines: "
                                 + " / ".join(report[:8]) + (" / …" if len(report) > 8 else ""))
        log(f"{name}: {out[name].splitlines()[0][:300]}")
    return out


# --------------------------------------------------------------------------- report


def _median(entry: dict[str, Any] | None) -> float | None:
    if not entry or entry["error"] or not entry["seconds"]:
        return None
    return statistics.median(entry["seconds"])


def _cell(entry: dict[str, Any] | None) -> str:
    if entry is None:
        return "–"
    if entry["error"] or not entry["seconds"]:
        return "error"
    scale = 1000.0 if entry["unit"] == "ms" else 1.0
    fmt = "{:.1f}" if entry["unit"] == "ms" else "{:.2f}"
    return f"{fmt.format(statistics.median(entry['seconds']) * scale)} ({fmt.format(min(entry['seconds']) * scale)})"


def _ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}" if a and b else "–"


def report(results: dict[str, Any]) -> str:
    cols = [(s, c) for s in results["sizes"] for c in s["changes"]]
    lines = [
        f"PostgreSQL {results['server_version']} (embedded); pgcanon from {results['pgcanon']}; "
        f"migra: {results['migra']}",
        f"Machine: {results['machine']}, nproc={results['nproc']}; Python {results['python']}; "
        f"{results['repeat']} interleaved rounds after 1 warm-up ({results['plan_repeat']} `plan()` calls per round); "
        "cells are median (min), seconds unless [ms]",
        "",
        "| | " + " | ".join(f"N={s['tables']}, K={c['changes']}" for s, c in cols) + " |",
        "|" + "---|" * (len(cols) + 1),
    ]
    keys = ["plan", "pgcanon", "migra", "migra_build"]
    for key in keys:
        label = next((c["tools"][key]["label"] for _, c in cols if key in c["tools"]), None)
        if label:
            lines.append(f"| {label} | " + " | ".join(_cell(c["tools"].get(key)) for _, c in cols) + " |")
    lines.append("| statements in the plan | " + " | ".join(str(c["statements"]) for _, c in cols) + " |")
    rows = [
        ("**ratio pgcanon e2e / migra alone**", "pgcanon", "migra"),
        ("**ratio pgcanon e2e / migra incl. builds**", "pgcanon", "migra_build"),
        ("ratio pgcanon `plan()` / migra alone", "plan", "migra"),
    ]
    for label, a, b in rows:
        if any(b in c["tools"] for _, c in cols):
            lines.append(f"| {label} | " + " | ".join(
                _ratio(_median(c["tools"].get(a)), _median(c["tools"].get(b))) for _, c in cols) + " |")
    lines.append("")
    for s in results["sizes"]:
        lines.append(f"N={s['tables']}: A is {s['ddl_bytes'] / 1e6:.1f} MB of DDL, built by psql in "
                     f"{s['build_seconds']:.1f}s.")
        for c in s["changes"]:
            lines.append(f"  K={c['changes']}: " + ", ".join(f"{v} {k}" for k, v in c["kinds"].items()))
            for tool in c["tools"].values():
                if tool["error"]:
                    lines.append(f"  K={c['changes']} {tool['label']} FAILED: {tool['error']}")
            for name, verdict in c.get("verify", {}).items():
                lines.append(f"  K={c['changes']} {name}'s script on a copy of A: {verdict}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="N = 1000 only")
    parser.add_argument("--sizes", help="comma-separated table counts (default 1000,5000)")
    parser.add_argument("--changes", default="10,100", help="comma-separated change counts (default 10,100)")
    parser.add_argument("--repeat", type=int, default=3, help="timed rounds per configuration (default 3)")
    parser.add_argument("--plan-repeat", type=int, default=5, help="plan() calls per round (default 5)")
    parser.add_argument("--migra", help=f"the migra executable (default {DEFAULT_MIGRA_VENV}/bin/migra, "
                        "installed there if missing)")
    parser.add_argument("--no-migra", action="store_true", help="time pgcanon only")
    parser.add_argument("--no-verify", action="store_true", help="do not apply the scripts to a copy of A")
    parser.add_argument("--external", action="store_true",
                        help="run the CLI with PGCANON_DATABASE_URL set to the embedded server (default: unset)")
    parser.add_argument("--keep", metavar="DIR", type=Path, help="write A.sql, B.sql and both scripts to DIR")
    parser.add_argument("--json", nargs="?", const="-", metavar="FILE", help="also dump raw numbers as JSON")
    parser.add_argument("--data-dir", default=".pgcanon/data", type=Path, help="embedded server data directory")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in (args.sizes or ("1000" if args.quick else "1000,5000")).split(",") if s.strip()]
    ks = [int(s) for s in args.changes.split(",") if s.strip()]

    pgcanon = shutil.which("pgcanon", path=str(Path(sys.executable).parent)) or "pgcanon"
    migra, migra_status = (None, "not run (--no-migra)") if args.no_migra else ensure_migra(args.migra)
    server = EmbeddedServer(args.data_dir.resolve())
    server.start()
    env = _pgcanon_env(server, args.external)
    results: dict[str, Any] = {
        "server_version": _server_version(server.conninfo()),
        "pgcanon": pgcanon + (" (PGCANON_DATABASE_URL = embedded server)" if args.external else ""),
        "migra": migra_status if migra is None else f"{migra_status}",
        "nproc": os.cpu_count(),
        "machine": f"{platform.system()} {platform.machine()}",
        "python": platform.python_version(),
        "repeat": args.repeat,
        "plan_repeat": args.plan_repeat,
        "sizes": [],
    }
    t0 = time.perf_counter()
    with ExitStack() as stack:
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            work = args.keep
        else:
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="pgcanon-plan-bench-")))
        for n in sizes:  # the scripts are applied at the first size only (each check builds A once more)
            results["sizes"].append(bench_size(server, n, ks, args.repeat, args.plan_repeat, migra, work, pgcanon, env,
                                               not args.no_verify and n == sizes[0]))
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
