-- fills: pgcanon.catalog.model.Trigger
-- User triggers only: internal ones implement foreign keys, and a partition's clone of its parent's
-- trigger (tgparentid <> 0, 13+) follows from the parent's.
SELECT
    n.nspname::text AS schema,
    c.relname::text AS table,
    t.tgname::text AS name,
    pg_get_triggerdef(t.oid) AS definition,
    CASE t.tgenabled WHEN 'D' THEN 'DISABLE' WHEN 'R' THEN 'ENABLE REPLICA' WHEN 'A' THEN 'ENABLE ALWAYS'
        ELSE 'ENABLE' END AS enabled,
    (SELECT d.description FROM pg_description AS d
     WHERE d.objoid = t.oid AND d.classoid = 'pg_trigger'::regclass AND d.objsubid = 0)::text AS comment
FROM pg_trigger AS t
JOIN pg_class AS c ON c.oid = t.tgrelid
JOIN pg_namespace AS n ON n.oid = c.relnamespace
WHERE NOT t.tgisinternal AND t.tgparentid = 0
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%'
    AND n.nspname NOT LIKE 'pg\_temp\_%'
    -- not a member of an extension ('e' dependencies always reference pg_extension): one hashed set
    AND c.oid NOT IN (
        SELECT e.objid FROM pg_depend AS e
        WHERE e.refclassid = 'pg_extension'::regclass AND e.classid = 'pg_class'::regclass AND e.deptype = 'e'
    )
ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C", t.tgname COLLATE "C"
