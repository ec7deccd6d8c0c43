"""Which model declares what: ``(kind, qualified name) -> "package.module.Class.attribute"``.

Built from SQLAlchemy's mappers, so the names are the ones a developer greps
for, not the table's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy.orm import registry as Registry

Declared = dict[tuple[str, str], str]


def _table_name(table: sa.TableClause) -> str:
    return f"{table.schema or 'public'}.{table.name}"


def _named_items(table: sa.Table) -> Iterator[tuple[str, str]]:
    """``(kind, name)`` of the table's named constraints and indexes."""
    items: tuple[sa.Constraint | sa.Index, ...] = (*table.constraints, *table.indexes)
    for item in items:
        if isinstance(item.name, str):
            yield ("index" if isinstance(item, sa.Index) else "constraint"), item.name


def declarations(metadata: sa.MetaData, registry: Registry | None, module: str) -> Declared:
    """Map every table, column, constraint and index of *metadata* to the code that declares it.

    :param registry: the declarative registry whose mappers name classes and attributes;
        without one (plain ``Table`` objects), objects are attributed to *module*.
    :param module: where plain tables are declared, e.g. ``videodb.models``.
    """
    found: Declared = {}
    for table in metadata.tables.values():
        owner = f"Table({table.name!r}) in {module}"
        tname = _table_name(table)
        found[("table", tname)] = owner
        for column in table.columns:
            found[("column", f"{tname}.{column.name}")] = f"{owner}, column {column.name!r}"
        for kind, name in _named_items(table):
            found[(kind, f"{tname}.{name}")] = owner
    for mapper in registry.mappers if registry is not None else ():
        cls = f"{mapper.class_.__module__}.{mapper.class_.__qualname__}"
        for mapped in mapper.tables:
            tname = _table_name(mapped)
            found[("table", tname)] = cls
            # Mappers map Table objects; a bare TableClause declares no constraints or indexes.
            for kind, name in _named_items(mapped) if isinstance(mapped, sa.Table) else ():
                found[(kind, f"{tname}.{name}")] = f"{cls}.__table_args__"
        for prop in mapper.column_attrs:
            for mapped_column in prop.columns:
                if isinstance(mapped_column, sa.Column) and isinstance(mapped_column.table, sa.Table):
                    found[("column", f"{_table_name(mapped_column.table)}.{mapped_column.name}")] = f"{cls}.{prop.key}"
    # A key declared on one column (primary_key=True, ForeignKey("users.user_id")) is that attribute's.
    for table in metadata.tables.values():
        tname = _table_name(table)
        for item in table.constraints:
            cols = list(getattr(item, "columns", ()))
            if not isinstance(item, sa.CheckConstraint) and isinstance(item.name, str) and len(cols) == 1:
                attr = found.get(("column", f"{tname}.{cols[0].name}"))
                if attr:
                    found[("constraint", f"{tname}.{item.name}")] = attr
    return found


def enum_declarations(metadata: sa.MetaData, found: Declared) -> Declared:
    """Add the enum types the models' columns use, attributed to the first column that names them."""
    for table in metadata.tables.values():
        for column in table.columns:
            if isinstance(column.type, sa.Enum) and column.type.name:
                key = ("enum", f"{column.type.schema or 'public'}.{column.type.name}")
                owner = found.get(("column", f"{_table_name(table)}.{column.name}"))
                if owner and key not in found:
                    found[key] = f"{owner} (enum {column.type.name})"
    return found
