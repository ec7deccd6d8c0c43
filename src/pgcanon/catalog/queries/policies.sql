-- fills: pgcanon.catalog.model.Policy
-- polroles holds 0 for PUBLIC; USING and WITH CHECK are stored expressions (pg_get_expr).
SELECT
    n.nspname::text AS schema,
    c.relname::text AS table,
    p.polname::text AS name,
    CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE'
        WHEN 'd' THEN 'DELETE' ELSE 'ALL' END AS command,
    p.polpermissive AS permissive,
    ARRAY(
        SELECT r FROM (
            SELECT (CASE WHEN o = 0 THEN 'PUBLIC' ELSE o::regrole::text END) COLLATE "C" AS r
            FROM unnest(p.polroles) AS o
        ) AS x ORDER BY r
    )::text[] AS roles,
    pg_get_expr(p.polqual, p.polrelid) AS using,
    pg_get_expr(p.polwithcheck, p.polrelid) AS with_check,
    (SELECT d.description FROM pg_description AS d
     WHERE d.objoid = p.oid AND d.classoid = 'pg_policy'::regclass AND d.objsubid = 0)::text AS comment
FROM pg_policy AS p
JOIN pg_class AS c ON c.oid = p.polrelid
JOIN pg_namespace AS n ON n.oid = c.relnamespace
WHERE true
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%'
    AND n.nspname NOT LIKE 'pg\_temp\_%'
    -- not a member of an extension ('e' dependencies always reference pg_extension): one hashed set
    AND c.oid NOT IN (
        SELECT e.objid FROM pg_depend AS e
        WHERE e.refclassid = 'pg_extension'::regclass AND e.classid = 'pg_class'::regclass AND e.deptype = 'e'
    )
ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C", p.polname COLLATE "C"
