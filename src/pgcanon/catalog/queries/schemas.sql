-- fills: pgcanon.catalog.model.Schema
-- User schemas; system schemas and schemas created by an extension are skipped.
SELECT
    n.nspname::text AS name,
    (SELECT d.description FROM pg_description AS d
     WHERE d.objoid = n.oid AND d.classoid = 'pg_namespace'::regclass AND d.objsubid = 0)::text AS comment,
    coalesce((
        SELECT array_agg(DISTINCT p ORDER BY p)
        FROM (
            SELECT (CASE WHEN a.grantee = n.nspowner THEN '(owner)'
                         WHEN a.grantee = 0 THEN 'PUBLIC'
                         ELSE a.grantee::regrole::text END
                    || ':' || a.privilege_type
                    || CASE WHEN a.is_grantable THEN '*' ELSE '' END) COLLATE "C" AS p
            FROM aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) AS a
        ) AS x
    ), '{}')::text[] AS privileges
FROM pg_namespace AS n
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%'
    AND n.nspname NOT LIKE 'pg\_temp\_%'
    -- not a member of an extension ('e' dependencies always reference pg_extension): one hashed set
    AND n.oid NOT IN (
        SELECT e.objid FROM pg_depend AS e
        WHERE e.refclassid = 'pg_extension'::regclass AND e.classid = 'pg_namespace'::regclass AND e.deptype = 'e'
    )
ORDER BY n.nspname COLLATE "C"
