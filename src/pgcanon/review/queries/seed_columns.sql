-- name: seed_columns :many -> seed.SeedColumn
-- The columns the seeder fills, per ordinary table of ours, in column order. Generated and identity
-- columns are left out (PostgreSQL computes them); a domain is described by its base type.
SELECT
    c.oid::oid AS table_oid,
    format('%I.%I', n.nspname, c.relname)::text AS table_name,
    a.attname::text AS column_name,
    format_type(a.atttypid, a.atttypmod)::text AS type_sql,
    bt.typname::text AS base_type,
    bt.typcategory::text AS category,
    a.atthasdef AS has_default,
    coalesce(
        ARRAY(SELECT e.enumlabel::text FROM pg_enum AS e WHERE e.enumtypid = bt.oid ORDER BY e.enumsortorder),
        '{}'
    ) AS enum_labels
FROM pg_class AS c
JOIN pg_namespace AS n ON n.oid = c.relnamespace
JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_type AS t ON t.oid = a.atttypid
JOIN pg_type AS bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
WHERE
    c.relkind IN ('r', 'p')
    AND NOT c.relispartition
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%'
    AND n.nspname NOT LIKE 'pg\_temp%'
    AND NOT (c.relname = 'alembic_version' AND n.nspname = 'public')
    AND a.attgenerated = ''
    AND a.attidentity = ''
ORDER BY c.oid, a.attnum
