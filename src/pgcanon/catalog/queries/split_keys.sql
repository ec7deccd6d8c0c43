-- fills: the reader's split of the kinds it reads in parts (pgcanon.catalog.reader), not a model class.
-- The keys (schema, table) that cut the database's tables and materialized views, in key order, into
-- $1 runs of about equal length: the row where i * $1 / total (integer division) steps up is the first
-- of a run. Part k of columns.sql, indexes.sql and constraints.sql then reads the tables from the
-- k-th key (or the first table) up to, not including, the next one (or the last table).
-- Names are qualified: it runs before the reader pins search_path. Read once, on the connection whose
-- snapshot the others import, so every part sees the same tables.
SELECT t.schema, t.name
FROM (
    SELECT
        n.nspname::text AS schema,
        c.relname::text AS name,
        row_number() OVER (ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C") - 1 AS i,
        count(*) OVER () AS total
    FROM pg_catalog.pg_class AS c
    JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
) AS t
WHERE t.i > 0 AND t.i * $1::int / t.total <> (t.i - 1) * $1::int / t.total
ORDER BY t.i
