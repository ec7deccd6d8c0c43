-- fills: pgcanon.catalog.model.Column  (PostgreSQL 14 to 17; columns.sql is the 18+ variant)
-- Before 18 NOT NULL is only attnotnull: there is no named constraint (not_null_name is NULL).
-- position counts live columns in attnum order: dropped columns keep their attnum (attisdropped),
-- so attnum has gaps and only the order of live columns is meaningful.
SELECT
    n.nspname::text AS schema,
    c.relname::text AS table,
    a.attname::text AS name,
    row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum)::int AS position,
    format_type(a.atttypid, a.atttypmod) AS type,
    -- the collation only when it is not the type's default
    CASE WHEN a.attcollation <> t.typcollation THEN a.attcollation::regcollation::text END AS collation,
    a.attnotnull AS not_null,
    NULL::text AS not_null_name,
    pg_get_expr(ad.adbin, ad.adrelid) AS default,
    CASE a.attidentity WHEN 'a' THEN 'ALWAYS' WHEN 'd' THEN 'BY DEFAULT' END AS identity,
    CASE WHEN a.attidentity <> '' THEN (
        SELECT 'AS ' || format_type(s.seqtypid, NULL) || ' START ' || s.seqstart
            || ' INCREMENT ' || s.seqincrement || ' MINVALUE ' || s.seqmin
            || ' MAXVALUE ' || s.seqmax || ' CACHE ' || s.seqcache
            || CASE WHEN s.seqcycle THEN ' CYCLE' ELSE ' NO CYCLE' END
        FROM pg_depend AS i
        JOIN pg_sequence AS s ON s.seqrelid = i.objid
        WHERE i.refclassid = 'pg_class'::regclass AND i.refobjid = a.attrelid
            AND i.refobjsubid = a.attnum AND i.classid = 'pg_class'::regclass AND i.deptype = 'i'
    ) END AS identity_options,
    CASE a.attgenerated WHEN 's' THEN 'STORED' WHEN 'v' THEN 'VIRTUAL' END AS generated,
    d.description::text AS comment,
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
FROM pg_attribute AS a
JOIN pg_class AS c ON c.oid = a.attrelid
JOIN pg_namespace AS n ON n.oid = c.relnamespace
JOIN pg_type AS t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef AS ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_description AS d
    ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = a.attnum
WHERE a.attnum > 0 AND NOT a.attisdropped
    AND c.relkind IN ('r', 'p')
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%'
    AND n.nspname NOT LIKE 'pg\_temp\_%'
    AND NOT (n.nspname = 'public' AND c.relname = 'alembic_version')
    AND NOT EXISTS (
        SELECT 1 FROM pg_depend AS e
        WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e'
    )
ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C", a.attnum
