-- fills: pgcanon.catalog.model.View
-- pg_get_viewdef is the stored, normalized query; options are reloptions (security_barrier,
-- check_option, security_invoker). Materialized views' indexes are read by indexes.sql, their
-- columns by view_columns.sql; clustered_on is a materialized view's CLUSTER ON index.
-- depends_on is what the view's rewrite rule references (pg_depend, not the text): the plan drops and
-- recreates a view around a change of a column, type or function it uses, in this order.
WITH dflt AS (
    SELECT coalesce(array_agg(p ORDER BY p), '{}')::text[] AS privileges
    FROM (
        SELECT ('(owner):' || a.privilege_type || CASE WHEN a.is_grantable THEN '*' ELSE '' END) COLLATE "C" AS p
        FROM aclexplode(acldefault('r', 10)) AS a
    ) AS x
)
SELECT
    n.nspname::text AS schema,
    c.relname::text AS name,
    CASE c.relkind WHEN 'm' THEN 'materialized view' ELSE 'view' END AS view_kind,
    pg_get_viewdef(c.oid) AS definition,
    coalesce(c.reloptions, '{}')::text[] AS options,
    (SELECT d.description FROM pg_description AS d
     WHERE d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0)::text AS comment,
    -- a NULL ACL means the owner's default privileges: computed once (CTE), not per row
    CASE WHEN c.relacl IS NULL THEN dflt.privileges ELSE coalesce((
        SELECT array_agg(DISTINCT p ORDER BY p)
        FROM (
            SELECT (CASE WHEN a.grantee = c.relowner THEN '(owner)'
                         WHEN a.grantee = 0 THEN 'PUBLIC'
                         ELSE a.grantee::regrole::text END
                    || ':' || a.privilege_type
                    || CASE WHEN a.is_grantable THEN '*' ELSE '' END) COLLATE "C" AS p
            FROM aclexplode(c.relacl) AS a
        ) AS x
    ), '{}')::text[] END AS privileges,
    cl.relname::text AS clustered_on,
    ARRAY(
        SELECT DISTINCT (CASE
            WHEN d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0 THEN
                'column:' || rn.nspname || '.' || rc.relname || '.' || ra.attname
            WHEN d.refclassid = 'pg_class'::regclass THEN 'relation:' || rn.nspname || '.' || rc.relname
            WHEN d.refclassid = 'pg_proc'::regclass THEN
                'function:' || pn.nspname || '.' || rp.proname || '(' || oidvectortypes(rp.proargtypes) || ')'
            ELSE 'type:' || tn.nspname || '.' || rt.typname
        END) COLLATE "C"
        FROM pg_rewrite AS r
        JOIN pg_depend AS d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
            AND d.refclassid IN ('pg_class'::regclass, 'pg_proc'::regclass, 'pg_type'::regclass)
            AND NOT (d.refclassid = 'pg_class'::regclass AND d.refobjid = c.oid)
        LEFT JOIN pg_class AS rc ON d.refclassid = 'pg_class'::regclass AND rc.oid = d.refobjid
        LEFT JOIN pg_namespace AS rn ON rn.oid = rc.relnamespace
        LEFT JOIN pg_attribute AS ra ON ra.attrelid = rc.oid AND ra.attnum = d.refobjsubid
        LEFT JOIN pg_proc AS rp ON d.refclassid = 'pg_proc'::regclass AND rp.oid = d.refobjid
        LEFT JOIN pg_namespace AS pn ON pn.oid = rp.pronamespace
        LEFT JOIN pg_type AS rt ON d.refclassid = 'pg_type'::regclass AND rt.oid = d.refobjid
        LEFT JOIN pg_namespace AS tn ON tn.oid = rt.typnamespace
        WHERE r.ev_class = c.oid
            AND coalesce(rn.nspname, pn.nspname, tn.nspname) NOT IN ('pg_catalog', 'information_schema')
        ORDER BY 1
    )::text[] AS depends_on
FROM dflt, pg_class AS c
JOIN pg_namespace AS n ON n.oid = c.relnamespace
-- the CLUSTER ON index: at most one per relation (indisclustered), rare, so a small hashed set
LEFT JOIN (
    SELECT x.indrelid, i.relname FROM pg_index AS x JOIN pg_class AS i ON i.oid = x.indexrelid
    WHERE x.indisclustered
) AS cl ON cl.indrelid = c.oid
WHERE c.relkind IN ('v', 'm')
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%'
    AND n.nspname NOT LIKE 'pg\_temp\_%'
    -- not a member of an extension ('e' dependencies always reference pg_extension): one hashed set
    AND c.oid NOT IN (
        SELECT e.objid FROM pg_depend AS e
        WHERE e.refclassid = 'pg_extension'::regclass AND e.classid = 'pg_class'::regclass AND e.deptype = 'e'
    )
ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C"
