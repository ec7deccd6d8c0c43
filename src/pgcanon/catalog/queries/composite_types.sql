-- fills: pgcanon.catalog.model.CompositeType
-- Standalone composite types only (relkind 'c'); every table also has a row type, which is not one.
SELECT
    n.nspname::text AS schema,
    t.typname::text AS name,
    ARRAY(
        SELECT quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod)
            || CASE WHEN a.attcollation <> at.typcollation
                    THEN ' COLLATE ' || a.attcollation::regcollation::text ELSE '' END
        FROM pg_attribute AS a
        JOIN pg_type AS at ON at.oid = a.atttypid
        -- dropped attributes leave attnum gaps; only live ones, in physical order
        WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attnum
    )::text[] AS attributes,
    d.description::text AS comment,
    -- COMMENT ON COLUMN type.attribute: described on the type's pg_class row, objsubid = attnum
    ARRAY(
        SELECT quote_ident(a.attname) || ': ' || ad.description
        FROM pg_attribute AS a
        JOIN pg_description AS ad
            ON ad.objoid = a.attrelid AND ad.classoid = 'pg_class'::regclass AND ad.objsubid = a.attnum
        WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attnum
    )::text[] AS attribute_comments
FROM pg_type AS t
JOIN pg_class AS c ON c.oid = t.typrelid AND c.relkind = 'c'
JOIN pg_namespace AS n ON n.oid = t.typnamespace
LEFT JOIN pg_description AS d
    ON d.objoid = t.oid AND d.classoid = 'pg_type'::regclass AND d.objsubid = 0
WHERE t.typtype = 'c'
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%'
    AND n.nspname NOT LIKE 'pg\_temp\_%'
    -- not a member of an extension ('e' dependencies always reference pg_extension): one hashed set
    AND t.oid NOT IN (
        SELECT e.objid FROM pg_depend AS e
        WHERE e.refclassid = 'pg_extension'::regclass AND e.classid = 'pg_type'::regclass AND e.deptype = 'e'
    )
ORDER BY n.nspname COLLATE "C", t.typname COLLATE "C"
