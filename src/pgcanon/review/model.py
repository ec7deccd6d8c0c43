"""The review's typed results: findings, and what each statement of a revision did on a real server.

Renderers (:mod:`pgcanon.review.render`) consume these; nothing here prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pgcanon.review.rules import Rule

#: PostgreSQL's table-level lock modes, weakest first (docs, "13.3.1. Table-Level Locks"):
#: a later mode conflicts with at least as many others as an earlier one.
LOCK_MODES = (
    "AccessShareLock",
    "RowShareLock",
    "RowExclusiveLock",
    "ShareUpdateExclusiveLock",
    "ShareLock",
    "ShareRowExclusiveLock",
    "ExclusiveLock",
    "AccessExclusiveLock",
)
LOCK_RANK = {mode: i for i, mode in enumerate(LOCK_MODES)}


@dataclass(frozen=True, slots=True)
class Lock:
    """A relation-level lock a statement took: ``public.videos`` (table) in ``ShareLock``."""

    relation: str
    kind: str  # table, index, view, sequence, … (from pg_class.relkind)
    mode: str
    #: True when the relation was created earlier in the same revision: nobody else can see it yet,
    #: so its lock blocks no one.
    new: bool = False

    def __str__(self) -> str:
        return f"{self.relation} {self.mode}" + (" (new)" if self.new else "")


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule that fired on one statement of one revision."""

    rule: Rule
    revision: str
    statement: int  # 1-based index among the revision's reported statements
    target: str  # the object it is about, e.g. "public.videos" or "public.videos.title"
    detail: str = ""  # measured evidence, e.g. "measured: rewrote public.videos"
    error: bool = True  # False: a warning (not in [tool.pgcanon.review] errors)
    accepted: str | None = None  # the reason given in the migration's pgcanon_review_accept

    @property
    def blocking(self) -> bool:
        """True when this finding makes ``pgcanon review`` exit 1."""
        return self.error and self.accepted is None

    def describe(self) -> str:
        """One line naming rule, revision, statement and object."""
        text = f"{self.rule.code}: {self.revision} #{self.statement} {self.target}: {self.rule.explanation}"
        return f"{text} ({self.detail})" if self.detail else text


@dataclass(frozen=True, slots=True)
class StatementReport:
    """What one statement did, measured on the scratch database, plus the rules it fired."""

    index: int
    sql: str
    command: str  # the parse node, e.g. "AlterTableStmt"
    #: False for statements PostgreSQL refuses inside a transaction block (CREATE INDEX CONCURRENTLY…).
    transactional: bool
    #: Whether the revision's Alembic script runs it inside BEGIN … COMMIT.
    in_transaction: bool
    locks: tuple[Lock, ...] = ()
    #: False when the locks could not be observed (a non-transactional statement that never waited).
    locks_measured: bool = True
    rewritten: tuple[str, ...] = ()  # relations whose relfilenode changed (table or index rebuilt)
    scanned: tuple[str, ...] = ()  # tables whose seq_scan count rose (pg_stat_xact_user_tables)
    validates: tuple[str, ...] = ()  # tables the statement must read to validate (from its parse tree)
    findings: tuple[Finding, ...] = ()
    #: The server's message when the statement failed (the review of the history stops there).
    error: str | None = None


@dataclass(frozen=True, slots=True)
class RevisionReport:
    """The review of one revision: its statements in order, and what it holds until COMMIT."""

    revision: str
    message: str
    down_revision: str | None
    statements: tuple[StatementReport, ...] = ()
    #: The strongest lock on each existing relation when the revision commits: held that long.
    held_until_commit: tuple[Lock, ...] = ()
    seed_notes: tuple[str, ...] = field(default=())

    @property
    def failed(self) -> bool:
        return any(s.error is not None for s in self.statements)

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for s in self.statements for f in s.findings)
