-- fills: pgcanon.catalog.foreign.ForeignColumn  (PostgreSQL 18 and later; see foreign_columns.pg17.sql)
-- The live columns of foreign tables (relkind 'f'), in attnum order: position counts live columns
-- only, as columns.sql does. A foreign table keeps no rows, so its columns carry no storage or
-- identity here: their type, collation (when not the type's), NOT NULL, default or generation, the wrapper's
-- column options (attfdwoptions, "key=value" as stored), comment, column privileges and statistics
-- target. PostgreSQL 18 names NOT NULL
-- constraints (contype 'n') of foreign tables too: the name is read (foreign_columns.pg17.sql: NULL).
SELECT
    n.nspname::text AS schema,
    c.relname::text AS table,
    a.attname::text AS name,
    row_number() OVER (PARTITION BY n.nspname COLLATE "C", c.relname COLLATE "C" ORDER BY a.attnum)::int AS position,
    format_type(a.atttypid, a.atttypmod) AS type,
    CASE WHEN a.attcollation <> t.typcollation THEN a.attcollation::regcollation::text END AS collation,
    a.attnotnull AS not_null,
    nn.conname::text AS not_null_name,
    -- a generation expression names columns, a DEFAULT cannot (pg_get_expr then needs no relation)
    pg_get_expr(ad.adbin, CASE WHEN a.attgenerated = '' THEN 0 ELSE ad.adrelid END) AS default,
    CASE a.attgenerated WHEN 's' THEN 'STORED' WHEN 'v' THEN 'VIRTUAL' END AS generated,
    coalesce(a.attfdwoptions, '{}')::text[] AS options,
    (SELECT d.description FROM pg_description AS d
     WHERE d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = a.attnum)::text AS comment,
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
    ), '{}')::text[] END AS privileges,
    -- the column's own statistics target (SET STATISTICS); NULL is the default (17+ stores NULL)
    a.attstattarget::int AS statistics
FROM pg_class AS c
JOIN pg_attribute AS a ON a.attrelid = c.oid
JOIN pg_namespace AS n ON n.oid = c.relnamespace
JOIN pg_type AS t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef AS ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_constraint AS nn
    ON nn.conrelid = a.attrelid AND nn.contype = 'n' AND nn.conkey[1] = a.attnum
WHERE a.attnum > 0 AND NOT a.attisdropped
    AND c.relkind = 'f'
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%'
    AND n.nspname NOT LIKE 'pg\_temp\_%'
    AND c.oid NOT IN (
        SELECT e.objid FROM pg_depend AS e
        WHERE e.refclassid = 'pg_extension'::regclass AND e.classid = 'pg_class'::regclass AND e.deptype = 'e'
    )
ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C", a.attnum
