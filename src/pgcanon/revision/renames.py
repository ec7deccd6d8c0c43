"""``--rename OLD=NEW``: turn what would be a drop and an add into a RENAME, so the data stays.

A rename is not guessed from names: the developer says it. Each spec is resolved against the old
snapshot (a column, constraint, index or enum label of ``[schema.]parent``, else a table), and the
RENAME statements are applied to a copy of the old schema before the plan is made, so the plan
starts from the renamed objects and everything else (indexes on a renamed column, views) follows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pgcanon.errors import RevisionError
from pgcanon.plan.quote import ident, literal
from pgcanon.plan.statement import Statement

if TYPE_CHECKING:
    from pgcanon.catalog import Snapshot


@dataclass(frozen=True)
class Rename:
    """One resolved rename: the statement forward, the one back, and how a reader names it."""

    kind: str
    old: str
    new: str
    forward: str
    backward: str

    def statements(self) -> tuple[Statement, Statement]:
        about = f"rename {self.kind} {self.old} to {self.new}"
        back = f"rename {self.kind} {self.new} back to {self.old}"
        return Statement(self.forward, about), Statement(self.backward, back)


def _split(name: str) -> list[str]:
    return [p.strip('"') for p in name.strip().split(".")]


def resolve(spec: str, old: Snapshot) -> Rename:
    """Resolve ``OLD=NEW`` (``videos.title=videos.name``, ``videos=clips``, ``video_state.ready=video_state.done``)."""
    left, sep, right = spec.partition("=")
    if not sep or not left.strip() or not right.strip():
        raise RevisionError(f"--rename {spec!r}: expected OLD=NEW, e.g. videos.title=videos.name")
    a, b = _split(left), _split(right)
    if len(a) != len(b) or a[:-1] != b[:-1]:
        raise RevisionError(f"--rename {spec!r}: both sides must name the same parent "
                         f"(videos.title=videos.name, or videos=clips for a table)")
    found = _member(a, old) or _table(a, old)
    if found is None:
        raise RevisionError(f"--rename {spec!r}: {left.strip()} is not a table, column, constraint, index or enum "
                         "label of migrations@head")
    kind, qualified, target, parent = found
    new = b[-1]
    forward, backward = _sql(kind, target, parent, a[-1], new)
    return Rename(kind, qualified, f"{qualified.rsplit('.', 1)[0]}.{new}" if "." in qualified else new,
                  forward, backward)


def _member(parts: list[str], old: Snapshot) -> tuple[str, str, str, str] | None:
    """A column, constraint, index or enum label named ``[schema.]parent.name``."""
    if len(parts) not in (2, 3):
        return None
    schema, parent, name = (["public", *parts] if len(parts) == 2 else parts)
    table = f"{ident(schema)}.{ident(parent)}"
    qualified = f"{schema}.{parent}.{name}"
    if any((c.schema, c.table, c.name) == (schema, parent, name) for c in old.columns):
        return "column", qualified, table, table
    if any((c.schema, c.table, c.name) == (schema, parent, name) for c in old.constraints):
        return "constraint", qualified, table, table
    if any((i.schema, i.table, i.name) == (schema, parent, name) for i in old.indexes):
        return "index", qualified, f"{ident(schema)}.{ident(name)}", table
    if any((e.schema, e.name) == (schema, parent) and name in e.labels for e in old.enums):
        return "enum label", qualified, table, table
    return None


def _table(parts: list[str], old: Snapshot) -> tuple[str, str, str, str] | None:
    if len(parts) not in (1, 2):
        return None
    schema, name = (["public", *parts] if len(parts) == 1 else parts)
    if any((t.schema, t.name) == (schema, name) for t in old.tables):
        table = f"{ident(schema)}.{ident(name)}"
        return "table", f"{schema}.{name}", table, table
    return None


def _sql(kind: str, target: str, parent: str, old: str, new: str) -> tuple[str, str]:
    schema = parent.rsplit(".", 1)[0]
    if kind == "column":
        return (f"ALTER TABLE {target} RENAME COLUMN {ident(old)} TO {ident(new)}",
                f"ALTER TABLE {target} RENAME COLUMN {ident(new)} TO {ident(old)}")
    if kind == "constraint":
        return (f"ALTER TABLE {target} RENAME CONSTRAINT {ident(old)} TO {ident(new)}",
                f"ALTER TABLE {target} RENAME CONSTRAINT {ident(new)} TO {ident(old)}")
    if kind == "index":
        return (f"ALTER INDEX {target} RENAME TO {ident(new)}",
                f"ALTER INDEX {schema}.{ident(new)} RENAME TO {ident(old)}")
    if kind == "enum label":
        return (f"ALTER TYPE {target} RENAME VALUE {literal(old)} TO {literal(new)}",
                f"ALTER TYPE {target} RENAME VALUE {literal(new)} TO {literal(old)}")
    return (f"ALTER TABLE {target} RENAME TO {ident(new)}",
            f"ALTER TABLE {schema}.{ident(new)} RENAME TO {ident(old)}")


def look_alikes(old: Snapshot, new: Snapshot) -> list[str]:
    """``--rename`` flags for a column dropped and another added on the same table with the same type."""
    old_cols = {(c.schema, c.table, c.name): c for c in old.columns}
    new_cols = {(c.schema, c.table, c.name): c for c in new.columns}
    gone = [c for k, c in old_cols.items() if k not in new_cols]
    came = [c for k, c in new_cols.items() if k not in old_cols]
    hints = []
    for g in gone:
        for c in came:
            if (g.schema, g.table, g.type) == (c.schema, c.table, c.type):
                table = g.table if g.schema == "public" else f"{g.schema}.{g.table}"
                hints.append(f"--rename {table}.{g.name}={table}.{c.name}")
    return hints
