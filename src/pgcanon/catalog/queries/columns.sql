-- fills: pgcanon.catalog.model.Column  (PostgreSQL 18 and later; see columns.pg17.sql)
-- Read in parts, to spread the heaviest kind over the reader's connections: the reader runs this
-- query once per part, on the tables whose key (schema, name) is in [$1.$2, $3.$4) (split_keys.sql cuts
-- the key order into runs; a NULL bound is open), so the sorted parts, concatenated in order, are the
-- whole sorted result. The range filters the scan of pg_class itself: no second pass to number tables.
-- position counts live columns in attnum order: dropped columns keep their attnum (attisdropped),
-- so attnum has gaps and only the order of live columns is meaningful.
-- PostgreSQL 18 names NOT NULL constraints (pg_constraint contype 'n'); a renamed column keeps
-- its old constraint name, so the name is read and compared.
SELECT
    n.nspname::text AS schema,
    c.relname::text AS table,
    a.attname::text AS name,
    -- partitioned like the ORDER BY sorts, so one sort serves both
    row_number() OVER (PARTITION BY n.nspname COLLATE "C", c.relname COLLATE "C" ORDER BY a.attnum)::int AS position,
    format_type(a.atttypid, a.atttypmod) AS type,
    -- the collation only when it is not the type's default
    CASE WHEN a.attcollation <> t.typcollation THEN a.attcollation::regcollation::text END AS collation,
    a.attnotnull AS not_null,
    -- looked up for NOT NULL columns only (attnotnull is set for an invalid one too), by the index on
    -- (conrelid, contypid): a join tested every constraint of the table for every column
    -- NOT NULL constraints joined by hash (OFFSET 0 keeps the planner from probing pg_constraint's
    -- index per column, which tested every constraint of the table for each: a third of this query)
    CASE WHEN a.attnotnull THEN nn.conname::text END AS not_null_name,
    -- A DEFAULT cannot refer to columns, only a generation expression does: deparse the others without
    -- the table (pg_get_expr opens a relation it is given, which costs a relcache entry per table).
    pg_get_expr(ad.adbin, CASE WHEN a.attgenerated = '' THEN 0 ELSE ad.adrelid END) AS default,
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
    ), '{}')::text[] END AS privileges,
    -- the column's own statistics target; NULL is the default (17+ stores NULL, never -1)
    a.attstattarget::int AS statistics,
    -- SET STORAGE, only when it is not the type's own (pg_dump prints it on the same condition)
    CASE WHEN a.attstorage <> t.typstorage THEN
        CASE a.attstorage WHEN 'p' THEN 'PLAIN' WHEN 'e' THEN 'EXTERNAL' WHEN 'm' THEN 'MAIN' ELSE 'EXTENDED' END
    END AS storage,
    -- SET COMPRESSION; '' (no method of its own) is the server's default_toast_compression
    CASE a.attcompression WHEN 'p' THEN 'pglz' WHEN 'l' THEN 'lz4' END AS compression,
    -- a column only a parent declares (INHERITS): CREATE TABLE must not list it. Not for partitions,
    -- whose columns all come from the parent with PARTITION OF but are local after ATTACH PARTITION.
    NOT a.attislocal AND NOT c.relispartition AS inherited
FROM pg_class AS c
JOIN pg_attribute AS a ON a.attrelid = c.oid
JOIN pg_namespace AS n ON n.oid = c.relnamespace
JOIN pg_type AS t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef AS ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN (SELECT k.conrelid, k.conkey[1] AS attnum, k.conname FROM pg_constraint AS k WHERE k.contype = 'n' OFFSET 0)
    AS nn ON nn.conrelid = a.attrelid AND nn.attnum = a.attnum
WHERE a.attnum > 0 AND NOT a.attisdropped
    AND c.relkind IN ('r', 'p')
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%'
    AND n.nspname NOT LIKE 'pg\_temp\_%'
    AND NOT (n.nspname = 'public' AND c.relname = 'alembic_version')
    -- this part's run of tables in key order: [$1.$2, $3.$4), a NULL bound is open (see split_keys.sql)
    AND ($1::text IS NULL OR (n.nspname, c.relname) >= ($1::name, $2::name))
    AND ($3::text IS NULL OR (n.nspname, c.relname) < ($3::name, $4::name))
    -- not a member of an extension ('e' dependencies always reference pg_extension): one hashed set
    AND c.oid NOT IN (
        SELECT e.objid FROM pg_depend AS e
        WHERE e.refclassid = 'pg_extension'::regclass AND e.classid = 'pg_class'::regclass AND e.deptype = 'e'
    )
ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C", a.attnum
