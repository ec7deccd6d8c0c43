CREATE SCHEMA feed;
CREATE SCHEMA archive;
CREATE TABLE feed.items (id bigint PRIMARY KEY, title text NOT NULL, body text, score int, hidden boolean NOT NULL);
CREATE TABLE feed.tags (item_id bigint, tag text);
CREATE TABLE feed.events (at timestamptz NOT NULL, kind text) PARTITION BY RANGE (at);
CREATE TABLE feed.events_2025 PARTITION OF feed.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE archive.old_items (id bigint PRIMARY KEY, title text);
CREATE TABLE feed.comments (id int, item_id bigint, body text);
CREATE PUBLICATION items FOR TABLE feed.items (id, title, body) WHERE (NOT hidden AND score > 0), feed.comments
WITH (publish = 'insert, update');
COMMENT ON PUBLICATION items IS 'Items for the reader.';
CREATE PUBLICATION events FOR TABLE feed.events WITH (publish = 'insert, delete', publish_via_partition_root = true);
CREATE PUBLICATION mirror FOR TABLE feed.items, archive.old_items WITH (publish = 'insert');
CREATE PUBLICATION by_schema FOR TABLES IN SCHEMA feed;
CREATE PUBLICATION new_name FOR TABLE feed.tags WITH (publish = 'truncate');
CREATE TABLE feed.votes (id int PRIMARY KEY, item_id bigint, weight bigint);
CREATE PUBLICATION votes FOR TABLE feed.votes (id, item_id, weight) WHERE (weight > 0) WITH (publish = 'insert');
-- new: a schema and a table of another
CREATE SCHEMA stats;
CREATE TABLE stats.daily (d date);
CREATE PUBLICATION stats FOR TABLES IN SCHEMA stats, TABLE feed.items WITH (publish = 'insert');
COMMENT ON PUBLICATION stats IS 'Daily figures.';
