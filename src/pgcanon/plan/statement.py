"""A plan is data: statements, each with what it does, its hazards and whether it may run in a transaction.

Renderers (:mod:`pgcanon.render.sql`, :mod:`pgcanon.render.plan_json`, the Alembic revision writer)
turn the same :class:`Plan` into a psql script, a JSON document or an Alembic revision.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pgcanon.diff.changes import Hazard


@dataclass(frozen=True, slots=True)
class Statement:
    """One SQL statement of a plan.

    ``about`` says in one line what it does (``add column public.videos.rating``);
    ``transactional`` is False for what PostgreSQL refuses inside a transaction block
    (``CREATE INDEX CONCURRENTLY``) or what must commit before later statements may use it
    (``ALTER TYPE … ADD VALUE``).
    """

    sql: str
    about: str
    hazards: tuple[Hazard, ...] = ()
    transactional: bool = True

    @property
    def deletes_data(self) -> bool:
        return Hazard.DELETES_DATA in self.hazards


@dataclass(frozen=True, slots=True)
class Plan:
    """The statements that turn the old schema into the new one, in the order they must run."""

    statements: tuple[Statement, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def empty(self) -> bool:
        return not self.statements

    def data_loss(self) -> tuple[Statement, ...]:
        """The statements that delete data (a dropped table, column, type, label, or a narrowed type)."""
        return tuple(s for s in self.statements if s.deletes_data)
