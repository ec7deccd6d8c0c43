"""The canonical DDL as a source: ``.sql`` files executed as written, in name order.

Each file is sent as one batch (PostgreSQL's simple query protocol), so it is
applied whole or not at all, and an error's ``statement_position`` (a 1-based
character index into what was sent) maps straight onto ``file:line:column``.
A file that PostgreSQL refuses to run as a batch (``CREATE INDEX CONCURRENTLY``
cannot run in a transaction block) is replayed statement by statement.

Before anything runs, every file is read for statements that would act outside
the scratch database (:mod:`pgcanon.sources.outside`); the first is refused with
its position. Roles the source creates on pgcanon's own server are marked to be
dropped with the scratch database.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

import psycopg
from pglast import split
from pglast.parser import ParseError

from pgcanon.errors import SideEffectError, SourceError
from pgcanon.scratch import adopt_roles
from pgcanon.sources.outside import OutsideCheck, role_candidates
from pgcanon.sources.psql import sql_text

if TYPE_CHECKING:
    from pgcanon.server import Server


def sql_files(path: Path) -> tuple[Path, ...]:
    """The files a path stands for: itself, or a directory's ``*.sql`` in name order."""
    if path.is_dir():
        files = tuple(sorted(p for p in path.glob("*.sql") if p.is_file()))
        if not files:
            raise SourceError(f"{path}: no .sql files in this directory")
        return files
    if not path.exists():
        raise SourceError(f"{path}: no such file or directory")
    return (path,)


def position(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of the 0-based character *index* in *text*."""
    index = max(0, min(index, len(text)))
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def _statements(text: str) -> list[slice] | None:
    """Statement boundaries, or None when even the scanner gives up (an unterminated quote)."""
    # The scanner-only split tolerates what the parser would reject; we only need the boundaries.
    try:
        return list(split(text, with_parser=False, only_slices=True))
    except ParseError:
        return None


def _statement_at(text: str, index: int) -> str | None:
    for piece in _statements(text) or ():
        if piece.start <= index < piece.stop + 1:
            stmt = " ".join(text[piece].split())
            return stmt if len(stmt) <= 200 else stmt[:197] + "..."
    return None


def _error(file: Path, label: str, text: str, exc: psycopg.Error, offset: int | None) -> SourceError:
    message = (exc.diag.message_primary or str(exc).splitlines()[0]).strip()
    if offset is None:
        return SourceError(message, file=label)
    line, column = position(text, offset)
    return SourceError(message, file=label, line=line, column=column, statement=_statement_at(text, offset))


def _existing_roles(conn: psycopg.Connection, names: set[str]) -> set[str]:
    if not names:
        return set()
    rows = conn.execute("SELECT rolname FROM pg_roles WHERE rolname = ANY(%s)", [sorted(names)]).fetchall()
    return {r[0] for r in rows}


def _adopt_created(conn: psycopg.Connection, candidates: set[str], before: set[str]) -> None:
    """Mark the roles the build created to be dropped with its scratch database."""
    if not candidates or conn.closed or conn.broken:
        return
    try:
        adopt_roles(conn, _existing_roles(conn, candidates) - before)
    except psycopg.Error:
        pass  # the build's own error (or Ctrl-C) is the one to report; the roles then outlive the run


@dataclass(frozen=True)
class DdlSource:
    """One or more ``.sql`` files (or directories of them), built in the order given."""

    kind: ClassVar[str] = "ddl"

    paths: tuple[Path, ...]
    label: str
    root: Path | None = None

    def files(self) -> tuple[Path, ...]:
        return tuple(f for p in self.paths for f in sql_files(p))

    def _name(self, file: Path) -> str:
        if self.root is not None:
            try:
                return str(file.resolve().relative_to(self.root))
            except ValueError:
                pass
        return str(file)

    def build(self, server: Server, conninfo: str) -> None:
        """Execute every file into the (empty) database at *conninfo*.

        :raises SourceError: with file:line:column and the statement on the first error.
        """
        texts = [(file, self._read(file)) for file in self.files()]  # every refusal before any statement runs
        check = OutsideCheck(ours=server.ours)
        for file, text in texts:
            self._refuse_outside(check, file, text)
        # Only pgcanon's own server lets a schema create roles: find them after the build, whatever stopped it.
        candidates = check.roles.union(*(role_candidates(t) for _, t in texts)) if server.ours else set()
        with psycopg.connect(conninfo, autocommit=True) as conn:
            before = _existing_roles(conn, candidates)
            try:
                for file, text in texts:
                    self._run(conn, file, text)
            finally:
                _adopt_created(conn, candidates, before)

    def _read(self, file: Path) -> str:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise SourceError(f"cannot read: {exc}", file=self._name(file)) from None
        return sql_text(text, self._name(file))

    def _refuse_outside(self, check: OutsideCheck, file: Path, text: str) -> None:
        refused = check.refusal(text, _statements(text) or ())
        if refused is None:
            return
        line, column = position(text, refused.start)
        stmt = " ".join(text[refused.start:refused.end].split())
        raise SideEffectError(refused.reason, file=self._name(file), line=line, column=column,
                              statement=stmt if len(stmt) <= 200 else stmt[:197] + "...")

    def _run(self, conn: psycopg.Connection, file: Path, text: str) -> None:
        if _statements(text) == []:
            return  # an empty or comment-only file is a valid, empty schema
        try:
            conn.execute(text.encode("utf-8"))  # bytes: sent verbatim, no placeholder parsing
            return
        except psycopg.errors.ActiveSqlTransaction:
            pass  # some statement refuses a transaction block: replay one by one below
        except psycopg.Error as exc:
            pos = exc.diag.statement_position
            if pos is not None:
                raise _error(file, self._name(file), text, exc, int(pos) - 1) from None
            # No position (a runtime error): find the failing statement inside a transaction we roll back.
            raise self._locate(conn, file, text, exc) from None
        for piece in _statements(text) or ():
            try:
                conn.execute(text[piece].encode("utf-8"))
            except psycopg.Error as exc:
                pos = exc.diag.statement_position
                offset = piece.start + (int(pos) - 1 if pos is not None else 0)
                raise _error(file, self._name(file), text, exc, offset) from None

    def _locate(self, conn: psycopg.Connection, file: Path, text: str, first: psycopg.Error) -> SourceError:
        conn.autocommit = False
        try:
            for piece in _statements(text) or ():
                try:
                    conn.execute(text[piece].encode("utf-8"))
                except psycopg.Error as exc:
                    return _error(file, self._name(file), text, exc, piece.start)
            return _error(file, self._name(file), text, first, None)
        finally:
            conn.rollback()
            conn.autocommit = True
