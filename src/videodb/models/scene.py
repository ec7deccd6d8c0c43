"""scenes: the scenes detected in a video."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import TYPE_CHECKING

from sqlalchemy import (
    CheckConstraint,
    Computed,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import TSVECTOR, UUID
from sqlalchemy.orm import Mapped, mapped_column, relationship

from videodb.models.base import GEN_UUID, Base, created_at_column

if TYPE_CHECKING:
    from videodb.models.people import FaceDetection, Person, ScenePerson
    from videodb.models.video import Video

#: The generated column's expression, as in schema/create_schema.sql.
TRANSCRIPT_TSV_SQL = "to_tsvector('english'::regconfig, coalesce(transcript, ''))"


class Scene(Base):
    __tablename__ = "scenes"
    __table_args__ = (
        UniqueConstraint("video_id", "ordinal"),
        CheckConstraint("ordinal >= 0", name="ordinal"),
        CheckConstraint("start_s >= 0", name="start_s"),
        CheckConstraint("end_s >= start_s", name="end_after_start"),
        Index("scenes_transcript_tsv_idx", "transcript_tsv", postgresql_using="gin"),
        {"comment": "Scenes detected in a video, in order."},
    )

    scene_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), primary_key=True, server_default=GEN_UUID
    )
    video_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True),
        ForeignKey("videos.video_id", ondelete="CASCADE"),
        nullable=False,
    )
    ordinal: Mapped[int] = mapped_column(
        Integer, nullable=False, comment="Position of the scene in its video."
    )
    start_s: Mapped[decimal.Decimal] = mapped_column(Numeric(10, 3), nullable=False)
    end_s: Mapped[decimal.Decimal] = mapped_column(Numeric(10, 3), nullable=False)
    transcript: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = created_at_column()
    # Added by migration 0005 (hence after created_at).
    transcript_tsv: Mapped[str | None] = mapped_column(
        TSVECTOR,
        Computed(TRANSCRIPT_TSV_SQL, persisted=True),
        comment="Generated full-text vector over transcript.",
    )
    # Added by migration 0006, hence last.
    thumbnail_key: Mapped[str | None] = mapped_column(
        String(512), comment="Object-storage key of the scene thumbnail."
    )

    video: Mapped[Video] = relationship(back_populates="scenes")
    face_detections: Mapped[list[FaceDetection]] = relationship(
        back_populates="scene", cascade="all, delete-orphan", passive_deletes=True
    )
    scene_people: Mapped[list[ScenePerson]] = relationship(
        back_populates="scene", cascade="all, delete-orphan", passive_deletes=True
    )
    people: Mapped[list[Person]] = relationship(
        secondary="scene_people", viewonly=True
    )
