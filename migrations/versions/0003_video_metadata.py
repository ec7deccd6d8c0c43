"""move title, description and filename from videos to video_metadata

Revision ID: 0003_video_metadata
Revises: 0002_video_title_description
Create Date: 2025-11-12 13:41:00

Creates video_metadata (1:1 with videos, ON DELETE CASCADE) and MOVES the data:
every video with a title, a description or a filename gets a video_metadata
row, then the three columns are dropped from videos.

video_metadata has no filename column: the filename is kept in tags as
{"filename": ...}, so no data is lost.

videos.title was VARCHAR(512), video_metadata.title is VARCHAR(255): rather
than truncate silently, the upgrade refuses (and changes nothing) while any
title is longer than 255 characters.

Downgrade re-adds the three columns to videos (appended, as in 0002), moves
title and description back and takes the filename from tags->>'filename',
then drops video_metadata. What only video_metadata can hold (other tags,
thumbnail_url, its timestamps) has no place at 0002 and is dropped with it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003_video_metadata"
down_revision: str | Sequence[str] | None = "0002_video_title_description"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Findings of `pgcanon review` this revision accepts, with the reason (see README, "pgcanon review").
pgcanon_review_accept = {
    "ban-drop-column": (
        "the columns move: this same revision copies title, description and filename into "
        "video_metadata before dropping them, and its downgrade moves them back"
    ),
}

NOW = sa.text("CURRENT_TIMESTAMP")
TSTZ = sa.DateTime(timezone=True)

CHECK_TITLE_LENGTH = """\
DO $check$
DECLARE
    too_long bigint;
BEGIN
    SELECT count(*) INTO too_long FROM videos WHERE length(title) > 255;
    IF too_long > 0 THEN
        RAISE EXCEPTION USING
            ERRCODE = 'string_data_right_truncation',
            MESSAGE = too_long || ' videos.title value(s) exceed 255 characters'
                || ' (video_metadata.title is VARCHAR(255))',
            HINT = 'Shorten those titles, then run the migration again.';
    END IF;
END
$check$"""

MOVE_TO_METADATA = """\
INSERT INTO video_metadata (video_id, title, description, tags, created_at)
SELECT
    video_id,
    title,
    description,
    CASE
        WHEN filename IS NOT NULL THEN jsonb_build_object('filename', filename)
    END,
    created_at
FROM videos
WHERE title IS NOT NULL OR description IS NOT NULL OR filename IS NOT NULL"""

MOVE_BACK = """\
UPDATE videos AS v
SET
    title = m.title,
    description = m.description,
    filename = m.tags ->> 'filename'
FROM video_metadata AS m
WHERE m.video_id = v.video_id"""


def upgrade() -> None:
    op.execute(CHECK_TITLE_LENGTH)
    op.create_table(
        "video_metadata",
        sa.Column("video_id", postgresql.UUID(), nullable=False),
        sa.Column("title", sa.String(255)),
        sa.Column("description", sa.Text()),
        sa.Column(
            "tags",
            postgresql.JSONB(),
            comment='Free-form JSON object; "filename" holds the uploaded file name.',
        ),
        sa.Column("thumbnail_url", sa.String(512)),
        sa.Column("created_at", TSTZ, nullable=False, server_default=NOW),
        sa.Column("updated_at", TSTZ, nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint("video_id", name=op.f("video_metadata_pkey")),
        sa.ForeignKeyConstraint(
            ["video_id"],
            ["videos.video_id"],
            name=op.f("video_metadata_video_id_fkey"),
            ondelete="CASCADE",
        ),
        sa.CheckConstraint(
            "jsonb_typeof(tags) = 'object'", name=op.f("video_metadata_tags_check")
        ),
        comment="User-facing metadata of a video, 1:1 with videos.",
    )
    op.create_index(
        op.f("video_metadata_tags_idx"), "video_metadata", ["tags"], postgresql_using="gin"
    )
    op.create_index(
        op.f("video_metadata_lower_title_idx"),
        "video_metadata",
        [sa.text("lower(title)")],
    )
    op.execute(
        "CREATE TRIGGER video_metadata_set_updated_at BEFORE UPDATE ON video_metadata "
        "FOR EACH ROW EXECUTE FUNCTION set_updated_at()"
    )

    op.execute(MOVE_TO_METADATA)

    op.drop_column("videos", "filename")
    op.drop_column("videos", "description")
    op.drop_column("videos", "title")


def downgrade() -> None:
    op.add_column("videos", sa.Column("title", sa.String(512)))
    op.add_column("videos", sa.Column("description", sa.Text()))
    op.add_column("videos", sa.Column("filename", sa.String(512)))

    op.execute(MOVE_BACK)

    op.drop_table("video_metadata")
