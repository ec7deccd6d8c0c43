"""A plan as the body of an Alembic ``upgrade()`` / ``downgrade()``: one ``op.execute`` per statement,
each under a comment with what it does and its hazards, and the statements PostgreSQL refuses in a
transaction inside ``op.get_context().autocommit_block()``.

This is an Alembic operation with its own renderer, so ``command.revision`` writes it through the
project's ``script.py.mako``. Alembic indents every line of the rendered body, string contents
included, so multi-line SQL is wrapped in ``dedent(<triple-quoted string>)``, which takes that indent off again;
SQL that indenting would change (trailing blanks, backslashes, quotes) is written as one literal.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from alembic.autogenerate import renderers
from alembic.operations import ops

if TYPE_CHECKING:
    from alembic.autogenerate.api import AutogenContext

    from pgcanon.plan import Statement

# SQLAlchemy's text() reads ":name" as a bind parameter, and op.execute wraps a string in text().
_BIND = re.compile(r"(?<![:\w\\]):(\w+)(?![:\w])")


class ExecutePlan(ops.MigrateOperation):
    """The statements of one direction of a generated revision, in the order they must run."""

    def __init__(self, statements: tuple[Statement, ...]) -> None:
        self.statements = statements

    def reverse(self) -> ops.MigrateOperation:  # pragma: no cover - the downgrade is planned, not reversed
        raise NotImplementedError("pgcanon plans the downgrade from the catalogs")


def _comment(s: Statement) -> str:
    text = f"# {s.about}"
    if s.hazards:
        text += " [" + ", ".join(h.value for h in s.hazards) + "]"
    return text


def python_literal(sql: str) -> str:
    """The SQL as Python source that evaluates back to it, after Alembic has indented the body."""
    sql = _BIND.sub(r"\\:\1", sql)
    single_line = "\n" not in sql
    awkward = '"""' in sql or "\\" in sql or any(line != line.rstrip() for line in sql.splitlines())
    if single_line or awkward:
        return repr(sql)
    return 'dedent("""\\\n' + sql + '\n""")'


@renderers.dispatch_for(ExecutePlan)
def _render(autogen_context: AutogenContext, op: ExecutePlan) -> list[str | None]:
    lines: list[str | None] = []
    in_block = False
    for s in op.statements:
        if not s.transactional and not in_block:
            lines.append("with op.get_context().autocommit_block():")
            in_block = True
        elif s.transactional and in_block:
            lines.append(None)  # ends the with-block for Alembic's printer
            in_block = False
        text = python_literal(s.sql)
        if text.startswith("dedent("):
            autogen_context.imports.add("from textwrap import dedent")
        lines += [_comment(s), f"op.execute({text})"]
    if in_block:
        lines.append(None)
    return lines
