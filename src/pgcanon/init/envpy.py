"""Reading which models ``env.py`` gives Alembic (``target_metadata``), from its source, never by running it.

``env.py`` connects to databases when it runs; parsing it with :mod:`ast` is enough for the forms
``alembic init`` users write: ``from app.models import Base`` then ``target_metadata = Base.metadata``,
``from app import models`` then ``models.Base.metadata``, ``import app.models`` then
``app.models.Base.metadata``, or a ``MetaData`` imported by name.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


@dataclass(frozen=True)
class Models:
    """What ``env.py`` says about the models: the ``orm`` setting, or why there is none."""

    #: ``package.module:Attr.path``, as ``[tool.pgcanon] orm`` takes it; None when it cannot be told.
    orm: str | None
    #: One line for the user: where it was read, or why it could not be.
    reason: str
    notes: tuple[str, ...] = field(default=())


def read_models(env_py: Path, import_dirs: tuple[Path, ...], where: str) -> Models:
    """The models ``env.py`` (shown as *where*) names in ``target_metadata``."""
    try:
        source = env_py.read_text(encoding="utf-8")
    except OSError as exc:
        return Models(None, f"{where} cannot be read ({exc.strerror})")
    try:
        tree = ast.parse(source, filename=str(env_py))
    except SyntaxError as exc:
        return Models(None, f"{where}:{exc.lineno}: not valid Python ({exc.msg})")
    imports = _module_imports(tree)
    assignment = _last_assignment(tree)
    if assignment is None:
        return Models(None, f"{where} assigns no target_metadata at module level")
    line = f"{where}:{assignment.lineno}"
    value = assignment.value
    assert value is not None  # _last_assignment skips annotations without a value
    if isinstance(value, ast.Constant) and value.value is None:
        return Models(None, f"{line}: target_metadata = None (alembic init's default): no models named yet")
    dotted = _dotted(value)
    if dotted is None:
        return Models(None, f"{line}: target_metadata = {ast.unparse(value)} is not a name pgcanon can "
                            "follow without running env.py")
    head, *attrs = dotted
    if head not in imports:
        return Models(None, f"{line}: {head} is not imported at module level of {where} (defined there, or "
                            "imported inside a function)")
    module, obj = imports[head]
    path = [*([obj] if obj else []), *attrs]
    # `import app.models` binds `app`, `from app import models` binds a module too: the longest prefix
    # of the dotted name that is a file of the project is the module, the rest its attributes.
    while len(path) > 1 and _find_module(f"{module}.{path[0]}", import_dirs):
        module, path = f"{module}.{path[0]}", path[1:]
    if not _find_module(module, import_dirs):
        found = _project_module_binding(path[0], imports, import_dirs) if path else None
        if found is None:
            return Models(None, f"{line}: the models' module {module} is not in the project "
                                f"({', '.join(d.as_posix() for d in import_dirs)})")
        module = found  # SQLModel.metadata: the project's models module that imports SQLModel registers the tables
    orm = f"{module}:{'.'.join(path)}" if path else module
    # A project import bound to a name env.py never uses is there for its side effect: registering models.
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    others = sorted({m for m in _unused_imports(tree, used, import_dirs) if _find_module(m, import_dirs)} - {module})
    notes = tuple(f"{where} also imports {m}: if models defined there are missing from the check, set orm to a "
                  "module that imports every model" for m in others)
    return Models(orm, f"read from {line}: target_metadata = {ast.unparse(value)}", notes)


def _last_assignment(tree: ast.Module) -> ast.Assign | ast.AnnAssign | None:
    """The last module-level ``target_metadata = …`` (plain or annotated); Alembic sees the last one."""
    found: ast.Assign | ast.AnnAssign | None = None
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "target_metadata"
                                                for t in node.targets):
            found = node
        elif (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
              and node.target.id == "target_metadata" and node.value is not None):
            found = node
    return found


def _module_imports(tree: ast.Module) -> dict[str, tuple[str, str]]:
    """Each name module-level imports bind: ``name -> (module, attribute or "")``.

    ``from app.models import Base as B`` binds ``B -> ("app.models", "Base")``; ``import app.models``
    binds ``app -> ("app", "")``; ``import app.models as m`` binds ``m -> ("app.models", "")``.
    Imports inside ``try``/``if`` at module level count too (a fallback import is still the models).
    """
    bound: dict[str, tuple[str, str]] = {}
    for node in _module_level(tree.body):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    bound[alias.asname] = (alias.name, "")
                else:
                    top = alias.name.split(".")[0]
                    bound[top] = (top, "")
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                if alias.name != "*":
                    # `from app import models` may bind a module or an attribute: resolved against the files later.
                    bound[alias.asname or alias.name] = (node.module, alias.name)
    return bound


def _unused_imports(tree: ast.Module, used: set[str], import_dirs: tuple[Path, ...]) -> list[str]:
    """Modules imported at module level under a name env.py never uses (``import app.models  # noqa``)."""
    found: list[str] = []
    for node in _module_level(tree.body):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if (a.asname or a.name.split(".")[0]) not in used]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            # `from app import models`: the submodule when there is one, else the module holding the name.
            found += [f"{node.module}.{a.name}" if _find_module(f"{node.module}.{a.name}", import_dirs) else node.module
                      for a in node.names if (a.asname or a.name) not in used]
    return found


def _module_level(body: list[ast.stmt]) -> list[ast.stmt]:
    out: list[ast.stmt] = []
    for node in body:
        out.append(node)
        if isinstance(node, ast.If):
            out += _module_level(node.body) + _module_level(node.orelse)
        elif isinstance(node, ast.Try):
            out += _module_level(node.body) + [n for h in node.handlers for n in _module_level(h.body)]
    return out


def _dotted(node: ast.expr) -> list[str] | None:
    """``a.b.c`` as ``["a", "b", "c"]``; None for anything else (a call, a list, a subscript)."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return [node.id, *reversed(parts)]


def _find_module(name: str, import_dirs: tuple[Path, ...]) -> bool:
    """Whether *name* is a module of the project (a file or package under an import directory)."""
    parts = name.split(".")
    for base in import_dirs:
        stem = base.joinpath(*parts)
        if stem.with_suffix(".py").is_file() or (stem / "__init__.py").is_file():
            return True
    return False


def _module_file(name: str, import_dirs: tuple[Path, ...]) -> Path | None:
    parts = name.split(".")
    for base in import_dirs:
        stem = base.joinpath(*parts)
        for candidate in (stem.with_suffix(".py"), stem / "__init__.py"):
            if candidate.is_file():
                return candidate
    return None


def _project_module_binding(name: str, imports: dict[str, tuple[str, str]],
                            import_dirs: tuple[Path, ...]) -> str | None:
    """The first project module env.py imports that itself binds *name* (``from sqlmodel import SQLModel``)."""
    for module, attr in imports.values():
        for candidate in (f"{module}.{attr}" if attr else module, module):
            path = _module_file(candidate, import_dirs)
            if path is None:
                continue
            try:
                tree = ast.parse(path.read_text(encoding="utf-8"))
            except (OSError, SyntaxError, UnicodeDecodeError):
                continue
            if name in _module_imports(tree) or any(
                isinstance(n, ast.ClassDef | ast.Assign) and name in _bound_names(n) for n in tree.body
            ):
                return candidate
    return None


def _bound_names(node: ast.stmt) -> set[str]:
    if isinstance(node, ast.ClassDef):
        return {node.name}
    if isinstance(node, ast.Assign):
        return {t.id for t in node.targets if isinstance(t, ast.Name)}
    return set()
