"""persons, face_detections and scene_people (face recognition)."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import TYPE_CHECKING

from sqlalchemy import (
    REAL,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column, relationship

from videodb.models.base import GEN_UUID, Base, created_at_column, updated_at_column

if TYPE_CHECKING:
    from videodb.models.scene import Scene
    from videodb.models.user import User


class Person(Base):
    __tablename__ = "persons"
    __table_args__ = (
        UniqueConstraint("user_id", "display_name"),
        CheckConstraint("display_name <> ''", name="display_name"),
        # Fuzzy name search (pg_trgm).
        Index(
            "persons_display_name_trgm_idx",
            "display_name",
            postgresql_using="gin",
            postgresql_ops={"display_name": "gin_trgm_ops"},
        ),
        {"comment": "People a user has named in their videos."},
    )

    person_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), primary_key=True, server_default=GEN_UUID
    )
    user_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True),
        ForeignKey("users.user_id", ondelete="CASCADE"),
        nullable=False,
    )
    display_name: Mapped[str] = mapped_column(String(255), nullable=False)
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = created_at_column()
    updated_at: Mapped[dt.datetime] = updated_at_column()

    user: Mapped[User] = relationship(back_populates="persons")
    # ON DELETE SET NULL: the database un-assigns the faces.
    face_detections: Mapped[list[FaceDetection]] = relationship(
        back_populates="person", passive_deletes=True
    )
    scene_people: Mapped[list[ScenePerson]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True
    )


class FaceDetection(Base):
    __tablename__ = "face_detections"
    __table_args__ = (
        CheckConstraint("frame_s >= 0", name="frame_s"),
        CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence"),
        CheckConstraint(
            "bbox_x >= 0 AND bbox_y >= 0 AND bbox_w > 0 AND bbox_h > 0"
            " AND bbox_x + bbox_w <= 1 AND bbox_y + bbox_h <= 1",
            name="bbox",
        ),
        # Only named faces are looked up by person (partial index).
        Index(
            "face_detections_person_id_idx",
            "person_id",
            postgresql_where=text("person_id IS NOT NULL"),
        ),
        {"comment": "Faces detected in scene frames."},
    )

    detection_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), primary_key=True, server_default=GEN_UUID
    )
    scene_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True),
        ForeignKey("scenes.scene_id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )
    person_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True),
        ForeignKey("persons.person_id", ondelete="SET NULL"),
        comment="The recognised person; NULL while unnamed.",
    )
    frame_s: Mapped[decimal.Decimal] = mapped_column(Numeric(10, 3), nullable=False)
    bbox_x: Mapped[float] = mapped_column(REAL, nullable=False)
    bbox_y: Mapped[float] = mapped_column(REAL, nullable=False)
    bbox_w: Mapped[float] = mapped_column(REAL, nullable=False)
    bbox_h: Mapped[float] = mapped_column(REAL, nullable=False)
    confidence: Mapped[float] = mapped_column(REAL, nullable=False)
    created_at: Mapped[dt.datetime] = created_at_column()

    scene: Mapped[Scene] = relationship(back_populates="face_detections")
    person: Mapped[Person | None] = relationship(back_populates="face_detections")


class ScenePerson(Base):
    __tablename__ = "scene_people"
    __table_args__ = (
        CheckConstraint("detection_count >= 0", name="detection_count"),
        {"comment": "Which persons appear in which scenes."},
    )

    scene_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True),
        ForeignKey("scenes.scene_id", ondelete="CASCADE"),
        primary_key=True,
    )
    person_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True),
        ForeignKey("persons.person_id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    )
    detection_count: Mapped[int] = mapped_column(
        Integer, nullable=False, server_default=text("0")
    )
    created_at: Mapped[dt.datetime] = created_at_column()

    scene: Mapped[Scene] = relationship(back_populates="scene_people")
    person: Mapped[Person] = relationship(back_populates="scene_people")
