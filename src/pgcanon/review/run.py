"""``pgcanon review``: each revision applied statement by statement to a seeded scratch database."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pgcanon import migrations
from pgcanon.review.measure import measure_revision
from pgcanon.review.offline import offline_sql, split, steps
from pgcanon.review.rules import Rule
from pgcanon.review.seed import seed
from pgcanon.review.severities import Severities, load_severities
from pgcanon.scratch import scratch_database
from pgcanon.server import connect, scratch_server

if TYPE_CHECKING:
    from pgcanon.config import Settings
    from pgcanon.review.model import RevisionReport
    from pgcanon.server import Server


def review(
    settings: Settings,
    spec: str | None = None,
    *,
    server: Server | None = None,
    severities: Severities | None = None,
) -> list[RevisionReport]:
    """Review the revisions *spec* names (see :func:`~pgcanon.review.offline.steps`), oldest first.

    A scratch database is upgraded to the revision below the first one; then, for each
    revision, every table is topped up to a few rows and the revision's offline SQL is
    applied statement by statement in one transaction, measured, and committed.

    :param spec: ``None`` (pending on DATABASE_URL, else head), ``REV`` or ``FROM:TO``.
    :param server: where to make the scratch database (default: the project's server).
    :param severities: error/ignore sets (default: ``[tool.pgcanon.review]``).
    :raises MigrationError: an unknown revision, a bad acceptance, or a statement that fails.
    """
    todo = steps(settings, spec)
    if not todo:
        return []
    severities = severities or load_severities(settings)
    planned = []
    for step in todo:
        for rule in Rule:  # check each migration's acceptances before any work
            severities.accepted(step, rule)
        planned.append((step, split(offline_sql(settings, step), step.revision)))
    server = server or scratch_server(settings)
    reports = []
    with scratch_database(server) as conninfo:
        if todo[0].down is not None:
            migrations.upgrade(settings, conninfo, todo[0].down)
        with connect(conninfo, what=server.describe(), autocommit=True) as conn:
            for step, statements in planned:
                notes = seed(conn)
                reports.append(measure_revision(conn, step, statements, severities, notes))
                if reports[-1].failed:
                    break  # later revisions would start from the wrong state
    return reports
