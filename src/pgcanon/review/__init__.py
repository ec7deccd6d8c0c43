"""Review migrations before they run: the SQL each revision sends, and what it does on a real server.

* :func:`offline_sql` — a revision's SQL from Alembic's offline mode (``pgcanon sql``).
* :func:`review` — each revision applied statement by statement to a seeded scratch
  database, with the locks, rewrites and scans PostgreSQL reports, and the
  :class:`~pgcanon.review.rules.Rule` findings (``pgcanon review``).

The names below are imported from their modules when first used (PEP 562), so the CLI can load
``pgcanon.review.commands`` for its ``--help`` without pglast, Alembic or SQLAlchemy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pgcanon.review.model import Finding, Lock, RevisionReport, StatementReport
    from pgcanon.review.offline import Step, offline_sql, steps
    from pgcanon.review.rules import Hazard, Rule
    from pgcanon.review.run import review
    from pgcanon.review.severities import Severities

#: Each public name and the module that defines it.
_HOMES = {
    "Finding": "model", "Lock": "model", "RevisionReport": "model", "StatementReport": "model",
    "Step": "offline", "offline_sql": "offline", "steps": "offline",
    "Hazard": "rules", "Rule": "rules",
    "review": "run",
    "Severities": "severities",
}

__all__ = [
    "Finding", "Hazard", "Lock", "RevisionReport", "Rule", "Severities", "StatementReport", "Step",
    "offline_sql", "review", "steps",
]


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
