CREATE SCHEMA feed;
CREATE SCHEMA archive;
CREATE TABLE feed.items (id bigint PRIMARY KEY, title text NOT NULL, body text, score int, hidden boolean NOT NULL);
CREATE TABLE feed.tags (item_id bigint, tag text);
CREATE TABLE feed.events (at timestamptz NOT NULL, kind text) PARTITION BY RANGE (at);
CREATE TABLE feed.events_2025 PARTITION OF feed.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE archive.old_items (id bigint PRIMARY KEY, title text);
-- a column list and a row filter change, a table leaves and one joins
CREATE PUBLICATION items FOR TABLE feed.items (id, title, score) WHERE (NOT hidden), feed.tags
WITH (publish = 'insert, update');
COMMENT ON PUBLICATION items IS 'Items for the reader.';
-- the operations and publish_via_partition_root change
CREATE PUBLICATION events FOR TABLE feed.events WITH (publish_via_partition_root = false);
-- FOR ALL TABLES here, a list in b: dropped and created again
CREATE PUBLICATION mirror FOR ALL TABLES WITH (publish = 'insert');
-- one schema leaves, another joins
CREATE PUBLICATION by_schema FOR TABLES IN SCHEMA archive;
-- gone in b, with the table it names
CREATE TABLE feed.drafts (id int, text text);
CREATE PUBLICATION drafts FOR TABLE feed.drafts;
-- renamed in b
CREATE PUBLICATION old_name FOR TABLE feed.tags WITH (publish = 'truncate');
-- the same in b, but a column of its row filter is retyped there and one it does not list is dropped
CREATE TABLE feed.votes (id int PRIMARY KEY, item_id bigint, weight int, note text);
CREATE PUBLICATION votes FOR TABLE feed.votes (id, item_id, weight) WHERE (weight > 0) WITH (publish = 'insert');
