-- fills: pgcanon.catalog.model.Statistics
-- Extended statistics objects (CREATE STATISTICS). stxkind holds d (ndistinct), f (dependencies),
-- m (mcv) and e (expressions); 'e' is implied by an expression in the list and cannot be asked for,
-- so it is left out. Kinds are listed in stxkind's fixed order, so "(mcv, ndistinct)" and
-- "(ndistinct, mcv)" read the same. pg_get_statisticsobjdef_columns (14+) gives the columns in
-- attnum order (stxkeys is sorted: "ON b, a" is stored as "ON a, b"), then the expressions as written.
-- stxstattarget is -1 for the default before 17 and NULL from 17 on: both read as NULL.
SELECT
    n.nspname::text AS schema,
    s.stxname::text AS name,
    tn.nspname::text AS table_schema,
    c.relname::text AS table,
    ARRAY(
        SELECT CASE k WHEN 'd' THEN 'ndistinct' WHEN 'f' THEN 'dependencies' ELSE 'mcv' END
        FROM unnest(s.stxkind) WITH ORDINALITY AS x (k, i)
        WHERE k <> 'e'
        ORDER BY i
    )::text[] AS kinds,
    pg_get_statisticsobjdef_columns(s.oid) AS columns,
    nullif(s.stxstattarget::int, -1) AS statistics,
    (SELECT d.description FROM pg_description AS d
     WHERE d.objoid = s.oid AND d.classoid = 'pg_statistic_ext'::regclass AND d.objsubid = 0)::text AS comment
FROM pg_statistic_ext AS s
JOIN pg_namespace AS n ON n.oid = s.stxnamespace
JOIN pg_class AS c ON c.oid = s.stxrelid
JOIN pg_namespace AS tn ON tn.oid = c.relnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%'
    AND n.nspname NOT LIKE 'pg\_temp\_%'
    -- not a member of an extension ('e' dependencies always reference pg_extension): one hashed set
    AND s.oid NOT IN (
        SELECT e.objid FROM pg_depend AS e
        WHERE e.refclassid = 'pg_extension'::regclass AND e.classid = 'pg_statistic_ext'::regclass
            AND e.deptype = 'e'
    )
ORDER BY n.nspname COLLATE "C", s.stxname COLLATE "C"
