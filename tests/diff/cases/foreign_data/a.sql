CREATE EXTENSION postgres_fdw;
CREATE SCHEMA remote;
CREATE FUNCTION remote.check_options(text[], oid) RETURNS void LANGUAGE plpgsql AS 'BEGIN END';
-- wrappers: one gains a validator, one loses it, one goes with its server
CREATE FOREIGN DATA WRAPPER plain;
CREATE FOREIGN DATA WRAPPER checked VALIDATOR remote.check_options OPTIONS (debug 'true');
CREATE FOREIGN DATA WRAPPER gone;
CREATE SERVER far TYPE 'postgres' FOREIGN DATA WRAPPER postgres_fdw
OPTIONS (host 'db1.example', port '5432', dbname 'app');
COMMENT ON SERVER far IS 'The app database.';
CREATE SERVER near FOREIGN DATA WRAPPER plain;
CREATE SERVER old_one FOREIGN DATA WRAPPER gone;
-- the password stays; only the user changes (the plan need not write the secret)
CREATE USER MAPPING FOR PUBLIC SERVER far OPTIONS (user 'reader', password 'golden-secret');
CREATE USER MAPPING FOR CURRENT_USER SERVER near;
CREATE FOREIGN TABLE remote.items (
    id int OPTIONS (column_name 'item_id') NOT NULL,
    title text,
    price numeric
) SERVER far OPTIONS (schema_name 'public', table_name 'items');
-- moves to another server, with a view over it: created again, the view around it
CREATE FOREIGN TABLE remote.logs (at timestamptz, line text) SERVER near;
CREATE VIEW remote.recent_logs AS SELECT at, line FROM remote.logs;
-- columns in another order: created again
CREATE FOREIGN TABLE remote.moved (a int, b int) SERVER near;
-- a partition on the far server; its partitioned table gains a column (which it gets too)
CREATE TABLE remote.events (id int NOT NULL, at date) PARTITION BY RANGE (at);
CREATE FOREIGN TABLE remote.events_2024 PARTITION OF remote.events
FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') SERVER far;
