"""``pgcanon drift``: the canonical schema against a fleet of live databases.

Each target is judged against the revision its ``alembic_version`` claims
(:mod:`~pgcanon.drift.judge`): ``ok``, ``behind``, ``drifted``, or ``error`` when it could
not be read. Modules, one idea each: :mod:`~pgcanon.drift.targets` (where targets come
from, shards), :mod:`~pgcanon.drift.read` (bounded, read-only reading),
:mod:`~pgcanon.drift.tenant` (a tenant schema seen as ``public``),
:mod:`~pgcanon.drift.judge` (the verdict), :mod:`~pgcanon.drift.model` (results as data),
:mod:`~pgcanon.drift.report` (text, JSON, GitHub annotations), :mod:`~pgcanon.drift.merge`
(shard reports into one) and :mod:`~pgcanon.drift.command` (the commands).
"""

from __future__ import annotations

from pgcanon.drift.model import Finding, Result, State
from pgcanon.drift.report import Report
from pgcanon.drift.targets import Target

__all__ = ["Finding", "Report", "Result", "State", "Target"]
