-- fills: pgcanon.catalog.model.Enum
-- Labels in enumsortorder order: ADD VALUE ... BEFORE makes fractional sort orders, so only the
-- ordered list of labels is kept, never the floats.
SELECT
    n.nspname::text AS schema,
    t.typname::text AS name,
    ARRAY(
        SELECT e.enumlabel::text FROM pg_enum AS e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder
    )::text[] AS labels,
    (SELECT d.description FROM pg_description AS d
     WHERE d.objoid = t.oid AND d.classoid = 'pg_type'::regclass AND d.objsubid = 0)::text AS comment
FROM pg_type AS t
JOIN pg_namespace AS n ON n.oid = t.typnamespace
WHERE t.typtype = 'e'
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%'
    AND n.nspname NOT LIKE 'pg\_temp\_%'
    -- not a member of an extension ('e' dependencies always reference pg_extension): one hashed set
    AND t.oid NOT IN (
        SELECT e.objid FROM pg_depend AS e
        WHERE e.refclassid = 'pg_extension'::regclass AND e.classid = 'pg_type'::regclass AND e.deptype = 'e'
    )
ORDER BY n.nspname COLLATE "C", t.typname COLLATE "C"
