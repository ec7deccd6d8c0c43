"""The plan under construction: statements collected per phase, then read out in phase order.

Phases put statements in an order PostgreSQL's dependencies allow: what others depend on is
created before them and dropped after them (schemas and types before tables, functions before the
defaults, checks and triggers that call them, unique keys before the foreign keys that reference
them, views after what they select from; the reverse for drops).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pgcanon.diff.changes import Hazard
from pgcanon.plan.statement import Plan, Statement

if TYPE_CHECKING:
    from pgcanon.catalog.model import Snapshot
    from pgcanon.diff import DiffOptions

PHASES = (
    "schemas",        # CREATE SCHEMA, CREATE/ALTER EXTENSION
    "drop_publications",  # publications that go, or stop publishing what may go (tables, columns, schemas)
    "drop_foreign_keys",  # foreign keys that go or are rebuilt, before the keys they reference
    "drop_dependents",  # views, triggers, policies, constraints, indexes that go or are rebuilt
    "types",          # collations, text search objects, enums, ranges, domains, composite types, sequences
    "functions",      # functions and procedures (bodies are not checked: check_function_bodies = off)
    "tables",         # CREATE TABLE, ALTER TABLE … columns
    "keys",           # primary keys, unique, check and exclusion constraints
    "indexes",        # indexes of tables
    "attach",         # partitions attached, sequences OWNED BY
    "foreign_keys",   # foreign keys, after the keys they reference
    "views",          # views and materialized views, in dependency order, and their indexes
    "triggers",       # triggers and policies
    "publications",   # publications, after the tables, columns and schemas they name
    "drops",          # what the new schema no longer has, dependents first
    "drop_schemas",   # schemas last: DROP SCHEMA (no CASCADE) refuses while anything is left in them
    "finish",         # comments and privileges
)

_EXCLUSIVE = (Hazard.TAKES_ACCESS_EXCLUSIVE_LOCK,)


@dataclass
class Builder:
    """Collects :class:`Statement` objects per phase; ``problems`` are the changes DDL cannot make."""

    old: Snapshot
    new: Snapshot
    options: DiffOptions
    online: bool = True
    phases: dict[str, list[Statement]] = field(default_factory=lambda: {p: [] for p in PHASES})
    problems: list[str] = field(default_factory=list)

    def add(self, phase: str, text: str, about: str, hazards: tuple[Hazard, ...] = (), *,
            transactional: bool = True) -> None:
        self.phases[phase].append(Statement(text, about, hazards, transactional))

    def problem(self, message: str) -> None:
        self.problems.append(message)

    def plan(self) -> Plan:
        statements = [s for p in PHASES for s in self.phases[p]]
        if not statements:
            return Plan()
        head: list[Statement] = []
        tail: list[Statement] = []
        if any(s.sql.startswith(("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", "CREATE PROCEDURE",
                                 "CREATE OR REPLACE PROCEDURE")) for s in statements):
            # As pg_dump does: a SQL function's body may name a table created later in the plan.
            head.append(Statement("SET check_function_bodies = false", "do not check function bodies yet"))
            tail.append(Statement("RESET check_function_bodies", "check function bodies again"))
        if self.online and any(Hazard.TAKES_ACCESS_EXCLUSIVE_LOCK in s.hazards for s in statements):
            # Behind a long transaction, a statement waiting for ACCESS EXCLUSIVE blocks every reader
            # queued after it: fail fast instead, and retry.
            head.append(Statement("SET lock_timeout = '5s'", "give up on a lock after 5 seconds"))
            tail.append(Statement("RESET lock_timeout", "back to the server's lock timeout"))
        return Plan(tuple(head + statements + tail))


def exclusive() -> tuple[Hazard, ...]:
    return _EXCLUSIVE
