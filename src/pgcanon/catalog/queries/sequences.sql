-- fills: pgcanon.catalog.model.Sequence
-- Identity sequences (pg_depend deptype 'i') are compared as part of their column, not here;
-- serial sequences are ordinary sequences OWNED BY their column (deptype 'a').
WITH dflt AS (
    SELECT coalesce(array_agg(p ORDER BY p), '{}')::text[] AS privileges
    FROM (
        SELECT ('(owner):' || a.privilege_type || CASE WHEN a.is_grantable THEN '*' ELSE '' END) COLLATE "C" AS p
        FROM aclexplode(acldefault('s', 10)) AS a
    ) AS x
)
SELECT
    n.nspname::text AS schema,
    c.relname::text AS name,
    format_type(s.seqtypid, NULL) AS data_type,
    s.seqstart::bigint AS start,
    s.seqincrement::bigint AS increment,
    s.seqmin::bigint AS min_value,
    s.seqmax::bigint AS max_value,
    s.seqcache::bigint AS cache,
    s.seqcycle AS cycle,
    (
        SELECT tn.nspname::text || '.' || tc.relname::text || '.' || ta.attname::text
        FROM pg_depend AS o
        JOIN pg_class AS tc ON tc.oid = o.refobjid
        JOIN pg_namespace AS tn ON tn.oid = tc.relnamespace
        JOIN pg_attribute AS ta ON ta.attrelid = o.refobjid AND ta.attnum = o.refobjsubid
        WHERE o.classid = 'pg_class'::regclass AND o.objid = c.oid AND o.deptype = 'a'
            AND o.refclassid = 'pg_class'::regclass AND o.refobjsubid > 0
    ) AS owned_by,
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
    ), '{}')::text[] END AS privileges
FROM dflt, pg_sequence AS s
JOIN pg_class AS c ON c.oid = s.seqrelid
JOIN pg_namespace AS n ON n.oid = c.relnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%'
    AND n.nspname NOT LIKE 'pg\_temp\_%'
    AND NOT EXISTS (
        SELECT 1 FROM pg_depend AS e
        WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype IN ('e', 'i')
    )
ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C"
