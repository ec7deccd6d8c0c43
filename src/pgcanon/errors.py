"""The one error root of pgcanon, and the exit codes the CLI maps errors to.

Every failure a user can cause (bad SQL, a bad URL, an unknown revision…) is a
:class:`PgcanonError` whose message says what happened, where, and what to do.
The CLI catches only this root; anything else is a bug and shows a traceback.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

EXIT_OK = 0
EXIT_DIFF = 1
EXIT_USAGE = 2


class PgcanonError(Exception):
    """Root of every error pgcanon raises on purpose; exits 2 from the CLI."""

    exit_code: int = EXIT_USAGE


class ConfigError(PgcanonError):
    """The project's configuration or a command-line argument is wrong."""


class ServerError(PgcanonError):
    """A PostgreSQL server cannot be started, reached or used."""

    @classmethod
    def unreachable(cls, where: str, reason: str) -> ServerError:
        return cls(
            f"cannot connect to {where}: {reason}\n"
            "  check that the server runs and that DATABASE_URL (or PGHOST/PGPORT) points at it"
        )


class SourceError(PgcanonError):
    """A schema source cannot be built; carries the position in its file when known."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        statement: str | None = None,
    ) -> None:
        self.file = file
        self.line = line
        self.column = column
        self.statement = statement
        where = file or ""
        if file and line is not None:
            where = f"{file}:{line}:{column or 1}"
        text = f"{where}: {message}" if where else message
        if statement:
            text += f"\n  in statement: {statement}"
        super().__init__(text)


class MigrationError(PgcanonError):
    """An Alembic revision failed or cannot be found; names the revision."""

    def __init__(self, message: str, *, revision: str | None = None) -> None:
        self.revision = revision
        super().__init__(message)

    @classmethod
    def failed(cls, revision: str, doc: str, reason: str, now: str | None) -> MigrationError:
        name = f"{revision} ({doc})" if doc else revision
        return cls(
            f"revision {name} failed: {reason}\n"
            f"  it was rolled back; the database stays at {now or 'base'}",
            revision=revision,
        )


class DiffFound(PgcanonError):
    """Two sources that must be equal are not; carries the changes."""

    exit_code = EXIT_DIFF

    def __init__(self, message: str, changes: Sequence[object] = ()) -> None:
        self.changes = tuple(changes)
        super().__init__(message)


class PlanError(PgcanonError):
    """Changes the generated DDL cannot make; lists each one with its fix."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"cannot generate the migration: {len(self.problems)} change(s) DDL cannot make\n{lines}")


class RevisionError(PgcanonError):
    """``pgcanon revision`` refused to write (bad --rename, data loss not allowed); nothing was written."""


class UnprovenRevision(PgcanonError):
    """The generated revision did not rebuild the schema on a scratch database; says what still differs."""

    exit_code = EXIT_DIFF


class SideEffectError(SourceError):
    """A schema statement would act outside its scratch database: on the server, another database,
    a file or program on the server's host, or a remote server. Refused before anything runs."""
