"""people: persons, face_detections, scene_people

Revision ID: 0004_people
Revises: 0003_video_metadata
Create Date: 2025-11-13 10:00:00

Face recognition. face_detections.scene_id CASCADE (a scene's faces go with
it), face_detections.person_id SET NULL (deleting a person un-names the
faces), scene_people CASCADE on both sides (a link goes with either end).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004_people"
down_revision: str | Sequence[str] | None = "0003_video_metadata"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOW = sa.text("CURRENT_TIMESTAMP")
GEN_UUID = sa.text("gen_random_uuid()")
TSTZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "persons",
        sa.Column(
            "person_id", postgresql.UUID(), nullable=False, server_default=GEN_UUID
        ),
        sa.Column("user_id", postgresql.UUID(), nullable=False),
        sa.Column("display_name", sa.String(255), nullable=False),
        sa.Column("notes", sa.Text()),
        sa.Column("created_at", TSTZ, nullable=False, server_default=NOW),
        sa.Column("updated_at", TSTZ, nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint("person_id", name=op.f("persons_pkey")),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.user_id"],
            name=op.f("persons_user_id_fkey"),
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint(
            "user_id", "display_name", name=op.f("persons_user_id_display_name_key")
        ),
        sa.CheckConstraint("display_name <> ''", name=op.f("persons_display_name_check")),
        comment="People a user has named in their videos.",
    )
    op.create_index(
        op.f("persons_display_name_trgm_idx"),
        "persons",
        ["display_name"],
        postgresql_using="gin",
        postgresql_ops={"display_name": "gin_trgm_ops"},
    )
    op.execute(
        "CREATE TRIGGER persons_set_updated_at BEFORE UPDATE ON persons "
        "FOR EACH ROW EXECUTE FUNCTION set_updated_at()"
    )

    op.create_table(
        "face_detections",
        sa.Column(
            "detection_id", postgresql.UUID(), nullable=False, server_default=GEN_UUID
        ),
        sa.Column("scene_id", postgresql.UUID(), nullable=False),
        sa.Column(
            "person_id",
            postgresql.UUID(),
            comment="The recognised person; NULL while unnamed.",
        ),
        sa.Column("frame_s", sa.Numeric(10, 3), nullable=False),
        sa.Column("bbox_x", sa.REAL(), nullable=False),
        sa.Column("bbox_y", sa.REAL(), nullable=False),
        sa.Column("bbox_w", sa.REAL(), nullable=False),
        sa.Column("bbox_h", sa.REAL(), nullable=False),
        sa.Column("confidence", sa.REAL(), nullable=False),
        sa.Column("created_at", TSTZ, nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint("detection_id", name=op.f("face_detections_pkey")),
        sa.ForeignKeyConstraint(
            ["scene_id"],
            ["scenes.scene_id"],
            name=op.f("face_detections_scene_id_fkey"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.person_id"],
            name=op.f("face_detections_person_id_fkey"),
            ondelete="SET NULL",
        ),
        sa.CheckConstraint("frame_s >= 0", name=op.f("face_detections_frame_s_check")),
        sa.CheckConstraint(
            "confidence >= 0 AND confidence <= 1",
            name=op.f("face_detections_confidence_check"),
        ),
        sa.CheckConstraint(
            "bbox_x >= 0 AND bbox_y >= 0 AND bbox_w > 0 AND bbox_h > 0"
            " AND bbox_x + bbox_w <= 1 AND bbox_y + bbox_h <= 1",
            name=op.f("face_detections_bbox_check"),
        ),
        comment="Faces detected in scene frames.",
    )
    op.create_index(op.f("face_detections_scene_id_idx"), "face_detections", ["scene_id"])
    op.create_index(
        op.f("face_detections_person_id_idx"),
        "face_detections",
        ["person_id"],
        postgresql_where=sa.text("person_id IS NOT NULL"),
    )

    op.create_table(
        "scene_people",
        sa.Column("scene_id", postgresql.UUID(), nullable=False),
        sa.Column("person_id", postgresql.UUID(), nullable=False),
        sa.Column(
            "detection_count", sa.Integer(), nullable=False, server_default=sa.text("0")
        ),
        sa.Column("created_at", TSTZ, nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint("scene_id", "person_id", name=op.f("scene_people_pkey")),
        sa.ForeignKeyConstraint(
            ["scene_id"],
            ["scenes.scene_id"],
            name=op.f("scene_people_scene_id_fkey"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.person_id"],
            name=op.f("scene_people_person_id_fkey"),
            ondelete="CASCADE",
        ),
        sa.CheckConstraint(
            "detection_count >= 0", name=op.f("scene_people_detection_count_check")
        ),
        comment="Which persons appear in which scenes.",
    )
    op.create_index(op.f("scene_people_person_id_idx"), "scene_people", ["person_id"])


def downgrade() -> None:
    op.drop_table("scene_people")
    op.drop_table("face_detections")
    op.drop_table("persons")
