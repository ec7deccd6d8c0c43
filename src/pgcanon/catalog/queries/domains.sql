-- fills: pgcanon.catalog.model.Domain
-- Only CHECK constraints are listed in checks: NOT NULL is typnotnull (and a contype 'n' row on 17+).
SELECT
    n.nspname::text AS schema,
    t.typname::text AS name,
    format_type(t.typbasetype, t.typtypmod) AS base_type,
    CASE WHEN t.typcollation <> b.typcollation THEN t.typcollation::regcollation::text END AS collation,
    t.typdefault::text AS default,
    t.typnotnull AS not_null,
    ARRAY(
        SELECT k.conname::text || ': ' || pg_get_constraintdef(k.oid)
        FROM pg_constraint AS k
        WHERE k.contypid = t.oid AND k.contype = 'c'
        ORDER BY k.conname COLLATE "C"
    )::text[] AS checks,
    (SELECT d.description FROM pg_description AS d
     WHERE d.objoid = t.oid AND d.classoid = 'pg_type'::regclass AND d.objsubid = 0)::text AS comment
FROM pg_type AS t
JOIN pg_type AS b ON b.oid = t.typbasetype
JOIN pg_namespace AS n ON n.oid = t.typnamespace
WHERE t.typtype = 'd'
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%'
    AND n.nspname NOT LIKE 'pg\_temp\_%'
    -- not a member of an extension ('e' dependencies always reference pg_extension): one hashed set
    AND t.oid NOT IN (
        SELECT e.objid FROM pg_depend AS e
        WHERE e.refclassid = 'pg_extension'::regclass AND e.classid = 'pg_type'::regclass AND e.deptype = 'e'
    )
ORDER BY n.nspname COLLATE "C", t.typname COLLATE "C"
