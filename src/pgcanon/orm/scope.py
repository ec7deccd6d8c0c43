"""What a comparison with ORM models covers.

``MetaData.create_all`` creates tables, their columns, keys, constraints,
indexes, enum types and (here, through the models' own hook) extensions. It
cannot declare triggers, trigger functions, views, policies or grants, so a
comparison with models leaves those kinds out and says so, instead of
reporting every trigger of the DDL as missing from the models.
"""

from __future__ import annotations

import dataclasses

from pgcanon.diff import DiffOptions

#: The object kinds models declare, compared strictly.
ORM_KINDS = frozenset({"schema", "extension", "enum", "sequence", "table", "column", "constraint", "index"})

#: The kinds SQLAlchemy can put a comment on (``Table(comment=)``, ``Column(comment=)``).
COMMENTABLE = frozenset({"table", "column"})

#: What a comparison with models leaves out, in the words the report prints.
LEFT_OUT = (
    "triggers, rules, event triggers, functions, procedures, views, policies, domains, composite types, "
    "range types, collations, text search objects, extended statistics, publications, "
    "casts, operators, operator families and classes, foreign data wrappers, servers, user mappings, foreign "
    "tables, owners, privileges, and comments on anything but tables and columns"
)


def orm_options(options: DiffOptions) -> DiffOptions:
    """*options* narrowed to what models can declare (the user's own relaxations kept)."""
    kinds = ORM_KINDS if options.kinds is None else options.kinds & ORM_KINDS
    return dataclasses.replace(options, kinds=frozenset(kinds), ignore_privileges=True)
