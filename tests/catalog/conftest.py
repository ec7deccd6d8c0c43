"""Fixtures of the catalog reader tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

import psycopg
import pytest

from pgcanon.catalog import Snapshot, read_snapshot

if TYPE_CHECKING:
    from collections.abc import Callable


@pytest.fixture
def snapshot_of(empty_db: str) -> Callable[..., Snapshot]:
    """``snapshot_of(ddl, jobs=3)``: execute *ddl* in a fresh database and read its snapshot."""

    def build(ddl: str, *, jobs: int = 3) -> Snapshot:
        with psycopg.connect(empty_db, autocommit=True) as conn:
            conn.execute(ddl.encode())
        return read_snapshot(empty_db, jobs=jobs)

    return build
