"""The migration plan: from two snapshots, the DDL that turns one into the other.

``plan(old, new, options, online=True) -> Plan``; a :class:`Plan` is data (statements with what they
do, their hazards, and whether they may run in a transaction), rendered by :mod:`pgcanon.render.sql`
as a psql script, by :mod:`pgcanon.render.plan_json` as JSON, and by :mod:`pgcanon.revision` as an
Alembic revision.
"""

from __future__ import annotations

from pgcanon.plan.generate import plan
from pgcanon.plan.statement import Plan, Statement

__all__ = ["Plan", "Statement", "plan"]
