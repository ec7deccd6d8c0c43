"""``pgcanon revision``: the next Alembic revision, generated from the DDL edit and proven before it is kept."""

from __future__ import annotations

from pgcanon.revision.command import revision

__all__ = ["revision"]
