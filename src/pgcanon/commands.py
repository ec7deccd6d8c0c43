"""What the CLI runs: plain typed functions, each docstring's first line is its ``--help`` text.

They raise :class:`~pgcanon.errors.PgcanonError` on bad input and write their
report to the ``out`` stream they are given, so tests call them in-process.
"""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING, TextIO

import psycopg
from psycopg import sql

from pgcanon.config import redact
from pgcanon.errors import EXIT_DIFF, EXIT_OK, ConfigError, PgcanonError, ServerError
from pgcanon.server import EmbeddedServer, Server, connect, resolve_server, wait_until_ready

# Each command imports what it needs when it runs: comparing sources needs pglast, and the
# migrations need Alembic and SQLAlchemy (0.65 s), which `pgcanon server url` and `--help` never use.
if TYPE_CHECKING:
    from pgcanon.cache import CheckCache
    from pgcanon.compare import Comparer
    from pgcanon.comparison import Comparison
    from pgcanon.config import Settings
    from pgcanon.diff import DiffOptions
    from pgcanon.migrations import Revision


def server_start(settings: Settings, out: TextIO) -> None:
    """Start the embedded dev server (initialising it on first use)."""
    server = _embedded(settings)
    was_running = server.running()
    server.start()
    out.write(f"{'already running' if was_running else 'started'}: {server.describe()}\n")


def server_stop(settings: Settings, out: TextIO) -> None:
    """Stop the embedded dev server, and the scratch cluster when it runs."""
    server = _embedded(settings)
    out.write(("stopped: " if server.stop() else "not running: ") + server.describe() + "\n")
    for scratch in _scratch_clusters(settings):
        if scratch.stop():
            out.write(f"stopped: {scratch.describe()}\n")


def server_status(settings: Settings, out: TextIO) -> bool:
    """Say whether the embedded dev server runs; returns that answer."""
    server = _embedded(settings)
    running = server.running()
    out.write(f"{'running' if running else 'stopped'}: {server.describe()}\n")
    for scratch in _scratch_clusters(settings):
        if scratch.running():
            out.write(f"running: {scratch.describe()} (scratch databases; started when a command needs it)\n")
    return running


def server_url(settings: Settings, out: TextIO) -> None:
    """Print the dev database's URL (for psql, or DATABASE_URL in another shell).

    The database it names exists: the dev database is created when the server runs; when it does
    not run, the URL names ``postgres``, which ``pgcanon server start`` makes.
    """
    server = _embedded(settings)
    if not server.running():
        out.write(server.url("postgres") + "\n")
        return
    dev_database(settings)
    out.write(server.url(settings.dev_database) + "\n")


def _embedded(settings: Settings) -> EmbeddedServer:
    if settings.database_url is not None:
        # The server commands manage the embedded server only; say so instead of doing something surprising.
        raise ServerError(
            "DATABASE_URL (or PGHOST/PGPORT) is set: pgcanon uses that server and manages no embedded one\n"
            "  unset it to use the embedded dev server"
        )
    return EmbeddedServer(settings.data_dir)


def _scratch_clusters(settings: Settings) -> list[EmbeddedServer]:
    """Every scratch cluster of the project: ``.pgcanon/scratch``, and ``scratch-N`` of each server_version used."""
    found = sorted(p for p in settings.data_dir.parent.glob("scratch*") if (p / "PG_VERSION").is_file())
    return [EmbeddedServer(p, disposable=True) for p in found]


def dev_database(settings: Settings, err: TextIO | None = None) -> tuple[Server, str]:
    """The database ``migrate`` works on, and its server: DATABASE_URL's, or the embedded dev database."""
    server = resolve_server(settings)
    if settings.database_url is not None:
        conninfo = server.conninfo()

        def tell(message: str) -> None:
            if err is not None:
                err.write(message + "\n")
                err.flush()

        wait_until_ready(conninfo, what=server.describe(), timeout=settings.connect_timeout, on_wait=tell)
        return server, conninfo
    with connect(server.conninfo(), what=server.describe(), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [settings.dev_database]).fetchone()
        if not exists:
            try:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(settings.dev_database)))
            except psycopg.errors.DuplicateDatabase:
                pass  # another migrate created it a moment ago
    return server, server.conninfo(settings.dev_database)


def migrate(
    settings: Settings, out: TextIO, *, revision: str = "head", fmt: str = "text", err: TextIO | None = None
) -> list[Revision]:
    """Upgrade DATABASE_URL, or the embedded dev database, to head (or REVISION).

    Holds a PostgreSQL advisory lock for the whole run, so containers that start
    together apply each revision once: the others wait, then find nothing to do.
    With ``--format json`` it prints ``{"database", "applied": [{"id", "message"}], "current"}``.

    :param err: where it says what it waits for (a server starting, another migrate's lock);
        kept out of *out*, which holds the report (JSON with ``--format json``). None: not said.
    """
    from pgcanon import migrations

    server, conninfo = dev_database(settings, err)
    with connect(conninfo, what=server.describe(), autocommit=True) as lock:
        got = lock.execute("SELECT pg_try_advisory_lock(%s)", [migrations.MIGRATE_LOCK_KEY]).fetchone()
        if not (got and got[0]):
            if err is not None:
                err.write("another migrate holds the lock; waiting for it to finish\n")
                err.flush()
            lock.execute("SELECT pg_advisory_lock(%s)", [migrations.MIGRATE_LOCK_KEY])
        applied = migrations.upgrade(settings, conninfo, revision)
    where = server.describe() if settings.database_url is not None else (
        f"{server.describe()}, database {settings.dev_database}"
    )
    if fmt == "json":
        current = applied[-1].id if applied else migrations.resolve_revision(settings, revision)
        doc = {"database": where, "applied": [{"id": r.id, "message": r.message} for r in applied],
               "current": current}
        out.write(json.dumps(doc, indent=2) + "\n")
        return applied
    for rev in applied:
        out.write(f"applied {rev}\n")
    if applied:
        out.write(f"{where}: upgraded to {applied[-1].id}\n")
    else:
        out.write(f"{where}: already at {revision}, nothing to apply\n")
    return applied


def _report(comparisons: list[Comparison], out: TextIO, fmt: str, color: bool) -> None:
    from pgcanon.render import json as render_json
    from pgcanon.render import text as render_text

    if fmt == "json":
        docs = [render_json.render(c.changes, c.old_label, c.new_label, describe=c.describe, notes=c.notes,
                                   not_compared=c.not_compared)
                for c in comparisons]
        out.write(docs[0] if len(docs) == 1 else "[\n" + ",\n".join(d.rstrip() for d in docs) + "\n]\n")
        return
    for c in comparisons:
        for note in c.notes:
            out.write(f"  {note}\n")
        if not c.equal:
            out.write(render_text.render(c.changes, c.old_label, c.new_label, color=color, describe=c.describe))


def _plan(comparer: Comparer, out: TextIO, old: str, new: str, options: DiffOptions, *, fmt: str,
          online: bool) -> int:
    """The SQL that turns OLD into NEW (exit 1 when there is any), or the same plan as JSON."""
    from pgcanon.diff import uncompared
    from pgcanon.plan import plan
    from pgcanon.render import sql as render_sql

    old_label, old_snap = comparer.snapshot(old)
    new_label, new_snap = comparer.snapshot(new)
    # objects of kinds no snapshot models are not in the plan either: the script says so (or, strict, refuses)
    skipped, notes = uncompared.noted(old_snap, new_snap, options, old_label, new_label)
    result = plan(old_snap, new_snap, options, online=online)
    if fmt == "sql-json":
        doc = render_sql.render_json(result, old_label, new_label)
        if skipped:
            doc["not_compared"] = [{"kind": kind, "old": a, "new": b} for kind, a, b in skipped]
        out.write(json.dumps(doc, indent=2) + "\n")
    else:
        out.write(render_sql.render(result, old_label, new_label, notes=notes))
    return EXIT_DIFF if result.statements else EXIT_OK


def diff(
    settings: Settings,
    out: TextIO,
    *,
    old: str,
    new: str,
    options: DiffOptions,
    roles: tuple[str, ...] = (),
    fmt: str = "text",
    color: bool = False,
    online: bool = True,
) -> int:
    """Compare two sources (schema, a .sql file or dir, migrations[@REV], orm[:module], empty, a URL)."""
    from pgcanon.compare import Comparer

    if fmt in ("sql", "sql-json"):
        return _plan(Comparer(settings, roles), out, old, new, settings.diff_options(options), fmt=fmt, online=online)
    comparison = Comparer(settings, roles).compare(old, new, settings.diff_options(options))
    if fmt == "github":
        from pgcanon.render import github

        out.writelines(line + "\n" for line in github.comparisons([comparison]))
        fmt = "text"  # then the report, for the log
    if fmt == "text" and comparison.equal:
        out.write(f"{comparison.old_label} and {comparison.new_label} are identical\n")
        for note in comparison.notes:
            out.write(f"  {note}\n")
    else:
        _report([comparison], out, fmt, color)
    return EXIT_OK if comparison.equal else EXIT_DIFF


def check(
    settings: Settings,
    out: TextIO,
    *,
    options: DiffOptions,
    roles: tuple[str, ...] = (),
    fmt: str = "text",
    color: bool = False,
    no_cache: bool = False,
) -> int:
    """Run every comparison the project declares must be empty; exit 1 on any difference.

    An outcome is reused while nothing it was built from has changed (:mod:`pgcanon.cache`);
    *no_cache* builds everything again.
    """
    if not settings.checks:
        raise ConfigError(
            "nothing to check: pyproject.toml [tool.pgcanon] sets neither schema nor orm, and no checks\n"
            '  add checks = ["schema = migrations@head"] (or schema = / orm =)'
        )
    from pgcanon.cache import CheckCache
    from pgcanon.compare import Comparer, autogenerate_base

    options = settings.diff_options(options)
    cache = None if no_cache else CheckCache.open(settings, options, roles)
    # Each entry read once: a check answered from the cache is not built, whatever the cache holds later.
    cached = {e: cache.get(e) if cache is not None else None for e in settings.checks}
    # Every source the checks not answered from the cache compare, built at the same time.
    missing = [e for e in settings.checks if e != "autogenerate" and cached[e] is None]
    specs = [side.strip() for e in missing for side in e.split("=")]
    # Autogenerate runs on the canonical DDL's build, once the comparisons have read it, not on a build of its own.
    autogenerate_pending = "autogenerate" in cached and cached["autogenerate"] is None
    keep = {autogenerate_base(settings)} & set(specs) if autogenerate_pending else set()
    comparer = Comparer(settings, roles, keep=frozenset(keep))
    try:
        comparer.snapshots(*specs, quiet=True)
        return _checks(settings, comparer, cached, cache, out, options, fmt=fmt, color=color)
    finally:
        comparer.close()


def _checks(settings: Settings, comparer: Comparer, cached: dict[str, Comparison | None], cache: CheckCache | None,
            out: TextIO, options: DiffOptions, *, fmt: str, color: bool) -> int:
    """The checks of :func:`check`, their sources built: each compared (or taken from the cache) and reported."""
    annotate = fmt == "github"
    fmt = "text" if annotate else fmt
    results: list[Comparison] = []
    failed: list[tuple[str, PgcanonError]] = []
    for entry in settings.checks:
        # One check's bad configuration is that check's error line; the others still run and print.
        try:
            found = cached[entry]
            if found is None:
                if entry == "autogenerate":
                    found = comparer.autogenerate()
                else:
                    old, new = (side.strip() for side in entry.split("="))
                    found = comparer.compare(old, new, options)
                if cache is not None:
                    cache.put(entry, found)
            results.append(found)
        except PgcanonError as exc:
            failed.append((entry, exc))
            if fmt == "text":
                out.write(f"ERROR {entry}: {redact(str(exc)).splitlines()[0]}\n")
    if annotate:
        from pgcanon.render import github

        out.writelines(line + "\n" for line in github.comparisons(results))
        out.writelines(github.annotation("error", f"{entry}: {redact(str(exc)).splitlines()[0]}",
                                         title="pgcanon check could not run") + "\n" for entry, exc in failed)
    if fmt == "text":
        # Each comparison's differences under its own summary line, so a reader sees which check they belong to.
        for c in results:
            verdict = "ok  " if c.equal else "FAIL"
            detail = "" if c.equal else f": {len(c.changes)} difference{'s' if len(c.changes) != 1 else ''}"
            out.write(f"{verdict} {c.old_label} = {c.new_label}{detail}\n")
            buf = io.StringIO()
            _report([c], buf, fmt, color)
            out.write("".join(f"  {line}\n" if not line.startswith("  ") else f"{line}\n"
                              for line in buf.getvalue().splitlines()))
    elif results:
        _report(results, out, fmt, color)
    if failed:
        if len(failed) == 1 and len(settings.checks) == 1:
            raise failed[0][1]
        raise PgcanonError(f"{len(failed)} of {len(settings.checks)} checks could not run: "
                           + "; ".join(entry for entry, _ in failed)
                           + "".join(f"\n{entry}: {exc}" for entry, exc in failed))
    return EXIT_OK if all(c.equal for c in results) else EXIT_DIFF
