"""The ``pgcanon sql`` and ``pgcanon review`` commands: typed functions; the docstring's first line is ``--help``.

REV is ``[FROM:]TO``: ``TO`` alone is that one revision, ``FROM:TO`` every revision after
FROM (``base`` allowed) up to TO; no REV means the revisions not yet applied to
``DATABASE_URL``, or the head revision alone when none is set.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from pgcanon.errors import EXIT_DIFF, EXIT_OK, ConfigError

if TYPE_CHECKING:
    from pgcanon.config import Settings
    from pgcanon.review.model import RevisionReport

FORMATS = ("text", "json", "github")


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ConfigError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")


def sql(settings: Settings, out: TextIO, *, target: str | None = None, fmt: str = "text") -> int:
    """Print the SQL each pending revision will run (Alembic offline mode), formatted for reading.

    :param target: ``[FROM:]TO``; None: pending on DATABASE_URL, else the head revision.
    :raises MigrationError: an unknown revision (exit 2).
    """
    from pgcanon.review import offline, render  # pglast and Alembic: loaded by these commands only

    _check_format(fmt)
    blocks = []
    for step in offline.steps(settings, target):
        raw = offline.offline_sql(settings, step)
        blocks.append((step, offline.prettify(raw), raw))
    if fmt == "json":
        out.write(render.sql_json(blocks) + "\n")
    elif not blocks:
        out.write("-- nothing to apply\n")
    else:
        out.write(render.sql_text(blocks))
    return EXIT_OK


def review(settings: Settings, out: TextIO, *, revision: str | None = None, fmt: str = "text") -> int:
    """Apply pending revisions on a seeded scratch database; report locks, rewrites, scans and rule findings.

    Exit 1 when a finding of a rule in ``[tool.pgcanon.review] errors`` (default: every rule)
    fires and the migration does not accept it in ``pgcanon_review_accept``.

    :param revision: ``[FROM:]TO``; None: pending on DATABASE_URL, else the head revision.
    :raises MigrationError: an unknown revision, a bad acceptance, or a statement that fails (exit 2).
    """
    from pgcanon.review import render
    from pgcanon.review.run import review as run_review

    _check_format(fmt)
    reports = run_review(settings, revision)
    if fmt == "github":
        out.writelines(line + "\n" for line in _annotations(settings, reports))
        fmt = "text"  # then the report, for the log
    if fmt == "json":
        out.write(render.review_json(reports) + "\n")
    elif not reports:
        out.write("nothing to review\n")
    else:
        out.write(render.review_text(reports))
    blocking = any(f.blocking for r in reports for f in r.findings)
    return EXIT_DIFF if blocking else EXIT_OK


def _annotations(settings: Settings, reports: list[RevisionReport]) -> list[str]:
    from pgcanon.migrations import script_directory
    from pgcanon.render import github

    scripts = script_directory(settings)
    files = {}
    for r in reports:
        script = scripts.get_revision(r.revision)
        if script is not None and script.path:
            path = Path(script.path).resolve()
            files[r.revision] = str(path.relative_to(settings.root.resolve())) if path.is_relative_to(
                settings.root.resolve()) else str(path)
    return github.review(reports, files)
