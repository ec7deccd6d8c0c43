"""ORM models checked against the canonical DDL, in the terms of the people who wrote them.

- :mod:`~pgcanon.orm.scope`: what a comparison with models may compare (models declare no triggers…);
- :mod:`~pgcanon.orm.declared`: which model class and attribute declares each table, column, constraint;
- :mod:`~pgcanon.orm.located`: where in the ``.sql`` files each object of the DDL is written;
- :mod:`~pgcanon.orm.explain`: a change as one line naming both;
- :mod:`~pgcanon.orm.autogen`: Alembic's autogenerate run against the canonical database.
"""

from __future__ import annotations

from pgcanon.orm.scope import LEFT_OUT, ORM_KINDS, orm_options

__all__ = ["LEFT_OUT", "ORM_KINDS", "orm_options"]
