"""Write the revision file through Alembic's own ``command.revision``, so the project's
``script.py.mako``, file template and hooks apply; the body comes from ``process_revision_directives``."""

from __future__ import annotations

import io
import re
from contextlib import redirect_stdout
from pathlib import Path
from typing import TYPE_CHECKING

from alembic import command
from alembic.operations import ops

from pgcanon.confine import confined
from pgcanon.migrations import alembic_config, sa_connection, script_directory
from pgcanon.revision.python import ExecutePlan

if TYPE_CHECKING:
    from pgcanon.config import Settings
    from pgcanon.plan import Plan

_NUMBERED = re.compile(r"(\d{4})_\w+")


def next_rev_id(settings: Settings, message: str) -> str | None:
    """``0007_add_rating`` when every revision so far is numbered that way (this repository's
    convention, and a common one); else None, and Alembic picks its usual random id."""
    ids = [s.revision for s in script_directory(settings).walk_revisions()]
    if not ids or not all(_NUMBERED.fullmatch(i) for i in ids):
        return None
    slug = re.sub(r"[^a-z0-9]+", "_", message.lower()).strip("_")[:40].rstrip("_") or "revision"
    return f"{max(int(i[:4]) for i in ids) + 1:04d}_{slug}"


def write_revision(settings: Settings, conninfo: str, message: str, upgrade: Plan, downgrade: Plan,
                   rev_id: str | None) -> tuple[str, Path]:
    """Write the revision; return (its id, its file). *conninfo* is an empty scratch database that
    the project's ``env.py`` runs against (Alembic only calls the hook with the environment loaded)."""
    cfg = alembic_config(settings)
    cfg.set_main_option("revision_environment", "true")
    template = cfg.get_main_option("file_template") or ""
    if rev_id and _NUMBERED.fullmatch(rev_id) and template.replace(" ", "") == "%(rev)s_%(slug)s":
        # 0007_add_rating already carries the slug: the file is 0007_add_rating.py, as the others are.
        cfg.set_main_option("file_template", "%%(rev)s")

    def directives(context: object, revision: object, scripts: list[ops.MigrationScript]) -> None:
        script = scripts[0]
        script.upgrade_ops = ops.UpgradeOps(ops=[ExecutePlan(upgrade.statements)])
        script.downgrade_ops = ops.DowngradeOps(ops=[ExecutePlan(downgrade.statements)])

    with sa_connection(conninfo) as conn:
        cfg.attributes["connection"] = conn
        # Alembic prints "Generating … done" itself; pgcanon says what it wrote once the proof passed.
        with confined(cfg, conninfo, project_root=settings.root), redirect_stdout(io.StringIO()):
            written = command.revision(cfg, message=message, rev_id=rev_id,
                                       process_revision_directives=directives)
    script = written[0] if isinstance(written, list) else written
    assert script is not None  # command.revision returns the script it wrote
    return script.revision, Path(script.path)
