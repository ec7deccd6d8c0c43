-- fills: pgcanon.catalog.model.Constraint
-- pg_get_constraintdef covers columns, referenced table, actions, MATCH, DEFERRABLE, NOT VALID,
-- NULLS NOT DISTINCT (15+) and the backing index's options. NOT NULL (contype 'n', 18+) is read
-- with the column; constraint triggers ('t') are read as triggers.
SELECT
    n.nspname::text AS schema,
    c.relname::text AS table,
    k.conname::text AS name,
    CASE k.contype WHEN 'c' THEN 'check' WHEN 'f' THEN 'foreign key' WHEN 'p' THEN 'primary key'
        WHEN 'u' THEN 'unique' ELSE 'exclusion' END AS constraint_type,
    pg_get_constraintdef(k.oid) AS definition,
    d.description::text AS comment
FROM pg_constraint AS k
JOIN pg_class AS c ON c.oid = k.conrelid
JOIN pg_namespace AS n ON n.oid = c.relnamespace
LEFT JOIN pg_description AS d
    ON d.objoid = k.oid AND d.classoid = 'pg_constraint'::regclass AND d.objsubid = 0
WHERE k.contype IN ('c', 'f', 'p', 'u', 'x')
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%'
    AND n.nspname NOT LIKE 'pg\_temp\_%'
    AND NOT (n.nspname = 'public' AND c.relname = 'alembic_version')
    AND NOT EXISTS (
        SELECT 1 FROM pg_depend AS e
        WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e'
    )
ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C", k.conname COLLATE "C"
