"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}

Keep schema/create_schema.sql and src/videodb/models/ in step with this
revision: `alembic upgrade head` must build exactly what the DDL builds.
Use a readable revision id (``alembic revision --rev-id 0007_short_name``)
and give every constraint and index an explicit, final name with op.f("...")
(target_metadata's naming convention would otherwise rewrite check names).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
${imports if imports else ""}

# revision identifiers, used by Alembic.
revision: str = ${repr(up_revision)}
down_revision: str | Sequence[str] | None = ${repr(down_revision)}
branch_labels: str | Sequence[str] | None = ${repr(branch_labels)}
depends_on: str | Sequence[str] | None = ${repr(depends_on)}


def upgrade() -> None:
    ${upgrades if upgrades else "pass"}


def downgrade() -> None:
    ${downgrades if downgrades else "pass"}
