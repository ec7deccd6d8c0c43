"""core tables: extensions, enums, set_updated_at(), users, videos, scenes, jobs

Revision ID: 0001_core_tables
Revises:
Create Date: 2025-11-10 09:00:00

videos.user_id is ON DELETE RESTRICT: an account with videos is not deleted
by accident; account deletion removes the videos (and storage objects) first.

videos gets exactly the seed's columns (no title/description/filename: those
arrive in 0002 and move to video_metadata in 0003). scenes is created without
transcript_tsv (0005) and thumbnail_key (0006).

Downgrade drops everything this revision created, including the extensions,
the enum types and the trigger function.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001_core_tables"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOW = sa.text("CURRENT_TIMESTAMP")
GEN_UUID = sa.text("gen_random_uuid()")
TSTZ = sa.DateTime(timezone=True)
VIDEO_STATE = postgresql.ENUM(name="video_state", create_type=False)
JOB_STATE = postgresql.ENUM(name="job_state", create_type=False)

# Must stay byte-identical to schema/create_schema.sql: PostgreSQL keeps
# function bodies verbatim (prosrc).
SET_UPDATED_AT = """\
CREATE FUNCTION set_updated_at() RETURNS TRIGGER
LANGUAGE plpgsql
AS $fn$
BEGIN
    NEW.updated_at := CURRENT_TIMESTAMP;
    RETURN NEW;
END;
$fn$"""


def _trigger(table: str) -> str:
    return (
        f"CREATE TRIGGER {table}_set_updated_at BEFORE UPDATE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION set_updated_at()"
    )


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS citext")
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")

    op.execute(
        "CREATE TYPE video_state AS ENUM "
        "('uploading', 'processing', 'ready', 'failed')"
    )
    op.execute(
        "CREATE TYPE job_state AS ENUM ('queued', 'running', 'succeeded', 'failed')"
    )
    op.execute("COMMENT ON TYPE video_state IS 'Lifecycle of an uploaded video.'")
    op.execute(
        "COMMENT ON TYPE job_state IS 'Lifecycle of a background processing job.'"
    )

    op.execute(SET_UPDATED_AT)
    op.execute(
        "COMMENT ON FUNCTION set_updated_at() IS "
        "'Trigger function: sets NEW.updated_at to the current timestamp.'"
    )

    op.create_table(
        "users",
        sa.Column("user_id", postgresql.UUID(), nullable=False, server_default=GEN_UUID),
        sa.Column(
            "email",
            postgresql.CITEXT(),
            nullable=False,
            comment="Login e-mail, unique case-insensitively.",
        ),
        sa.Column("display_name", sa.String(255)),
        sa.Column("is_active", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column("created_at", TSTZ, nullable=False, server_default=NOW),
        sa.Column("updated_at", TSTZ, nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint("user_id", name=op.f("users_pkey")),
        sa.UniqueConstraint("email", name=op.f("users_email_key")),
        sa.CheckConstraint("strpos(email, '@') > 1", name=op.f("users_email_check")),
        comment="Accounts that own videos and person libraries.",
    )
    op.execute(_trigger("users"))

    op.create_table(
        "videos",
        sa.Column("video_id", postgresql.UUID(), nullable=False, server_default=GEN_UUID),
        sa.Column("user_id", postgresql.UUID(), nullable=False),
        sa.Column(
            "storage_key", sa.String(512), comment="Object-storage key of the file."
        ),
        sa.Column("mime_type", sa.String(127)),
        sa.Column("size_bytes", sa.BigInteger()),
        sa.Column("duration_s", sa.Numeric(10, 3), comment="Duration in seconds."),
        sa.Column(
            "state",
            VIDEO_STATE,
            nullable=False,
            server_default=sa.text("'uploading'"),
            comment="Processing state.",
        ),
        sa.Column("error_text", sa.Text()),
        sa.Column("created_at", TSTZ, nullable=False, server_default=NOW),
        sa.Column("indexed_at", TSTZ, comment="When search indexing finished."),
        sa.PrimaryKeyConstraint("video_id", name=op.f("videos_pkey")),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.user_id"],
            name=op.f("videos_user_id_fkey"),
            ondelete="RESTRICT",
        ),
        sa.CheckConstraint("size_bytes >= 0", name=op.f("videos_size_bytes_check")),
        sa.CheckConstraint("duration_s >= 0", name=op.f("videos_duration_s_check")),
        comment="Uploaded video files and their processing state.",
    )
    op.create_index(
        op.f("videos_user_id_created_at_idx"), "videos", ["user_id", "created_at"]
    )

    op.create_table(
        "scenes",
        sa.Column("scene_id", postgresql.UUID(), nullable=False, server_default=GEN_UUID),
        sa.Column("video_id", postgresql.UUID(), nullable=False),
        sa.Column(
            "ordinal",
            sa.Integer(),
            nullable=False,
            comment="Position of the scene in its video.",
        ),
        sa.Column("start_s", sa.Numeric(10, 3), nullable=False),
        sa.Column("end_s", sa.Numeric(10, 3), nullable=False),
        sa.Column("transcript", sa.Text()),
        sa.Column("created_at", TSTZ, nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint("scene_id", name=op.f("scenes_pkey")),
        sa.ForeignKeyConstraint(
            ["video_id"],
            ["videos.video_id"],
            name=op.f("scenes_video_id_fkey"),
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("video_id", "ordinal", name=op.f("scenes_video_id_ordinal_key")),
        sa.CheckConstraint("ordinal >= 0", name=op.f("scenes_ordinal_check")),
        sa.CheckConstraint("start_s >= 0", name=op.f("scenes_start_s_check")),
        sa.CheckConstraint("end_s >= start_s", name=op.f("scenes_end_after_start_check")),
        comment="Scenes detected in a video, in order.",
    )

    op.create_table(
        "jobs",
        sa.Column("job_id", postgresql.UUID(), nullable=False, server_default=GEN_UUID),
        sa.Column("video_id", postgresql.UUID(), nullable=False),
        sa.Column(
            "kind",
            sa.String(63),
            nullable=False,
            comment="Job type, e.g. transcode or transcribe.",
        ),
        sa.Column(
            "state", JOB_STATE, nullable=False, server_default=sa.text("'queued'")
        ),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default=sa.text("0")),
        sa.Column("payload", postgresql.JSONB()),
        sa.Column("error_text", sa.Text()),
        sa.Column("created_at", TSTZ, nullable=False, server_default=NOW),
        sa.Column("updated_at", TSTZ, nullable=False, server_default=NOW),
        sa.Column("started_at", TSTZ),
        sa.Column("finished_at", TSTZ),
        sa.PrimaryKeyConstraint("job_id", name=op.f("jobs_pkey")),
        sa.ForeignKeyConstraint(
            ["video_id"],
            ["videos.video_id"],
            name=op.f("jobs_video_id_fkey"),
            ondelete="CASCADE",
        ),
        sa.CheckConstraint("kind <> ''", name=op.f("jobs_kind_check")),
        sa.CheckConstraint("attempts >= 0", name=op.f("jobs_attempts_check")),
        sa.CheckConstraint(
            "finished_at IS NULL OR started_at IS NULL OR finished_at >= started_at",
            name=op.f("jobs_finished_after_started_check"),
        ),
        comment="Background processing jobs for a video.",
    )
    op.create_index(op.f("jobs_video_id_idx"), "jobs", ["video_id"])
    op.create_index(
        op.f("jobs_queued_created_at_idx"),
        "jobs",
        ["created_at"],
        postgresql_where=sa.text("state = 'queued'"),
    )
    op.execute(_trigger("jobs"))


def downgrade() -> None:
    op.drop_table("jobs")
    op.drop_table("scenes")
    op.drop_table("videos")
    op.drop_table("users")
    op.execute("DROP FUNCTION set_updated_at()")
    op.execute("DROP TYPE job_state")
    op.execute("DROP TYPE video_state")
    op.execute("DROP EXTENSION IF EXISTS pg_trgm")
    op.execute("DROP EXTENSION IF EXISTS citext")
