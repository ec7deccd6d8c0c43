"""Running the project's Alembic history through Alembic's command API.

pgcanon hands Alembic a SQLAlchemy connection it opened itself (the cookbook's
"sharing a connection" pattern, read by ``migrations/env.py`` from
``config.attributes["connection"]``), so no URL, and therefore no password,
ever passes through Alembic's configuration or logs.
"""

from __future__ import annotations

import hashlib
import io
import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import psycopg
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.script.revision import RevisionError
from alembic.util import CommandError
from sqlalchemy.pool import NullPool

from pgcanon.config import redact
from pgcanon.confine import ForeignConnectionError, attribute, confined
from pgcanon.errors import ConfigError, MigrationError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from alembic.script import Script

    from pgcanon.config import Settings

#: The advisory lock key every ``pgcanon migrate`` takes: a stable 63-bit number from a fixed string.
MIGRATE_LOCK_KEY = int.from_bytes(hashlib.sha256(b"pgcanon.migrate").digest()[:8], "big") >> 1


@dataclass(frozen=True)
class Revision:
    """One revision as users see it: id and message."""

    id: str
    message: str

    def __str__(self) -> str:
        return f"{self.id} ({self.message})" if self.message else self.id


def ini_config(ini: Path, *, output_buffer: TextIO | None = None) -> Config:
    """Alembic's Config of the file *ini*, without logging set-up (pgcanon prints its own lines).

    :param output_buffer: where offline mode (``upgrade --sql``) writes the SQL it renders.
    """
    # Alembic's own chatter ("No new upgrade operations detected.") goes nowhere; pgcanon reports.
    cfg = Config(str(ini), stdout=io.StringIO(), output_buffer=output_buffer)
    cfg.attributes["configure_logger"] = False
    return cfg


def alembic_config(settings: Settings, *, output_buffer: TextIO | None = None) -> Config:
    """Alembic's Config for the project (see :func:`ini_config`).

    :raises ConfigError: when the project's alembic.ini does not exist.
    """
    if not settings.alembic_ini.is_file():
        raise ConfigError(f"{settings.alembic_ini}: no such Alembic configuration")
    return ini_config(settings.alembic_ini, output_buffer=output_buffer)


def import_path(settings: Settings) -> list[str]:
    """Where the project's own modules import from, as Alembic sets it up: the project root and
    alembic.ini's ``prepend_sys_path`` (relative entries resolved from the ini file's directory)."""
    here = settings.alembic_ini.resolve().parent
    extra = alembic_config(settings).get_prepend_sys_paths_list() if settings.alembic_ini.is_file() else None
    return [str(settings.root.resolve()), *(str((here / p).resolve()) for p in extra or ())]


def script_directory(settings: Settings) -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config(settings))


@contextmanager
def sa_connection(conninfo: str) -> Iterator[sa.Connection]:
    """A SQLAlchemy connection over a psycopg connection we open: the conninfo never reaches SQLAlchemy."""
    engine = sa.create_engine(
        "postgresql+psycopg://", creator=lambda: psycopg.connect(conninfo), poolclass=NullPool
    )
    try:
        with engine.connect() as conn:
            yield conn
    finally:
        engine.dispose()


def current_revision(conn: sa.Connection) -> str | None:
    rev = MigrationContext.configure(conn).get_current_revision()
    conn.commit()  # end the transaction SQLAlchemy began for the read
    return rev


def resolve_revision(settings: Settings, spec: str) -> str | None:
    """Turn ``head``, ``base``, an id, a prefix or ``head-1`` into a concrete revision id (None = base)."""
    scripts = script_directory(settings)
    try:
        m = re.fullmatch(r"(head|heads)-(\d+)", spec)
        if m:
            revs = list(scripts.walk_revisions("base", "heads"))  # newest first
            steps = int(m[2])
            if steps >= len(revs):
                return None
            return revs[steps].revision
        if spec == "base":
            return None
        script = scripts.get_revision(spec)
    except CommandError as exc:
        raise MigrationError(f"unknown revision {spec!r}: {exc}", revision=spec) from None
    if script is None:
        raise MigrationError(f"unknown revision {spec!r}", revision=spec)
    return script.revision


def revision_range(scripts: ScriptDirectory, upper: str | None, lower: str | None, spec: str = "") -> list[Script]:
    """Revisions after *lower* (None = base) up to *upper* (inclusive), oldest first.

    :raises MigrationError: when *lower* is not below *upper* (*spec* is how the user named the range).
    """
    if upper is None or upper == lower:
        return []
    try:
        revs = list(scripts.iterate_revisions(upper, lower or "base"))
    except (CommandError, RevisionError) as exc:  # RevisionError: lower is not an ancestor of upper
        raise MigrationError(f"bad revision range {spec or f'{lower}:{upper}'!r}: {exc}", revision=spec) from None
    return [r for r in reversed(revs) if r.revision != lower]


def upgrade(settings: Settings, conninfo: str, target: str = "head") -> list[Revision]:
    """Upgrade the database at *conninfo* to *target*; return the revisions applied, oldest first.

    Each revision runs in its own transaction (``transaction_per_migration``), so a
    failing revision is rolled back whole and the database stays at the previous one.
    ``env.py`` runs confined to *conninfo* (:mod:`pgcanon.confine`).

    :raises MigrationError: naming the revision that failed (or ``env.py`` when no revision's
        code raised), or the unknown target.
    """
    cfg = alembic_config(settings)
    scripts = ScriptDirectory.from_config(cfg)
    target_id = resolve_revision(settings, target)
    with sa_connection(conninfo) as conn:
        before = current_revision(conn)
        cfg.attributes["connection"] = conn
        try:
            with confined(cfg, conninfo, project_root=settings.root):
                command.upgrade(cfg, target_id or "base")
        except ForeignConnectionError:
            raise
        except Exception as exc:  # a revision's own error, or env.py's: SQL, Python, anything
            conn.rollback()
            raise _failure(scripts, exc, current_revision(conn), settings) from exc
        after = current_revision(conn)
    return [Revision(r.revision, r.doc or "") for r in revision_range(scripts, after, before)]


def downgrade(settings: Settings, conninfo: str, target: str) -> None:
    """Downgrade the database at *conninfo* to *target* (``base``, an id, ``-1``…)."""
    cfg = alembic_config(settings)
    scripts = ScriptDirectory.from_config(cfg)
    with sa_connection(conninfo) as conn:
        cfg.attributes["connection"] = conn
        try:
            with confined(cfg, conninfo, project_root=settings.root):
                command.downgrade(cfg, target)
        except CommandError as exc:
            raise MigrationError(f"cannot downgrade to {target!r}: {exc}", revision=target) from None
        except ForeignConnectionError:
            raise
        except Exception as exc:
            conn.rollback()
            raise _failure(scripts, exc, current_revision(conn), settings) from exc


def _failure(scripts: ScriptDirectory, exc: BaseException, now: str | None, settings: Settings) -> MigrationError:
    """Name what failed from the traceback: the revision whose code raised, else ``env.py`` itself.

    The traceback, not the count of revisions applied, says which revision it was: an
    ``env.py`` that runs every revision in one transaction rolls all of them back.
    """
    files = {Path(s.path).resolve(): s for s in scripts.walk_revisions("base", "heads")}
    failed = attribute(exc, {path: s.revision for path, s in files.items()})
    if failed is not None:
        script = scripts.get_revision(failed)
        return MigrationError.failed(failed, (script.doc or "") if script else "", reason(exc), now)
    env_py = Path(scripts.dir, "env.py")
    shown = env_py.relative_to(settings.root) if env_py.is_relative_to(settings.root) else env_py
    return MigrationError(
        f"{shown} failed outside any revision's code: {type(exc).__name__}: {reason(exc)}\n"
        f"  the database stays at {now or 'base'}; run with --debug for the traceback",
        revision=None,
    )


def reason(exc: BaseException) -> str:
    """What went wrong, in the server's words when SQLAlchemy wraps a driver error; passwords redacted."""
    # SQLAlchemy wraps the driver's error: the driver's own text is the server's message (with its
    # DETAIL and HINT lines), without SQLAlchemy's "[SQL: …]" and background-link lines.
    text = str(getattr(exc, "orig", None) or exc).strip()
    return redact(text) if text else type(exc).__name__
