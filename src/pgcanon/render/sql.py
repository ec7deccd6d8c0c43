"""The plan as a psql script: ``psql -v ON_ERROR_STOP=1 -f plan.sql`` runs it as it is.

Statements that may run in a transaction are grouped in ``BEGIN … COMMIT`` blocks, so a failure
leaves the database as it was before the block; the others (``CREATE INDEX CONCURRENTLY``,
``ALTER TYPE … ADD VALUE``) run on their own between blocks. Above each statement, what it does
and its hazards.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pgcanon.plan import Plan, Statement

_SESSION = ("SET lock_timeout", "RESET lock_timeout", "SET check_function_bodies", "RESET check_function_bodies")


def comment_lines(s: Statement) -> list[str]:
    """``-- what it does [hazards]``, one line."""
    line = f"-- {s.about}"
    if s.hazards:
        line += " [" + ", ".join(h.value for h in s.hazards) + "]"
    if not s.transactional:
        line += " (runs outside a transaction)"
    return [line]


def render(plan: Plan, old_label: str, new_label: str, *, notes: Sequence[str] = ()) -> str:
    """The script turning *old_label* into *new_label*; a comment alone when there is nothing to do.

    :param notes: said as comments under the first line (what the plan leaves out, e.g. kinds not compared).
    """
    said = [f"-- {note}: not in this plan" for note in notes]
    if plan.empty:
        return "\n".join([f"-- {old_label} and {new_label} are identical: nothing to do", *said]) + "\n"
    out = [f"-- pgcanon plan: {old_label} -> {new_label}, {len(plan.statements)} statements", *said, ""]
    in_block = False
    for s in plan.statements:
        session = s.sql.startswith(_SESSION)
        wants_block = s.transactional and not session
        if in_block and not wants_block:
            out += ["COMMIT;", ""]
            in_block = False
        if wants_block and not in_block:
            out.append("BEGIN;")
            in_block = True
        out += comment_lines(s)
        out.append(s.sql.rstrip() + ";")
        if not in_block:
            out.append("")
    if in_block:
        out.append("COMMIT;")
    return "\n".join(out).rstrip("\n") + "\n"


def render_json(plan: Plan, old_label: str, new_label: str) -> dict[str, object]:
    """The plan as data: ``{"old", "new", "statements": [{"sql", "about", "hazards", "transactional"}]}``."""
    return {
        "old": old_label,
        "new": new_label,
        "equal": plan.empty,
        "statements": [
            {"sql": s.sql, "about": s.about, "hazards": [h.name for h in s.hazards], "transactional": s.transactional}
            for s in plan.statements
        ],
    }
