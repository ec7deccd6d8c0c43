-- fills: pgcanon.catalog.foreign.ForeignTable
-- Foreign tables (pg_class relkind 'f' with pg_foreign_table): the server, the partitioned table it is
-- a partition of (and its bound) or the tables it inherits from, and the table's options, as stored
-- ("key=value", in their order). Their columns are foreign_columns.sql's. A foreign table has
-- the privileges of a table (acldefault 'r').
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
    s.srvname::text AS server,
    -- a foreign table may be a partition (of a partitioned table) or a child (INHERITS) of tables
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
    coalesce(f.ftoptions, '{}')::text[] AS options,
    (SELECT d.description FROM pg_description AS d
     WHERE d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0)::text AS comment,
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
    ), '{}')::text[] END AS privileges
FROM dflt, pg_foreign_table AS f
JOIN pg_class AS c ON c.oid = f.ftrelid
JOIN pg_namespace AS n ON n.oid = c.relnamespace
JOIN pg_foreign_server AS s ON s.oid = f.ftserver
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%'
    AND n.nspname NOT LIKE 'pg\_temp\_%'
    -- not a member of an extension ('e' dependencies always reference pg_extension): one hashed set
    AND c.oid NOT IN (
        SELECT e.objid FROM pg_depend AS e
        WHERE e.refclassid = 'pg_extension'::regclass AND e.classid = 'pg_class'::regclass AND e.deptype = 'e'
    )
ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C"
