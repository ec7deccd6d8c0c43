"""Model mistakes found before the models are built, because building them fails or hides them.

Both come from the seed's outage devlogs:

- ``server_default="CURRENT_TIMESTAMP"``: SQLAlchemy quotes a plain string, so the
  column's default is the *text* 'CURRENT_TIMESTAMP' (on a timestamp column
  ``create_all`` then fails outright);
- an enum mapped without ``values_callable`` stores the members' *names*
  (``UPLOADING``) where the database has their values (``uploading``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlalchemy as sa

from pgcanon.diff.changes import Change
from pgcanon.orm.explain import short

if TYPE_CHECKING:
    from pgcanon.orm.declared import Declared
    from pgcanon.orm.located import Located

#: SQL that is an expression, not a literal: SQL-standard value functions and function calls.
_SQL_EXPRESSION = re.compile(
    r"^\s*(current_(timestamp|date|time|user|role|schema)|localtime(stamp)?|session_user|user"
    r"|[a-z_][a-z0-9_.]*\s*\(.*\))\s*$",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class ModelProblem(Change):
    """A mistake in a model, found by reading the models; already worded for the reader."""

    line: str = ""

    @property
    def change(self) -> str:
        return "problem"

    def describe(self, old_label: str, new_label: str) -> str:
        return self.line


def problems(metadata: sa.MetaData, declared: Declared, located: Located, ddl_label: str) -> tuple[ModelProblem, ...]:
    """Every string server default that is SQL, and every enum that stores member names."""
    found = []
    for table in metadata.tables.values():
        tname = f"{table.schema or 'public'}.{table.name}"
        for column in table.columns:
            name = f"{tname}.{column.name}"
            where = declared.get(("column", name), f"{tname}.{column.name}")
            ddl = located.get(("column", name), ddl_label)
            default = column.server_default
            arg = getattr(default, "arg", None)
            if isinstance(arg, str) and _SQL_EXPRESSION.match(arg):
                found.append(ModelProblem("column", name, group=tname, line=(
                    f"column {short(name)}: server_default={arg!r} in {where} is a string literal "
                    f"(SQLAlchemy quotes it), not the SQL expression {ddl} has: "
                    f"write server_default=text({arg!r})")))
            enum_class = getattr(column.type, "enum_class", None)
            if isinstance(column.type, sa.Enum) and enum_class is not None:
                names = [m.name for m in enum_class]
                values = [str(m.value) for m in enum_class]
                if list(column.type.enums) == names and names != values:
                    found.append(ModelProblem("enum", f"public.{column.type.name}", group=tname, line=(
                        f"enum {column.type.name}: {where} stores member names ({', '.join(names)}), "
                        f"the database has their values ({', '.join(values)}): map it with "
                        "values_callable=lambda e: [m.value for m in e]")))
    return tuple(dict.fromkeys(found))
