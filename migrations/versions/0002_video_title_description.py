"""add title, description and filename to videos

Revision ID: 0002_video_title_description
Revises: 0001_core_tables
Create Date: 2025-11-11 01:00:00

The seed's first attempt (20251111_0100_003_add_video_metadata.py): the
user-facing fields as columns of videos. 0003 moves them to video_metadata.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_video_title_description"
down_revision: str | Sequence[str] | None = "0001_core_tables"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("videos", sa.Column("title", sa.String(512)))
    op.add_column("videos", sa.Column("description", sa.Text()))
    op.add_column("videos", sa.Column("filename", sa.String(512)))


def downgrade() -> None:
    op.drop_column("videos", "filename")
    op.drop_column("videos", "description")
    op.drop_column("videos", "title")
