"""``schema/create_schema.sql`` from another source, by the generator: ``pgcanon diff empty SOURCE --format sql``.

The file is canonical DDL, not a migration script: the plain forms (no ``CONCURRENTLY``, no
``NOT VALID``), no ``BEGIN``/``COMMIT`` and no ``lock_timeout``. ``SET check_function_bodies = false``
stays when the plan has it, as pg_dump writes it: a SQL function's body may name a table created later.
Before the file is kept it is built like any ``schema`` and compared with its source: equal, or nothing is written.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from pgcanon.errors import ConfigError, DiffFound

if TYPE_CHECKING:
    from pgcanon.compare import Comparer
    from pgcanon.plan import Plan

#: Plan lines that belong to running a plan on a live database, not to the schema's text.
_RUN_ONLY = ("SET lock_timeout", "RESET lock_timeout", "RESET check_function_bodies")

#: Sources init refuses: one that is the file being written, and one with nothing in it.
_REFUSED = {"schema": "it is the file being written", "empty": "an empty database has no schema to write"}


def check_source(spec: str) -> None:
    """Refuse a ``--schema-from`` that cannot be the canonical DDL's origin, before anything is built."""
    if spec in _REFUSED:
        raise ConfigError(f"--schema-from {spec}: {_REFUSED[spec]}\n"
                          "  use --schema-from migrations (the head), migrations@REV, "
                          "a postgresql:// URL or a .sql file")


def render(plan: Plan, label: str) -> str:
    """The DDL text of *plan* (empty -> *label*), one statement after another, a blank line between."""
    lines = [
        f"-- Canonical DDL, written by pgcanon init from {label} (pgcanon diff empty {label} --format sql).",
        "-- From now on this file is the truth: edit it, then `pgcanon revision -m MSG` writes the migration.",
        "",
    ]
    for statement in plan.statements:
        if statement.sql.startswith(_RUN_ONLY):
            continue
        lines += [statement.sql.rstrip().rstrip(";") + ";", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def generate(comparer: Comparer, spec: str) -> tuple[str, str, int]:
    """(label, DDL text, statement count) of *spec*: the plan from an empty database to it, in the plain forms."""
    from pgcanon.diff import DiffOptions
    from pgcanon.plan import plan

    label, snapshot = comparer.snapshot(spec)
    _, empty = comparer.snapshot("empty")
    result = plan(empty, snapshot, DiffOptions(), online=False)
    if result.empty:
        raise ConfigError(f"--schema-from {spec}: {label} has no schema objects; there is nothing to write\n"
                          "  write schema/create_schema.sql by hand, or leave out --schema-from")
    kept = sum(1 for s in result.statements if not s.sql.startswith(_RUN_ONLY))
    return label, render(result, label), kept


def prove(comparer: Comparer, spec: str, label: str, text: str) -> None:
    """Build *text* as a schema and compare it with *spec*: equal, or :class:`DiffFound` with what differs."""
    from pgcanon.diff import DiffOptions

    with tempfile.TemporaryDirectory(prefix="pgcanon-init-") as tmp:
        candidate = Path(tmp, "create_schema.sql")
        candidate.write_text(text, encoding="utf-8")
        comparison = comparer.compare(str(candidate), spec, DiffOptions())
    if not comparison.equal:
        lines = "\n".join(f"  {line}" for line in comparison.lines()[:20])
        raise DiffFound(f"the DDL generated from {label} does not build the same schema; nothing was written "
                        f"(a bug in pgcanon's generator)\n{lines}", comparison.changes)
