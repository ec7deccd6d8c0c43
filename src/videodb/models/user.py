"""users: accounts that own videos and person libraries."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, CheckConstraint, String, true
from sqlalchemy.dialects.postgresql import CITEXT, UUID
from sqlalchemy.orm import Mapped, mapped_column, relationship

from videodb.models.base import GEN_UUID, Base, created_at_column, updated_at_column

if TYPE_CHECKING:
    from videodb.models.people import Person
    from videodb.models.video import Video


class User(Base):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("strpos(email, '@') > 1", name="email"),
        {"comment": "Accounts that own videos and person libraries."},
    )

    user_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), primary_key=True, server_default=GEN_UUID
    )
    email: Mapped[str] = mapped_column(
        CITEXT,
        nullable=False,
        unique=True,
        comment="Login e-mail, unique case-insensitively.",
    )
    display_name: Mapped[str | None] = mapped_column(String(255))
    is_active: Mapped[bool] = mapped_column(
        Boolean, nullable=False, server_default=true()
    )
    created_at: Mapped[dt.datetime] = created_at_column()
    updated_at: Mapped[dt.datetime] = updated_at_column()

    # ON DELETE RESTRICT: delete the videos (and their storage objects) first;
    # the ORM never deletes or orphans them implicitly.
    videos: Mapped[list[Video]] = relationship(
        back_populates="user", passive_deletes="all"
    )
    persons: Mapped[list[Person]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )

    def __repr__(self) -> str:
        return f"<User {self.user_id} {self.email!r}>"
