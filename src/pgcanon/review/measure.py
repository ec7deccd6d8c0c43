"""Run a revision statement by statement on a scratch database and measure what each one did.

For each statement, from the server itself:

* **locks**: ``pg_locks`` rows of our backend (``locktype = 'relation'``) after the statement
  minus those before. Locks are held until the transaction ends, so a statement reports
  only the locks it *added*; a mode already held from an earlier statement is not repeated.
* **rewrites**: ``pg_class.relfilenode`` of every relation of ours, before and after;
  PostgreSQL writes a new file (new relfilenode) whenever it rewrites a table or rebuilds an index.
* **scans**: ``pg_stat_xact_user_tables.seq_scan``, which counts this transaction's sequential
  scans before they are flushed to ``pg_stat_user_tables`` (validation, rewrites and index
  builds read the table this way).

Statements PostgreSQL refuses in a transaction block (CREATE INDEX CONCURRENTLY…) run on
their own, as Alembic's ``autocommit_block`` would. Their locks cannot be read from inside;
a second connection holds ROW EXCLUSIVE on the table so that the concurrent build, which
waits for every writer before it finishes, pauses, and reads the locks it holds meanwhile.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import psycopg
from pglast import ast
from psycopg import sql
from psycopg.conninfo import make_conninfo
from psycopg.rows import class_row

from pgcanon.packaged import load_query
from pgcanon.review import rules
from pgcanon.review.model import LOCK_RANK, Finding, Lock, RevisionReport, StatementReport

if TYPE_CHECKING:
    from psycopg import Connection

    from pgcanon.review.offline import Statement, Step
    from pgcanon.review.severities import Severities

#: How long a non-transactional statement may take to reach its wait before we stop looking.
WAIT_FOR_PAUSE = 10.0


@dataclass(frozen=True)
class Relation:
    """A relation of ours (queries/relations.sql)."""

    oid: int
    name: str
    kind: str
    relfilenode: int


class Probe:
    """Reads the scratch database's state; doubles as the rules' :class:`~pgcanon.review.rules.Context`."""

    def __init__(self, conn: Connection, before_revision: dict[int, Relation]) -> None:
        self.conn = conn
        self.server_version = conn.info.server_version
        self.before_revision = before_revision

    def relations(self) -> dict[int, Relation]:
        with self.conn.cursor(row_factory=class_row(Relation)) as cur:
            return {r.oid: r for r in cur.execute(load_query("pgcanon.review", "relations.sql"))}

    def locks(self, pid: int | None = None) -> set[tuple[int, str]]:
        rows = self.conn.execute(
            "SELECT relation::oid, mode FROM pg_locks"
            " WHERE pid = coalesce(%s, pg_backend_pid()) AND locktype = 'relation' AND granted",
            [pid],
        ).fetchall()
        return {(r[0], r[1]) for r in rows}

    def scans(self) -> dict[int, int]:
        return dict(self.conn.execute("SELECT relid::oid, seq_scan FROM pg_stat_xact_user_tables").fetchall())

    def oid_of(self, names: tuple[str, ...]) -> int | None:
        # to_regclass follows search_path like the statement will, and takes no lock.
        text = sql.Identifier(*names).as_string(self.conn)
        row = self.conn.execute("SELECT to_regclass(%s)::oid", [text]).fetchone()
        return row[0] if row else None

    def existing(self, names: tuple[str, ...]) -> str | None:
        oid = self.oid_of(names)
        rel = self.before_revision.get(oid) if oid is not None else None
        return rel.name if rel is not None else None

    def volatile(self, names: tuple[str, ...]) -> bool:
        schema = names[0] if len(names) > 1 else None
        row = self.conn.execute(
            "SELECT coalesce(bool_or(p.provolatile = 'v'), false) FROM pg_proc AS p"
            " WHERE p.proname = %s AND (%s::text IS NULL OR p.pronamespace::regnamespace::text = %s)",
            [names[-1], schema, schema],
        ).fetchone()
        return bool(row and row[0])


def measure_revision(conn: Connection, step: Step, statements: list[Statement], severities: Severities,
                     seed_notes: list[str]) -> RevisionReport:
    """Apply *statements* (the revision's offline SQL) on *conn*, measuring each; commit at the end.

    *conn* is an autocommit connection to a scratch database at ``step.down``.

    A failing statement ends the revision: it is reported (rule statement-failed) and rolled back.
    """
    probe = Probe(conn, {})
    probe.before_revision = probe.relations()
    reports: list[StatementReport] = []
    held: dict[str, Lock] = {}
    conn.execute("BEGIN")
    try:
        for stmt in statements:
            if stmt.bookkeeping:
                conn.execute(stmt.sql)
                continue
            report = _measure_statement(probe, step, stmt, len(reports) + 1, severities)
            reports.append(report)
            if report.error is not None:
                break  # the revision would roll back here: the rest cannot be measured
            for lock in report.locks:
                old = held.get(lock.relation)
                if report.transactional and not lock.new and (
                    old is None or LOCK_RANK[lock.mode] > LOCK_RANK[old.mode]
                ):
                    held[lock.relation] = lock
        conn.execute("ROLLBACK" if reports and reports[-1].error is not None else "COMMIT")
    except BaseException:
        if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            conn.execute("ROLLBACK")
        raise
    return RevisionReport(
        revision=step.revision,
        message=step.message,
        down_revision=step.down,
        statements=tuple(reports),
        held_until_commit=tuple(sorted(held.values(), key=lambda lk: lk.relation)),
        seed_notes=tuple(seed_notes),
    )


def _measure_statement(
    probe: Probe, step: Step, stmt: Statement, index: int, severities: Severities,
) -> StatementReport:
    conn = probe.conn
    hits = rules.check(stmt, probe)
    validates = rules.validates(stmt.node, probe)
    before = probe.relations()
    transactional = rules.transactional(stmt.node, probe.server_version)
    measured = True
    error = None
    new_locks: set[tuple[int, str]] = set()
    scanned: list[int] = []
    try:
        if transactional:
            locks_before, scans_before = probe.locks(), probe.scans()
            conn.execute("SAVEPOINT pgcanon_review")
            conn.execute(stmt.sql)
            new_locks = probe.locks() - locks_before
            scans_after = probe.scans()
            scanned = [oid for oid, n in scans_after.items() if n > scans_before.get(oid, 0)]
        else:
            conn.execute("COMMIT")
            new_locks, measured = _run_outside(probe, stmt)
            conn.execute("BEGIN")
    except psycopg.Error as exc:
        error = str(exc).splitlines()[0]
        if conn.info.transaction_status == psycopg.pq.TransactionStatus.INERROR:
            conn.execute("ROLLBACK TO SAVEPOINT pgcanon_review")
        else:
            conn.execute("BEGIN")
        hits.append(rules.Hit(rules.Rule.STATEMENT_FAILED, f"{step.revision} #{index}"))
    after = probe.relations()
    names = {**after, **before}  # a dropped relation keeps the name it had
    locks = _named(new_locks, names, probe.before_revision)
    rewritten = tuple(sorted(
        before[oid].name for oid in before.keys() & after.keys()
        if before[oid].relfilenode and before[oid].relfilenode != after[oid].relfilenode
        and oid in probe.before_revision
    ))
    scanned_names = tuple(sorted(names[oid].name for oid in scanned if oid in probe.before_revision))
    if rewritten and not any(rules.Hazard.REWRITES_TABLE in h.rule.hazards for h in hits):
        hits.append(rules.Hit(rules.Rule.REWRITES_TABLE, ", ".join(rewritten)))
    findings = tuple(
        Finding(rule=h.rule, revision=step.revision, statement=index, target=h.target,
                detail=(error or "") if h.rule is rules.Rule.STATEMENT_FAILED else
                _evidence(h.rule, rewritten, scanned_names, locks, measured),
                error=severities.is_error(h.rule), accepted=severities.accepted(step, h.rule))
        for h in hits if not severities.ignored(h.rule)
    )
    return StatementReport(
        index=index, sql=stmt.sql, command=stmt.command, transactional=transactional,
        in_transaction=stmt.in_transaction, locks=locks, locks_measured=measured, rewritten=rewritten,
        scanned=scanned_names, validates=validates, findings=findings, error=error,
    )


def _named(
    new_locks: set[tuple[int, str]], names: dict[int, Relation], before: dict[int, Relation]
) -> tuple[Lock, ...]:
    out = []
    for oid, mode in new_locks:
        rel = names.get(oid)
        if rel is None:
            continue  # a catalog relation our own probe queries touched
        out.append(Lock(relation=rel.name, kind=rel.kind, mode=mode, new=oid not in before))
    return tuple(sorted(out, key=lambda lk: (lk.relation, LOCK_RANK.get(lk.mode, 99))))


def _evidence(rule: rules.Rule, rewritten: tuple[str, ...], scanned: tuple[str, ...],
              locks: tuple[Lock, ...], measured: bool) -> str:
    parts = []
    if rules.Hazard.REWRITES_TABLE in rule.hazards and rule is not rules.Rule.REWRITES_TABLE:
        parts.append("measured: rewrote " + ", ".join(rewritten) if rewritten else "measured: no rewrite")
    if rules.Hazard.VALIDATES_DATA in rule.hazards and scanned:
        parts.append("measured: seq scan of " + ", ".join(scanned))
    strongest = max((lk for lk in locks if not lk.new), key=lambda lk: LOCK_RANK[lk.mode], default=None)
    if strongest is not None and measured:
        parts.append(f"lock: {strongest}")
    return "; ".join(parts)


def _run_outside(probe: Probe, stmt: Statement) -> tuple[set[tuple[int, str]], bool]:
    """Run a non-transactional statement; read its locks while a held writer lock makes it wait."""
    conn = probe.conn
    table = _blocking_target(probe, stmt.node)
    if table is None:
        conn.execute(stmt.sql)
        return set(), False
    pid = conn.info.backend_pid
    failure: list[BaseException] = []

    def run() -> None:
        try:
            conn.execute(stmt.sql)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            failure.append(exc)

    with psycopg.connect(_same_login(conn)) as monitor:
        monitor.execute(sql.SQL("LOCK TABLE {} IN ROW EXCLUSIVE MODE").format(sql.SQL(table)))
        worker = threading.Thread(target=run, daemon=True)
        worker.start()
        seen: set[tuple[int, str]] = set()
        paused = False
        deadline = time.monotonic() + WAIT_FOR_PAUSE
        while worker.is_alive() and time.monotonic() < deadline:
            rows = monitor.execute(
                "SELECT relation::oid, mode, granted FROM pg_locks WHERE pid = %s", [pid]
            ).fetchall()
            seen |= {(r[0], r[1]) for r in rows if r[2] and r[0] is not None}
            if any(not r[2] for r in rows):
                paused = True
                break
            time.sleep(0.01)
        monitor.rollback()  # release the writer: the statement finishes
    worker.join()
    if failure:
        raise failure[0]
    return seen, paused


def _same_login(conn: Connection) -> str:
    """A conninfo that logs in as *conn* did.

    ``conn.info.dsn`` leaves the password out, so it is added back, by ``make_conninfo``: libpq
    quotes a conninfo value with ``\\'`` and ``\\\\``, not with SQL's doubled quote or ``E''``.
    """
    pw = conn.info.password
    return make_conninfo(conn.info.dsn, password=pw) if pw else conn.info.dsn


def _blocking_target(probe: Probe, node: Any) -> str | None:
    """The table a concurrent index statement waits on (its writers), as a quoted qualified name."""
    oid = None
    if isinstance(node, (ast.IndexStmt, ast.ReindexStmt)) and node.relation is not None:
        oid = probe.oid_of(rules._names(node.relation))
    elif isinstance(node, ast.DropStmt) and node.objects:
        oid = probe.oid_of(rules._strings(node.objects[0]))
    if oid is None:
        return None
    row = probe.conn.execute(
        "SELECT coalesce((SELECT indrelid FROM pg_index WHERE indexrelid = %s), %s)::regclass::text", [oid, oid]
    ).fetchone()
    return row[0] if row else None
