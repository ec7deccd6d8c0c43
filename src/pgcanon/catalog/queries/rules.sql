-- fills: pgcanon.catalog.model.Rule
-- Rules (CREATE RULE) on tables and views. A view's own ON SELECT rule, always named _RETURN, is the
-- view's definition (compared with the view), not a rule of its own; 16+ allows no other SELECT rule.
-- pg_get_ruledef qualifies names off the pinned search_path; it ends with a semicolon.
SELECT
    n.nspname::text AS schema,
    c.relname::text AS table,
    r.rulename::text AS name,
    pg_get_ruledef(r.oid) AS definition,
    CASE r.ev_enabled WHEN 'D' THEN 'DISABLE' WHEN 'R' THEN 'ENABLE REPLICA' WHEN 'A' THEN 'ENABLE ALWAYS'
        ELSE 'ENABLE' END AS enabled,
    (SELECT d.description FROM pg_description AS d
     WHERE d.objoid = r.oid AND d.classoid = 'pg_rewrite'::regclass AND d.objsubid = 0)::text AS comment
FROM pg_rewrite AS r
JOIN pg_class AS c ON c.oid = r.ev_class
JOIN pg_namespace AS n ON n.oid = c.relnamespace
WHERE NOT (r.ev_type = '1' AND r.rulename = '_RETURN')
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%'
    AND n.nspname NOT LIKE 'pg\_temp\_%'
    -- not on a relation of an extension ('e' dependencies always reference pg_extension): one hashed set
    AND c.oid NOT IN (
        SELECT e.objid FROM pg_depend AS e
        WHERE e.refclassid = 'pg_extension'::regclass AND e.classid = 'pg_class'::regclass AND e.deptype = 'e'
    )
ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C", r.rulename COLLATE "C"
