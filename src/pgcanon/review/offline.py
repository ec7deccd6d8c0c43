"""The SQL a revision runs, from Alembic's offline mode, split into statements with pglast.

``alembic upgrade prev:rev --sql`` renders exactly what ``env.py`` would send, with
the ``BEGIN``/``COMMIT`` of ``transaction_per_migration`` around it (and around
each ``autocommit_block``), so the statements keep whether they run inside a
transaction block.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pglast
from alembic import command

from pgcanon import migrations
from pgcanon.errors import MigrationError

if TYPE_CHECKING:
    from alembic.script import Script

    from pgcanon.config import Settings

#: Alembic's bookkeeping table: its statements run but are not reviewed.
VERSION_TABLE = "alembic_version"


@dataclass(frozen=True)
class Step:
    """One revision to apply: from ``down`` (None = base) to ``revision``."""

    revision: str
    message: str
    down: str | None
    script: Script


@dataclass(frozen=True)
class Statement:
    """One statement of a revision's offline SQL, with its parse tree."""

    sql: str
    node: Any  # a pglast.ast.Node
    in_transaction: bool
    bookkeeping: bool = False

    @property
    def command(self) -> str:
        return type(self.node).__name__


def steps(settings: Settings, spec: str | None) -> list[Step]:
    """The revisions *spec* names, oldest first.

    ``None``: those not yet applied to ``DATABASE_URL`` (up to head), or the head revision
    alone when no ``DATABASE_URL`` is set; ``REV``: that revision alone; ``FROM:TO``: every
    revision after FROM (``base`` allowed) up to TO.

    :raises MigrationError: naming an unknown revision, or a FROM that is not below TO.
    """
    scripts = migrations.script_directory(settings)
    if spec is None:
        head = migrations.resolve_revision(settings, "head")
        lower = _applied(settings) if settings.database_url is not None else _down(scripts, head)
        return _range(scripts, head, lower, "head")
    if ":" in spec:
        low_spec, _, high_spec = spec.partition(":")
        lower = migrations.resolve_revision(settings, low_spec or "base")
        upper = migrations.resolve_revision(settings, high_spec or "head")
        return _range(scripts, upper, lower, spec)
    rev = migrations.resolve_revision(settings, spec)
    return _range(scripts, rev, _down(scripts, rev), spec)


def _down(scripts: Any, rev: str | None) -> str | None:
    if rev is None:
        return None
    down = scripts.get_revision(rev).down_revision
    if isinstance(down, (tuple, list)):
        raise MigrationError(f"revision {rev} is a merge point; review it as FROM:TO", revision=rev)
    return down


def _range(scripts: Any, upper: str | None, lower: str | None, spec: str) -> list[Step]:
    out = []
    for script in migrations.revision_range(scripts, upper, lower, spec):
        down = script.down_revision
        if isinstance(down, (tuple, list)):
            raise MigrationError(f"revision {script.revision} is a merge point; not supported",
                                 revision=script.revision)
        out.append(Step(script.revision, script.doc or "", down, script))
    return out


def _applied(settings: Settings) -> str | None:
    """The revision DATABASE_URL is at (read only; None when it has none yet)."""
    from pgcanon.server import resolve_server

    server = resolve_server(settings)
    with migrations.sa_connection(server.conninfo()) as conn:
        return migrations.current_revision(conn)


def offline_sql(settings: Settings, step: Step) -> str:
    """The SQL Alembic's offline mode renders for *step* (``down:revision --sql``), verbatim.

    :raises MigrationError: naming the revision when its script cannot render offline.
    """
    buffer = io.StringIO()
    cfg = migrations.alembic_config(settings, output_buffer=buffer)
    target = f"{step.down}:{step.revision}" if step.down else f"base:{step.revision}"
    try:
        command.upgrade(cfg, target, sql=True)
    except Exception as exc:  # the revision's own code: anything
        raise MigrationError(
            f"revision {step.revision} cannot render its SQL offline (alembic upgrade {target} --sql): {exc}",
            revision=step.revision,
        ) from exc
    return buffer.getvalue()


def split(sql: str, revision: str) -> list[Statement]:
    """Split *sql* with PostgreSQL's own parser; keep each statement's transaction state.

    ``BEGIN``/``COMMIT`` are consumed here (the reviewer runs its own transactions);
    statements on ``alembic_version`` are marked bookkeeping.

    :raises MigrationError: naming the revision when pglast cannot parse its SQL.
    """
    try:
        texts = pglast.split(sql)
    except pglast.parser.ParseError as exc:
        raise MigrationError(f"revision {revision}: its SQL does not parse: {exc}", revision=revision) from None
    in_tx = False
    out = []
    for text in texts:
        node = pglast.parse_sql(text)[0].stmt
        if isinstance(node, pglast.ast.TransactionStmt):
            kind = node.kind.name if node.kind is not None else ""
            if kind in ("TRANS_STMT_BEGIN", "TRANS_STMT_START"):
                in_tx = True
            elif kind in ("TRANS_STMT_COMMIT", "TRANS_STMT_ROLLBACK"):
                in_tx = False
            continue
        out.append(Statement(text, node, in_tx, bookkeeping=_on_version_table(node)))
    return out


def _on_version_table(node: Any) -> bool:
    relation = getattr(node, "relation", None)
    return getattr(relation, "relname", None) == VERSION_TABLE


def prettify(sql: str) -> str:
    """*sql* laid out for reading by pglast's prettifier; the raw text where it does not parse."""
    try:
        pretty = pglast.prettify(sql).rstrip()
        return pretty if pretty.endswith(";") else pretty + ";"  # the prettifier drops the last one
    except Exception:  # noqa: BLE001 - pglast raises ParseError, or NotImplementedError for nodes it cannot print
        return sql.strip()
