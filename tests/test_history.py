"""The Alembic history: up to head and back to base, data kept across the moving revision,
and head equal to the canonical DDL (pg_dump as an independent oracle)."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

import psycopg
from pgdump import normalized_dump

from pgcanon import migrations
from pgcanon.sources import DdlSource

if TYPE_CHECKING:
    from pgcanon.config import Settings
    from pgcanon.server import Server

MOVE_REVISION = "0003_video_metadata"


def objects_of_ours(conninfo: str) -> list[str]:
    """Every relation, type, function and extension outside the system schemas, but alembic_version."""
    with psycopg.connect(conninfo) as conn:
        rows = conn.execute(
            """
            SELECT 'relation ' || c.oid::regclass::text FROM pg_class c
             WHERE c.relnamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
               AND c.relnamespace::regnamespace::text NOT LIKE 'pg_toast%%'
               AND c.relname NOT IN ('alembic_version', 'alembic_version_pkc')
            UNION ALL
            SELECT 'type ' || t.oid::regtype::text FROM pg_type t
             WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd', 'c')
               AND NOT EXISTS (SELECT FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind <> 'c')
            UNION ALL
            SELECT 'function ' || p.oid::regprocedure::text FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
            UNION ALL
            SELECT 'extension ' || extname FROM pg_extension WHERE extname <> 'plpgsql'
            ORDER BY 1
            """
        ).fetchall()
    return [r[0] for r in rows]


def test_upgrade_to_head_then_downgrade_to_base_leaves_nothing(settings: Settings, empty_db: str) -> None:
    applied = migrations.upgrade(settings, empty_db, "head")
    assert len(applied) >= 6
    assert objects_of_ours(empty_db), "head must create objects"
    migrations.downgrade(settings, empty_db, "base")
    assert objects_of_ours(empty_db) == []


def test_moving_revision_keeps_rows_both_ways(settings: Settings, empty_db: str) -> None:
    scripts = migrations.script_directory(settings)
    previous = scripts.get_revision(MOVE_REVISION).down_revision
    migrations.upgrade(settings, empty_db, str(previous))
    with psycopg.connect(empty_db) as conn:
        user_id = conn.execute(
            "INSERT INTO users (email, display_name) VALUES ('ana@example.com', 'Ana') RETURNING user_id"
        ).fetchone()[0]
        conn.execute(
            """INSERT INTO videos (video_id, user_id, title, description, filename)
               VALUES (gen_random_uuid(), %(u)s, 'Talk', 'About Postgres', 'talk.mp4'),
                      (gen_random_uuid(), %(u)s, NULL, NULL, NULL)""",
            {"u": user_id},
        )
    migrations.upgrade(settings, empty_db, MOVE_REVISION)
    with psycopg.connect(empty_db) as conn:
        rows = conn.execute("SELECT title, description, tags->>'filename' FROM video_metadata").fetchall()
        assert rows == [("Talk", "About Postgres", "talk.mp4")]
        assert conn.execute("SELECT count(*) FROM videos").fetchone() == (2,)
    migrations.downgrade(settings, empty_db, str(previous))
    with psycopg.connect(empty_db) as conn:
        rows = conn.execute("SELECT title, description, filename FROM videos ORDER BY title NULLS LAST").fetchall()
        assert rows == [("Talk", "About Postgres", "talk.mp4"), (None, None, None)]
        assert conn.execute("SELECT to_regclass('video_metadata')").fetchone() == (None,)


def test_head_equals_canonical_ddl_by_pg_dump(settings: Settings, pg_server: Server, empty_db: str) -> None:
    from pgcanon.scratch import scratch_database

    migrations.upgrade(settings, empty_db, "head")
    with scratch_database(pg_server) as ddl_db:
        DdlSource((settings.schema,), label="schema", root=settings.root).build(pg_server, ddl_db)
        expected, actual = normalized_dump(ddl_db), normalized_dump(empty_db)
    delta = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                         "schema", "migrations@head"))
    assert not delta, f"migrations@head differs from schema/:\n{delta}"
