"""The edit to this repository's schema/ that the revision tests make, as a developer would."""

from __future__ import annotations

from pathlib import Path

EDITS = (
    # a new column, listed last
    ("    indexed_at TIMESTAMP WITH TIME ZONE,\n    CONSTRAINT videos_pkey",
     "    indexed_at TIMESTAMP WITH TIME ZONE,\n    rating SMALLINT,\n    CONSTRAINT videos_pkey"),
    # an enum label in the middle
    ("    'processing',\n    'ready',", "    'processing',\n    'transcoding',\n    'ready',"),
    # a wider varchar under the view
    ("    mime_type VARCHAR(127),", "    mime_type VARCHAR(255),"),
    # the view uses the new column
    ("    v.indexed_at,\n    m.tags ->> 'filename' AS filename", "    v.indexed_at,\n    v.rating,\n"
     "    m.tags ->> 'filename' AS filename"),
    # a function body change
    ("    NEW.updated_at := CURRENT_TIMESTAMP;", "    NEW.updated_at := clock_timestamp();"),
)

NEW_TABLE = """
-- Playlists: a new table with a foreign key and an index.
CREATE TABLE playlists (
    playlist_id UUID NOT NULL DEFAULT gen_random_uuid(),
    user_id UUID NOT NULL,
    name VARCHAR(200) NOT NULL,
    CONSTRAINT playlists_pkey PRIMARY KEY (playlist_id),
    CONSTRAINT playlists_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (user_id) ON DELETE CASCADE
);

CREATE INDEX playlists_user_id_idx ON playlists (user_id);

-- A new index on a table that already holds rows: built CONCURRENTLY.
CREATE INDEX videos_state_idx ON videos (state);
"""


def edit_schema(root: Path) -> None:
    """Apply the edit to ``root/schema/create_schema.sql``."""
    path = root / "schema" / "create_schema.sql"
    text = path.read_text()
    for old, new in EDITS:
        assert text.count(old) == 1, f"the edit no longer fits schema/: {old!r}"
        text = text.replace(old, new)
    path.write_text(text + NEW_TABLE)
