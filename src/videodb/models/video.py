"""videos and video_metadata (1:1).

The seed outage: title, description and filename are NOT columns of videos;
they live in video_metadata (the filename as tags["filename"]).
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Numeric,
    String,
    Text,
    func,
    text,
)
from sqlalchemy import (
    Enum as SAEnum,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column, relationship

from videodb.models.base import GEN_UUID, Base, created_at_column, updated_at_column

if TYPE_CHECKING:
    from videodb.models.job import Job
    from videodb.models.scene import Scene
    from videodb.models.user import User


class VideoState(enum.Enum):
    """PostgreSQL enum video_state; labels are the lower-case values."""

    UPLOADING = "uploading"
    PROCESSING = "processing"
    READY = "ready"
    FAILED = "failed"


class Video(Base):
    __tablename__ = "videos"
    __table_args__ = (
        CheckConstraint("size_bytes >= 0", name="size_bytes"),
        CheckConstraint("duration_s >= 0", name="duration_s"),
        Index("videos_user_id_created_at_idx", "user_id", "created_at"),
        {"comment": "Uploaded video files and their processing state."},
    )

    video_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), primary_key=True, server_default=GEN_UUID
    )
    user_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True),
        ForeignKey("users.user_id", ondelete="RESTRICT"),
        nullable=False,
    )
    storage_key: Mapped[str | None] = mapped_column(
        String(512), comment="Object-storage key of the file."
    )
    mime_type: Mapped[str | None] = mapped_column(String(127))
    size_bytes: Mapped[int | None] = mapped_column(BigInteger)
    duration_s: Mapped[decimal.Decimal | None] = mapped_column(
        Numeric(10, 3), comment="Duration in seconds."
    )
    state: Mapped[VideoState] = mapped_column(
        SAEnum(
            VideoState,
            name="video_state",
            values_callable=lambda e: [m.value for m in e],
        ),
        nullable=False,
        server_default=text("'uploading'"),
        comment="Processing state.",
    )
    error_text: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = created_at_column()
    indexed_at: Mapped[dt.datetime | None] = mapped_column(
        DateTime(timezone=True), comment="When search indexing finished."
    )

    user: Mapped[User] = relationship(back_populates="videos")
    # Never name this attribute `metadata`: reserved by SQLAlchemy.
    video_metadata: Mapped[VideoMetadata | None] = relationship(
        back_populates="video",
        uselist=False,
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    scenes: Mapped[list[Scene]] = relationship(
        back_populates="video",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Scene.ordinal",
    )
    jobs: Mapped[list[Job]] = relationship(
        back_populates="video", cascade="all, delete-orphan", passive_deletes=True
    )

    def __repr__(self) -> str:
        return f"<Video {self.video_id} {self.state}>"


class VideoMetadata(Base):
    __tablename__ = "video_metadata"
    __table_args__ = (
        CheckConstraint("jsonb_typeof(tags) = 'object'", name="tags"),
        Index("video_metadata_tags_idx", "tags", postgresql_using="gin"),
        {"comment": "User-facing metadata of a video, 1:1 with videos."},
    )

    video_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True),
        ForeignKey("videos.video_id", ondelete="CASCADE"),
        primary_key=True,
    )
    title: Mapped[str | None] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(Text)
    tags: Mapped[dict[str, Any] | None] = mapped_column(
        JSONB,
        comment='Free-form JSON object; "filename" holds the uploaded file name.',
    )
    thumbnail_url: Mapped[str | None] = mapped_column(String(512))
    created_at: Mapped[dt.datetime] = created_at_column()
    updated_at: Mapped[dt.datetime] = updated_at_column()

    video: Mapped[Video] = relationship(back_populates="video_metadata")

    @property
    def filename(self) -> str | None:
        """The uploaded file name, kept in tags["filename"]."""
        return (self.tags or {}).get("filename")


# Case-insensitive title lookups (expression index).
Index("video_metadata_lower_title_idx", func.lower(VideoMetadata.title))
