"""The plan for publications, their DDL included.

A publication names tables, columns of them (a column list, 15+), a row filter over those columns
(15+) and schemas (``FOR TABLES IN SCHEMA``, 15+). PostgreSQL refuses to drop a column or a schema a
publication names, and to retype a column a row filter uses, so a publication is changed in two
steps around everything else:

- first (phase ``drop_publications``): DROP PUBLICATION for the publications the new schema lacks,
  RENAME for one whose only change is its name, and ALTER PUBLICATION … DROP TABLE / DROP TABLES IN
  SCHEMA for what a kept one stops publishing. A table whose column list or row filter changes is
  dropped from the publication here and added back with its new ones below (one ADD, where SET TABLE
  would restate every other table and schema), and so is one whose columns the plan drops or retypes.
- last (phase ``publications``, after tables, columns and views): CREATE PUBLICATION, SET (options),
  ADD TABLE, ADD TABLES IN SCHEMA.

``FOR ALL TABLES`` is not something ALTER PUBLICATION changes (before PostgreSQL 19): a publication
that gains or loses it is dropped and created again. Row filters may call built-in functions only
(PostgreSQL refuses user-defined ones), so nothing but tables, columns and schemas need come first.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pgcanon.diff.changes import Hazard
from pgcanon.diff.core import diff_keyed
from pgcanon.plan.quote import ident, literal

if TYPE_CHECKING:
    from pgcanon.catalog.model import Publication
    from pgcanon.plan.builder import Builder

#: A table entry of :attr:`Publication.tables`: its quoted, qualified name, then any column list and row filter.
_ENTRY = re.compile(r'^((?:"(?:[^"]|"")*"|[^".\s]+)\.(?:"(?:[^"]|"")*"|[^".\s]+))(.*)$', re.S)


def table_of(entry: str) -> str:
    """The quoted, qualified table name an entry of :attr:`Publication.tables` starts with."""
    match = _ENTRY.match(entry)
    assert match is not None, entry  # publications.sql writes every entry so
    return match[1]


def _options(p: Publication) -> list[str]:
    options = [f"publish = {literal(p.publish)}",
               f"publish_via_partition_root = {'true' if p.via_partition_root else 'false'}"]
    if p.generated_columns is not None:  # PostgreSQL 18's
        options.append(f"publish_generated_columns = {p.generated_columns}")
    return options


def create_publication(p: Publication) -> str:
    """CREATE PUBLICATION with what it publishes and every option, as on PostgreSQL 14 too (``TABLE a, b``)."""
    text = f"CREATE PUBLICATION {ident(p.name)}"
    objects = []
    if p.tables:
        objects.append("TABLE " + ", ".join(p.tables))
    if p.schemas:
        objects.append("TABLES IN SCHEMA " + ", ".join(p.schemas))
    if p.all_tables:
        text += " FOR ALL TABLES"
    elif objects:
        text += " FOR " + ", ".join(objects)
    return f"{text} WITH ({', '.join(_options(p))})"


def _definition(p: Publication) -> tuple[object, ...]:
    """Everything but the name: two publications that differ only there are one renamed."""
    return (p.all_tables, p.publish, p.via_partition_root, p.generated_columns, p.tables, p.schemas, p.comment)


def _renamed(removed: list[Publication], added: list[Publication]) -> list[tuple[Publication, Publication]]:
    """Pairs (old, new) of a removed and an added publication alike in all but their names, one to one."""
    pairs = []
    left = list(removed)
    for n in added:
        o = next((o for o in left if _definition(o) == _definition(n)), None)
        if o is not None:
            left.remove(o)
            pairs.append((o, n))
    return pairs


def _retouched(b: Builder) -> set[str]:
    """The tables (quoted, qualified) of which the plan drops or retypes a column: a column list or row
    filter over one would stop the ALTER TABLE."""
    new = {c.key: c for c in b.new.columns}
    touched = set()
    for c in b.old.columns:
        n = new.get(c.key)
        if n is None or (c.type, c.collation) != (n.type, n.collation):
            touched.add(ident(c.schema, c.table))
    return touched


def plan_publications(b: Builder) -> set[str]:
    """The publications' statements, in phases ``drop_publications`` and ``publications``.

    :returns: the names of those dropped and created again (their comments are set anew).
    """
    added, removed, common = diff_keyed(b.old.publications, b.new.publications)
    renamed = _renamed(removed, added)
    for o, n in renamed:
        b.add("drop_publications", f"ALTER PUBLICATION {ident(o.name)} RENAME TO {ident(n.name)}",
              f"rename publication {o.name} to {n.name}", (Hazard.BREAKS_CLIENTS,))
    rebuilt = {n.name for o, n in common if o.all_tables != n.all_tables}
    gone = [o for o in removed if o not in {o for o, _ in renamed}] + [o for o, n in common if n.name in rebuilt]
    for o in gone:
        b.add("drop_publications", f"DROP PUBLICATION {ident(o.name)}", f"drop publication {o.name}",
              (Hazard.BREAKS_CLIENTS,))
    made = [n for n in added if n not in {n for _, n in renamed}] + [n for o, n in common if n.name in rebuilt]
    for n in made:
        b.add("publications", create_publication(n), f"create publication {n.name}")
    touched = _retouched(b)
    for o, n in common:
        if n.name not in rebuilt:
            _alter(b, o, n, touched)
    return rebuilt


def _alter(b: Builder, o: Publication, n: Publication, touched: set[str]) -> None:
    at = f"ALTER PUBLICATION {ident(n.name)}"
    old_tables = {table_of(e): e for e in o.tables}
    new_tables = {table_of(e): e for e in n.tables}
    # a table entry with a column list or row filter depends on the columns: off the publication while they change
    again = {t for t, e in old_tables.items() if t in touched and e != t and new_tables.get(t) == e}
    dropped = [t for t, e in old_tables.items() if new_tables.get(t) != e or t in again]
    adding = [e for t, e in new_tables.items() if old_tables.get(t) != e or t in again]
    if dropped:
        b.add("drop_publications", f"{at} DROP TABLE {', '.join(dropped)}",
              f"publication {n.name} no longer publishes {', '.join(dropped)} (as it was)")
    schemas_gone = [s for s in o.schemas if s not in n.schemas]
    if schemas_gone:
        b.add("drop_publications", f"{at} DROP TABLES IN SCHEMA {', '.join(schemas_gone)}",
              f"publication {n.name} no longer publishes the tables of {', '.join(schemas_gone)}")
    changed = [option for option, before in zip(_options(n), _options(o), strict=True) if option != before]
    if changed:
        b.add("publications", f"{at} SET ({', '.join(changed)})", f"options of publication {n.name}")
    if adding:
        b.add("publications", f"{at} ADD TABLE {', '.join(adding)}", f"publication {n.name} publishes "
              f"{', '.join(table_of(e) for e in adding)}")
    schemas_new = [s for s in n.schemas if s not in o.schemas]
    if schemas_new:
        b.add("publications", f"{at} ADD TABLES IN SCHEMA {', '.join(schemas_new)}",
              f"publication {n.name} publishes the tables of {', '.join(schemas_new)}")
