-- =============================================================================
-- Video platform: canonical schema (PostgreSQL 14 .. 18)
--
-- This file is the one source of truth for the database. The Alembic history
-- in migrations/ and the ORM models in src/videodb/models/ must build exactly
-- the same catalog; `pgcanon check` enforces it.
--
-- Conventions
--   * Constraint and index names follow PostgreSQL's defaults
--     (<table>_pkey, <table>_<col>_fkey, <table>_<cols>_key,
--     <table>_<col>_check, <table>_<cols>_idx) and are always spelled out.
--   * Column order is physical: columns added by late migrations are listed
--     last (scenes.transcript_tsv, scenes.thumbnail_key).
--   * Timestamps are TIMESTAMP WITH TIME ZONE, defaulting to
--     CURRENT_TIMESTAMP; updated_at is maintained by set_updated_at().
-- =============================================================================


-- -----------------------------------------------------------------------------
-- Extensions (contrib only)
-- -----------------------------------------------------------------------------

-- Case-insensitive text: e-mail addresses compare without lower() everywhere.
CREATE EXTENSION IF NOT EXISTS citext;

-- Trigram operator classes: fuzzy search on person names.
CREATE EXTENSION IF NOT EXISTS pg_trgm;


-- -----------------------------------------------------------------------------
-- Types
-- -----------------------------------------------------------------------------

-- Label order matters (it is the sort order): keep the lifecycle order.
CREATE TYPE video_state AS ENUM (
    'uploading',
    'processing',
    'ready',
    'failed'
);

CREATE TYPE job_state AS ENUM (
    'queued',
    'running',
    'succeeded',
    'failed'
);


-- -----------------------------------------------------------------------------
-- Functions
-- -----------------------------------------------------------------------------

-- One trigger function for every table with an updated_at column.
CREATE FUNCTION set_updated_at() RETURNS TRIGGER
LANGUAGE plpgsql
AS $fn$
BEGIN
    NEW.updated_at := CURRENT_TIMESTAMP;
    RETURN NEW;
END;
$fn$;


-- -----------------------------------------------------------------------------
-- Tables: users and videos
-- -----------------------------------------------------------------------------

CREATE TABLE users (
    user_id UUID NOT NULL DEFAULT gen_random_uuid(),
    email CITEXT NOT NULL,
    display_name VARCHAR(255),
    is_active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT users_pkey PRIMARY KEY (user_id),
    CONSTRAINT users_email_key UNIQUE (email),
    CONSTRAINT users_email_check CHECK (strpos(email, '@') > 1)
);

-- The seed's columns, in the seed's order; title, description and filename
-- live in video_metadata, never here (see the outage devlog).
CREATE TABLE videos (
    video_id UUID NOT NULL DEFAULT gen_random_uuid(),
    user_id UUID NOT NULL,
    storage_key VARCHAR(512),
    mime_type VARCHAR(127),
    size_bytes BIGINT,
    duration_s NUMERIC(10, 3),
    state video_state NOT NULL DEFAULT 'uploading',
    error_text TEXT,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    indexed_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT videos_pkey PRIMARY KEY (video_id),
    -- RESTRICT: an account with videos cannot be deleted by accident; account
    -- deletion removes the videos (and their storage objects) first.
    CONSTRAINT videos_user_id_fkey FOREIGN KEY (user_id)
    REFERENCES users (user_id) ON DELETE RESTRICT,
    CONSTRAINT videos_size_bytes_check CHECK (size_bytes >= 0),
    CONSTRAINT videos_duration_s_check CHECK (duration_s >= 0)
);

-- 1:1 with videos; a video may have no metadata row yet.
CREATE TABLE video_metadata (
    video_id UUID NOT NULL,
    title VARCHAR(255),
    description TEXT,
    tags JSONB,
    thumbnail_url VARCHAR(512),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT video_metadata_pkey PRIMARY KEY (video_id),
    CONSTRAINT video_metadata_video_id_fkey FOREIGN KEY (video_id)
    REFERENCES videos (video_id) ON DELETE CASCADE,
    -- tags is a JSON object (the uploaded filename is kept under "filename").
    CONSTRAINT video_metadata_tags_check CHECK (jsonb_typeof(tags) = 'object')
);


-- -----------------------------------------------------------------------------
-- Tables: scenes and processing jobs
-- -----------------------------------------------------------------------------

CREATE TABLE scenes (
    scene_id UUID NOT NULL DEFAULT gen_random_uuid(),
    video_id UUID NOT NULL,
    ordinal INTEGER NOT NULL,
    start_s NUMERIC(10, 3) NOT NULL,
    end_s NUMERIC(10, 3) NOT NULL,
    transcript TEXT,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- Added by migration 0005: full-text search over the transcript.
    transcript_tsv TSVECTOR GENERATED ALWAYS AS (
        to_tsvector('english'::REGCONFIG, coalesce(transcript, ''))
    ) STORED,
    -- Added by migration 0006, hence last.
    thumbnail_key VARCHAR(512),
    CONSTRAINT scenes_pkey PRIMARY KEY (scene_id),
    CONSTRAINT scenes_video_id_fkey FOREIGN KEY (video_id)
    REFERENCES videos (video_id) ON DELETE CASCADE,
    CONSTRAINT scenes_video_id_ordinal_key UNIQUE (video_id, ordinal),
    CONSTRAINT scenes_ordinal_check CHECK (ordinal >= 0),
    CONSTRAINT scenes_start_s_check CHECK (start_s >= 0),
    CONSTRAINT scenes_end_after_start_check CHECK (end_s >= start_s)
);

CREATE TABLE jobs (
    job_id UUID NOT NULL DEFAULT gen_random_uuid(),
    video_id UUID NOT NULL,
    kind VARCHAR(63) NOT NULL,
    state job_state NOT NULL DEFAULT 'queued',
    attempts INTEGER NOT NULL DEFAULT 0,
    payload JSONB,
    error_text TEXT,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    started_at TIMESTAMP WITH TIME ZONE,
    finished_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT jobs_pkey PRIMARY KEY (job_id),
    CONSTRAINT jobs_video_id_fkey FOREIGN KEY (video_id)
    REFERENCES videos (video_id) ON DELETE CASCADE,
    CONSTRAINT jobs_kind_check CHECK (kind <> ''),
    CONSTRAINT jobs_attempts_check CHECK (attempts >= 0),
    CONSTRAINT jobs_finished_after_started_check CHECK (
        finished_at IS NULL OR started_at IS NULL OR finished_at >= started_at
    )
);


-- -----------------------------------------------------------------------------
-- Tables: people (face recognition)
-- -----------------------------------------------------------------------------

-- Each user has their own library of named people.
CREATE TABLE persons (
    person_id UUID NOT NULL DEFAULT gen_random_uuid(),
    user_id UUID NOT NULL,
    display_name VARCHAR(255) NOT NULL,
    notes TEXT,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT persons_pkey PRIMARY KEY (person_id),
    CONSTRAINT persons_user_id_fkey FOREIGN KEY (user_id)
    REFERENCES users (user_id) ON DELETE CASCADE,
    CONSTRAINT persons_user_id_display_name_key UNIQUE (user_id, display_name),
    CONSTRAINT persons_display_name_check CHECK (display_name <> '')
);

-- One row per detected face; person_id stays NULL until the face is named,
-- and falls back to NULL when the person is deleted.
CREATE TABLE face_detections (
    detection_id UUID NOT NULL DEFAULT gen_random_uuid(),
    scene_id UUID NOT NULL,
    person_id UUID,
    frame_s NUMERIC(10, 3) NOT NULL,
    bbox_x REAL NOT NULL,
    bbox_y REAL NOT NULL,
    bbox_w REAL NOT NULL,
    bbox_h REAL NOT NULL,
    confidence REAL NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT face_detections_pkey PRIMARY KEY (detection_id),
    CONSTRAINT face_detections_scene_id_fkey FOREIGN KEY (scene_id)
    REFERENCES scenes (scene_id) ON DELETE CASCADE,
    CONSTRAINT face_detections_person_id_fkey FOREIGN KEY (person_id)
    REFERENCES persons (person_id) ON DELETE SET NULL,
    CONSTRAINT face_detections_frame_s_check CHECK (frame_s >= 0),
    CONSTRAINT face_detections_confidence_check CHECK (
        confidence >= 0 AND confidence <= 1
    ),
    -- Bounding box in relative coordinates (0..1 of the frame).
    CONSTRAINT face_detections_bbox_check CHECK (
        bbox_x >= 0 AND bbox_y >= 0 AND bbox_w > 0 AND bbox_h > 0
        AND bbox_x + bbox_w <= 1 AND bbox_y + bbox_h <= 1
    )
);

-- Who appears in which scene; a link goes with the scene or the person.
CREATE TABLE scene_people (
    scene_id UUID NOT NULL,
    person_id UUID NOT NULL,
    detection_count INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT scene_people_pkey PRIMARY KEY (scene_id, person_id),
    CONSTRAINT scene_people_scene_id_fkey FOREIGN KEY (scene_id)
    REFERENCES scenes (scene_id) ON DELETE CASCADE,
    CONSTRAINT scene_people_person_id_fkey FOREIGN KEY (person_id)
    REFERENCES persons (person_id) ON DELETE CASCADE,
    CONSTRAINT scene_people_detection_count_check CHECK (detection_count >= 0)
);


-- -----------------------------------------------------------------------------
-- Indexes
-- -----------------------------------------------------------------------------

-- A user's library, newest first.
CREATE INDEX videos_user_id_created_at_idx ON videos (user_id, created_at);

-- Tag queries (tags @> '{"category": "education"}').
CREATE INDEX video_metadata_tags_idx ON video_metadata USING gin (tags);

-- Case-insensitive title lookups (expression index).
CREATE INDEX video_metadata_lower_title_idx ON video_metadata (lower(title));

-- Transcript search over the generated tsvector.
CREATE INDEX scenes_transcript_tsv_idx ON scenes USING gin (transcript_tsv);

CREATE INDEX jobs_video_id_idx ON jobs (video_id);

-- The work queue: only queued jobs are indexed (partial index).
CREATE INDEX jobs_queued_created_at_idx ON jobs (created_at)
WHERE state = 'queued';

-- Fuzzy name search (pg_trgm).
CREATE INDEX persons_display_name_trgm_idx ON persons
USING gin (display_name gin_trgm_ops);

CREATE INDEX face_detections_scene_id_idx ON face_detections (scene_id);

-- Only named faces are looked up by person.
CREATE INDEX face_detections_person_id_idx ON face_detections (person_id)
WHERE person_id IS NOT NULL;

CREATE INDEX scene_people_person_id_idx ON scene_people (person_id);


-- -----------------------------------------------------------------------------
-- Triggers
-- -----------------------------------------------------------------------------

CREATE TRIGGER users_set_updated_at
BEFORE UPDATE ON users
FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TRIGGER video_metadata_set_updated_at
BEFORE UPDATE ON video_metadata
FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TRIGGER jobs_set_updated_at
BEFORE UPDATE ON jobs
FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TRIGGER persons_set_updated_at
BEFORE UPDATE ON persons
FOR EACH ROW EXECUTE FUNCTION set_updated_at();


-- -----------------------------------------------------------------------------
-- Views
-- -----------------------------------------------------------------------------

-- What the API's video list shows: a video with its metadata (if any).
CREATE VIEW video_overview AS
SELECT
    v.video_id,
    v.user_id,
    m.title,
    m.description,
    m.tags,
    m.thumbnail_url,
    v.state,
    v.storage_key,
    v.mime_type,
    v.size_bytes,
    v.duration_s,
    v.error_text,
    v.created_at,
    v.indexed_at,
    m.tags ->> 'filename' AS filename
FROM videos AS v
LEFT JOIN video_metadata AS m ON v.video_id = m.video_id;


-- -----------------------------------------------------------------------------
-- Comments
-- -----------------------------------------------------------------------------

COMMENT ON TYPE video_state IS 'Lifecycle of an uploaded video.';
COMMENT ON TYPE job_state IS 'Lifecycle of a background processing job.';
COMMENT ON FUNCTION set_updated_at() IS
'Trigger function: sets NEW.updated_at to the current timestamp.';

COMMENT ON TABLE users IS 'Accounts that own videos and person libraries.';
COMMENT ON COLUMN users.email IS 'Login e-mail, unique case-insensitively.';

COMMENT ON TABLE videos IS 'Uploaded video files and their processing state.';
COMMENT ON COLUMN videos.storage_key IS 'Object-storage key of the file.';
COMMENT ON COLUMN videos.duration_s IS 'Duration in seconds.';
COMMENT ON COLUMN videos.state IS 'Processing state.';
COMMENT ON COLUMN videos.indexed_at IS 'When search indexing finished.';

COMMENT ON TABLE video_metadata IS
'User-facing metadata of a video, 1:1 with videos.';
COMMENT ON COLUMN video_metadata.tags IS
'Free-form JSON object; "filename" holds the uploaded file name.';

COMMENT ON TABLE scenes IS 'Scenes detected in a video, in order.';
COMMENT ON COLUMN scenes.ordinal IS 'Position of the scene in its video.';
COMMENT ON COLUMN scenes.transcript_tsv IS
'Generated full-text vector over transcript.';
COMMENT ON COLUMN scenes.thumbnail_key IS
'Object-storage key of the scene thumbnail.';

COMMENT ON TABLE jobs IS 'Background processing jobs for a video.';
COMMENT ON COLUMN jobs.kind IS 'Job type, e.g. transcode or transcribe.';

COMMENT ON TABLE persons IS 'People a user has named in their videos.';

COMMENT ON TABLE face_detections IS 'Faces detected in scene frames.';
COMMENT ON COLUMN face_detections.person_id IS
'The recognised person; NULL while unnamed.';

COMMENT ON TABLE scene_people IS 'Which persons appear in which scenes.';

COMMENT ON VIEW video_overview IS 'Videos joined with their metadata.';
