-- fills: pgcanon.catalog.model.ViewColumn
-- Columns of views (v) and materialized views (m): their comments, column privileges and (views
-- only) defaults. Their names, types and order follow from the view's query, compared as its
-- definition. Sorted by name, not attnum: the order is the definition's business.
SELECT
    n.nspname::text AS schema,
    c.relname::text AS view,
    a.attname::text AS name,
    -- ALTER VIEW ... ALTER COLUMN ... SET DEFAULT: a default cannot refer to columns, so it is
    -- deparsed without the relation
    pg_get_expr(ad.adbin, 0) AS default,
    (SELECT d.description FROM pg_description AS d
     WHERE d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = a.attnum)::text AS comment,
    -- most columns have no ACL of their own: skip the per-row subquery for them
    CASE WHEN a.attacl IS NULL THEN '{}'::text[] ELSE coalesce((
        SELECT array_agg(DISTINCT p ORDER BY p)
        FROM (
            SELECT (CASE WHEN g.grantee = c.relowner THEN '(owner)'
                         WHEN g.grantee = 0 THEN 'PUBLIC'
                         ELSE g.grantee::regrole::text END
                    || ':' || g.privilege_type
                    || CASE WHEN g.is_grantable THEN '*' ELSE '' END) COLLATE "C" AS p
            FROM aclexplode(a.attacl) AS g
        ) AS x
    ), '{}')::text[] END AS privileges
FROM pg_class AS c
JOIN pg_namespace AS n ON n.oid = c.relnamespace
JOIN pg_attribute AS a ON a.attrelid = c.oid
LEFT JOIN pg_attrdef AS ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
WHERE c.relkind IN ('v', 'm') AND a.attnum > 0 AND NOT a.attisdropped
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%'
    AND n.nspname NOT LIKE 'pg\_temp\_%'
    -- not a member of an extension ('e' dependencies always reference pg_extension): one hashed set
    AND c.oid NOT IN (
        SELECT e.objid FROM pg_depend AS e
        WHERE e.refclassid = 'pg_extension'::regclass AND e.classid = 'pg_class'::regclass AND e.deptype = 'e'
    )
ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C", a.attname COLLATE "C"
