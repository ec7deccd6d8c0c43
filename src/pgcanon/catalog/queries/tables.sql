-- fills: pgcanon.catalog.model.Table
-- Ordinary (r) and partitioned (p) tables; public.alembic_version is bookkeeping, not schema.
-- clustered_on is the CLUSTER ON index (pg_index.indisclustered), which pg_dump prints.
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
    CASE c.relkind WHEN 'p' THEN 'partitioned table' ELSE 'table' END AS table_kind,
    c.relpersistence = 'u' AS unlogged,
    CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key,
    CASE WHEN c.relispartition THEN (
        SELECT pn.nspname::text || '.' || pc.relname::text
        FROM pg_inherits AS i
        JOIN pg_class AS pc ON pc.oid = i.inhparent
        JOIN pg_namespace AS pn ON pn.oid = pc.relnamespace
        WHERE i.inhrelid = c.oid
    ) END AS partition_of,
    CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS partition_bound,
    ARRAY(
        SELECT pn.nspname::text || '.' || pc.relname::text
        FROM pg_inherits AS i
        JOIN pg_class AS pc ON pc.oid = i.inhparent
        JOIN pg_namespace AS pn ON pn.oid = pc.relnamespace
        WHERE i.inhrelid = c.oid AND NOT c.relispartition
        ORDER BY i.inhseqno
    )::text[] AS inherits,
    coalesce(c.reloptions, '{}')::text[] AS options,
    CASE c.relreplident WHEN 'd' THEN 'default' WHEN 'n' THEN 'nothing' WHEN 'f' THEN 'full'
        ELSE 'index' END AS replica_identity,
    c.relrowsecurity AS rls_enabled,
    c.relforcerowsecurity AS rls_forced,
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
    cl.relname::text AS clustered_on
FROM dflt, pg_class AS c
JOIN pg_namespace AS n ON n.oid = c.relnamespace
-- the CLUSTER ON index: at most one per relation (indisclustered), rare, so a small hashed set
LEFT JOIN (
    SELECT x.indrelid, i.relname FROM pg_index AS x JOIN pg_class AS i ON i.oid = x.indexrelid
    WHERE x.indisclustered
) AS cl ON cl.indrelid = c.oid
WHERE c.relkind IN ('r', 'p')
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%'
    AND n.nspname NOT LIKE 'pg\_temp\_%'
    AND NOT (n.nspname = 'public' AND c.relname = 'alembic_version')
    -- not a member of an extension ('e' dependencies always reference pg_extension): one hashed set
    AND c.oid NOT IN (
        SELECT e.objid FROM pg_depend AS e
        WHERE e.refclassid = 'pg_extension'::regclass AND e.classid = 'pg_class'::regclass AND e.deptype = 'e'
    )
ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C"
