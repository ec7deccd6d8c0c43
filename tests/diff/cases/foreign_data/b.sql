CREATE EXTENSION postgres_fdw;
CREATE SCHEMA remote;
CREATE FUNCTION remote.check_options(text[], oid) RETURNS void LANGUAGE plpgsql AS 'BEGIN END';
CREATE FOREIGN DATA WRAPPER plain VALIDATOR remote.check_options;
CREATE FOREIGN DATA WRAPPER checked OPTIONS (debug 'false');
CREATE SERVER far TYPE 'postgres' VERSION '18' FOREIGN DATA WRAPPER postgres_fdw
OPTIONS (host 'db2.example', dbname 'app', fetch_size '500');
COMMENT ON SERVER far IS 'The app database.';
CREATE SERVER near FOREIGN DATA WRAPPER plain;
GRANT USAGE ON FOREIGN SERVER near TO PUBLIC;
CREATE SERVER added FOREIGN DATA WRAPPER checked OPTIONS (mode 'ro');
CREATE USER MAPPING FOR PUBLIC SERVER far OPTIONS (user 'writer', password 'golden-secret');
CREATE USER MAPPING FOR PUBLIC SERVER added OPTIONS (user 'x');
CREATE FOREIGN TABLE remote.items (
    id bigint OPTIONS (column_name 'id') NOT NULL,
    title text COLLATE "C" DEFAULT 'untitled',
    stock int
) SERVER far OPTIONS (schema_name 'shop', table_name 'items');
COMMENT ON FOREIGN TABLE remote.items IS 'Items, remotely.';
COMMENT ON COLUMN remote.items.stock IS 'How many.';
GRANT SELECT ON remote.items TO PUBLIC;
CREATE FOREIGN TABLE remote.logs (at timestamptz, line text) SERVER far;
CREATE VIEW remote.recent_logs AS SELECT at, line FROM remote.logs;
CREATE FOREIGN TABLE remote.moved (b int, a int) SERVER near;
CREATE FOREIGN TABLE remote.fresh (x int NOT NULL DEFAULT 0) SERVER added;
CREATE TABLE remote.events (id int NOT NULL, at date, note text) PARTITION BY RANGE (at);
CREATE FOREIGN TABLE remote.events_2024 PARTITION OF remote.events
FOR VALUES FROM ('2023-01-01') TO ('2025-01-01') SERVER far;
CREATE FOREIGN TABLE remote.events_2025 (id int NOT NULL, at date, note text) SERVER far;
ALTER TABLE remote.events ATTACH PARTITION remote.events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
