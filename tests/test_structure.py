"""The package's shape: no import cycle among pgcanon's modules.

A cycle at import time works only while every module in it reaches its imports in a lucky
order; moving one import line then breaks start-up. Imports under ``if TYPE_CHECKING:`` never
run. Imports inside functions run later, so they cannot break start-up, but two modules that
need each other that way (``compare`` ⇄ ``orm.compare`` once) are one idea split in two: the
second test refuses those as well.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = "pgcanon"


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted((SRC / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(body: list[ast.stmt], *, deferred: bool) -> list[ast.Import | ast.ImportFrom]:
    """The import statements of *body* that can run, never those under ``if TYPE_CHECKING:``.

    Without *deferred*, only those run while the module body runs (at module level, in
    try/if/with blocks and class bodies); with it, those inside functions too.
    """
    found: list[ast.Import | ast.ImportFrom] = []
    for node in body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        elif isinstance(node, ast.If):
            if not _is_type_checking(node.test):
                found += _imports(node.body, deferred=deferred)
            found += _imports(node.orelse, deferred=deferred)
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody, *(h.body for h in node.handlers)):
                found += _imports(block, deferred=deferred)
        elif isinstance(node, (ast.With, ast.ClassDef, ast.For, ast.While)):
            found += _imports(node.body, deferred=deferred)
        elif deferred and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found += _imports(node.body, deferred=deferred)
    return found


def import_graph(*, deferred: bool = False) -> dict[str, set[str]]:
    """Module -> the pgcanon modules it imports while it is imported (with *deferred*: ever).

    ``from pkg import sub`` is an edge to the submodule when ``pkg.sub`` is one (Python imports
    it without needing ``pkg``'s own body to have finished), else to ``pkg``.
    """
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        for node in _imports(ast.parse(path.read_text(encoding="utf-8")).body, deferred=deferred):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:
                    anchor = name.split(".") if is_package else name.split(".")[:-1]
                    anchor = anchor[: len(anchor) - (node.level - 1)]
                    base = ".".join([*anchor, *([base] if base else [])])
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
            graph[name] |= {t for t in targets if t in modules and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected component of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_graph_sees_the_imports_it_should() -> None:
    # Guards the checker itself: a graph without these edges would find no cycle anywhere.
    graph = import_graph()
    assert "pgcanon.errors" in graph["pgcanon.config"]
    assert "pgcanon.packaged" in graph["pgcanon.catalog.reader"]
    assert "pgcanon.diff" not in graph["pgcanon.config"], "a TYPE_CHECKING import is no edge"
    assert "pgcanon.orm.compare" not in graph["pgcanon.compare"], "an import in a function is no import-time edge"
    assert "pgcanon.orm.compare" in import_graph(deferred=True)["pgcanon.compare"]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize("deferred", [False, True], ids=["at-import-time", "counting-imports-in-functions"])
def test_no_import_cycle_among_pgcanon_modules(deferred: bool) -> None:
    found = cycles(import_graph(deferred=deferred))
    assert not found, "import cycles (give what both sides need a module of its own):\n" + "\n".join(
        " <-> ".join(c) for c in found)


def test_every_source_kind_names_a_class_of_that_kind() -> None:
    # Sources are resolved from "module:attr" strings and told apart by kind: a typo in either
    # would only show when a user names that kind of source.
    from pgcanon.sources import KINDS, source_class

    assert {kind: source_class(kind).kind for kind in KINDS} == {kind: kind for kind in KINDS}
