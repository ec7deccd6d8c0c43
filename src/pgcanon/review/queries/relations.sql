-- name: relations :many -> measure.Relation (oid, name, kind, relfilenode)
-- Every relation of ours: outside the system schemas and TOAST, without Alembic's bookkeeping table.
-- relfilenode changes when PostgreSQL writes a new copy of a table or index (rewrite, REINDEX,
-- TRUNCATE); it is 0 for relations without storage (views, partitioned tables).
SELECT
    c.oid::oid AS oid,
    format('%I.%I', n.nspname, c.relname)::text AS name,
    CASE c.relkind
        WHEN 'r' THEN 'table' WHEN 'p' THEN 'partitioned table' WHEN 'i' THEN 'index'
        WHEN 'I' THEN 'partitioned index' WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view'
        WHEN 'm' THEN 'materialized view' WHEN 'f' THEN 'foreign table' ELSE 'relation'
    END::text AS kind,
    c.relfilenode::oid AS relfilenode
FROM pg_class AS c
JOIN pg_namespace AS n ON n.oid = c.relnamespace
WHERE
    n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%'
    AND n.nspname NOT LIKE 'pg\_temp%'
    AND c.relkind <> 'c'
    AND NOT (c.relname IN ('alembic_version', 'alembic_version_pkc') AND n.nspname = 'public')
