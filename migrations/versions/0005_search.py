"""search: generated tsvector on scenes.transcript, video_overview view

Revision ID: 0005_search
Revises: 0004_people
Create Date: 2025-11-14 10:00:00

scenes.transcript_tsv is a STORED generated column (ADD COLUMN appends it
after scenes.created_at) with a GIN index. video_overview is what the API's
video list reads: a video with its metadata, the filename from tags.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005_search"
down_revision: str | Sequence[str] | None = "0004_people"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Findings of `pgcanon review` this revision accepts, with the reason (see README, "pgcanon review").
pgcanon_review_accept = {
    "adding-stored-generated-field": (
        "accepted knowingly: the tsvector must be generated to stay in step with transcript, and "
        "adding it rewrites scenes under an ACCESS EXCLUSIVE lock; run it in a maintenance window "
        "while scenes is small. New computed columns are plain columns backfilled in batches"
    ),
    "require-concurrent-index-creation": (
        "accepted knowingly: the index is built in the same transaction as the column it indexes "
        "(the table is already locked by the rewrite above), so CONCURRENTLY would buy nothing here. "
        "New indexes on existing tables are built CONCURRENTLY in an autocommit_block"
    ),
}

VIDEO_OVERVIEW = """\
CREATE VIEW video_overview AS
SELECT
    v.video_id,
    v.user_id,
    m.title,
    m.description,
    m.tags,
    m.thumbnail_url,
    v.state,
    v.storage_key,
    v.mime_type,
    v.size_bytes,
    v.duration_s,
    v.error_text,
    v.created_at,
    v.indexed_at,
    m.tags ->> 'filename' AS filename
FROM videos AS v
LEFT JOIN video_metadata AS m ON v.video_id = m.video_id"""


def upgrade() -> None:
    op.add_column(
        "scenes",
        sa.Column(
            "transcript_tsv",
            postgresql.TSVECTOR(),
            sa.Computed(
                "to_tsvector('english'::regconfig, coalesce(transcript, ''))",
                persisted=True,
            ),
            comment="Generated full-text vector over transcript.",
        ),
    )
    op.create_index(
        op.f("scenes_transcript_tsv_idx"),
        "scenes",
        ["transcript_tsv"],
        postgresql_using="gin",
    )
    op.execute(VIDEO_OVERVIEW)
    op.execute(
        "COMMENT ON VIEW video_overview IS 'Videos joined with their metadata.'"
    )


def downgrade() -> None:
    op.execute("DROP VIEW video_overview")
    op.drop_index(op.f("scenes_transcript_tsv_idx"), table_name=op.f("scenes"))
    op.drop_column("scenes", "transcript_tsv")
