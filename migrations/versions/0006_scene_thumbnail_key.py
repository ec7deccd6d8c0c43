"""add scenes.thumbnail_key

Revision ID: 0006_scene_thumbnail_key
Revises: 0005_search
Create Date: 2025-11-15 10:00:00

Added late, so it is the last column of scenes (after transcript_tsv); the
canonical DDL lists it last for that reason.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_scene_thumbnail_key"
down_revision: str | Sequence[str] | None = "0005_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "scenes",
        sa.Column(
            "thumbnail_key",
            sa.String(512),
            comment="Object-storage key of the scene thumbnail.",
        ),
    )


def downgrade() -> None:
    op.drop_column("scenes", "thumbnail_key")
