"""Where each object of the canonical DDL is written: ``(kind, qualified name) -> "file:line"``.

The files are parsed with pglast (PostgreSQL's own parser), whose node
locations are character offsets into the file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from pglast import ast, parse_sql
from pglast.enums import AlterTableType
from pglast.parser import ParseError

from pgcanon.sources.ddl import position

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from pathlib import Path

Located = dict[tuple[str, str], str]
# "file:line" of a node location (a character offset, or None) in the statement starting at base.
At: TypeAlias = "Callable[[int | None, int], str]"


def _rel(node: ast.RangeVar) -> str:
    return f"{node.schemaname or 'public'}.{node.relname}"


def locations(files: Iterable[Path], *, root: Path | None = None) -> Located:
    """Where tables, columns, named constraints, indexes and enums are declared in *files*."""
    found: Located = {}
    for file in files:
        text = file.read_text(encoding="utf-8")
        try:
            stmts = parse_sql(text)
        except ParseError:
            continue  # the build reports syntax errors with their position; here we only decorate
        name = str(file.relative_to(root)) if root and file.is_relative_to(root) else str(file)

        # text and name bound now: each file's callback keeps its own file, whenever it is called.
        def at(offset: int | None, base: int, text: str = text, name: str = name) -> str:
            line, _ = position(text, offset if offset is not None and offset >= 0 else base)
            return f"{name}:{line}"

        for raw in stmts:
            _visit(raw.stmt, raw.stmt_location or 0, at, found)
    return found


def _visit(stmt: ast.Node | None, base: int, at: At, found: Located) -> None:
    if isinstance(stmt, ast.CreateStmt) and stmt.relation is not None:
        table = _rel(stmt.relation)
        found.setdefault(("table", table), at(base, base))
        for elt in stmt.tableElts or ():
            _element(table, elt, base, at, found)
    elif isinstance(stmt, ast.AlterTableStmt) and stmt.relation is not None:
        table = _rel(stmt.relation)
        for cmd in stmt.cmds or ():
            if cmd.subtype in (AlterTableType.AT_AddColumn, AlterTableType.AT_AddConstraint) and cmd.def_:
                _element(table, cmd.def_, base, at, found)
    elif isinstance(stmt, ast.IndexStmt) and stmt.idxname and stmt.relation is not None:
        found.setdefault(("index", f"{_rel(stmt.relation)}.{stmt.idxname}"), at(base, base))
    elif isinstance(stmt, ast.CreateEnumStmt):
        names = [n.sval for n in stmt.typeName or ()]
        qual = ".".join(names) if len(names) > 1 else f"public.{names[0]}"
        found.setdefault(("enum", qual), at(base, base))


def _element(table: str, elt: ast.Node, base: int, at: At, found: Located) -> None:
    if isinstance(elt, ast.ColumnDef):
        found.setdefault(("column", f"{table}.{elt.colname}"), at(elt.location, base))
    elif isinstance(elt, ast.Constraint) and elt.conname:
        found.setdefault(("constraint", f"{table}.{elt.conname}"), at(elt.location, base))
