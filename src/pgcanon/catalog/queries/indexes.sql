-- fills: pgcanon.catalog.model.Index
-- Indexes of tables and materialized views, except those that implement a primary key, unique or
-- exclusion constraint (pg_get_constraintdef already covers them). pg_get_indexdef covers the
-- method, keys, opclasses, order, INCLUDE, WITH (reloptions) and the predicate; not the statistics
-- targets of expression columns (ALTER INDEX ... ALTER COLUMN n SET STATISTICS), read apart. Only
-- expression columns take one, so only indexes with expressions are looked at.
-- Read in parts, like columns.sql: the indexes of the tables whose key is in [$1.$2, $3.$4).
SELECT
    n.nspname::text AS schema,
    c.relname::text AS table,
    i.relname::text AS name,
    pg_get_indexdef(x.indexrelid) AS definition,
    x.indisvalid AS valid,
    (SELECT d.description FROM pg_description AS d
     WHERE d.objoid = i.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0)::text AS comment,
    CASE WHEN x.indexprs IS NULL THEN '{}'::text[] ELSE ARRAY(
        SELECT 'column ' || a.attnum || ': ' || a.attstattarget
        FROM pg_attribute AS a
        -- the default is -1 before 17 and NULL from 17 on
        WHERE a.attrelid = x.indexrelid AND nullif(a.attstattarget::int, -1) IS NOT NULL
        ORDER BY a.attnum
    )::text[] END AS statistics
FROM pg_class AS c
JOIN pg_index AS x ON x.indrelid = c.oid
JOIN pg_class AS i ON i.oid = x.indexrelid
JOIN pg_namespace AS n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'm')
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%'
    AND n.nspname NOT LIKE 'pg\_temp\_%'
    AND NOT (n.nspname = 'public' AND c.relname = 'alembic_version')
    -- one hashed set: probing pg_constraint per index tested every constraint of its table (18 makes
    -- one per NOT NULL column), a sixth of this query
    AND x.indexrelid NOT IN (SELECT k.conindid FROM pg_constraint AS k WHERE k.contype IN ('p', 'u', 'x'))
    -- this part's run of tables in key order: [$1.$2, $3.$4), a NULL bound is open (see split_keys.sql)
    AND ($1::text IS NULL OR (n.nspname, c.relname) >= ($1::name, $2::name))
    AND ($3::text IS NULL OR (n.nspname, c.relname) < ($3::name, $4::name))
    -- not a member of an extension ('e' dependencies always reference pg_extension): one hashed set
    AND c.oid NOT IN (
        SELECT e.objid FROM pg_depend AS e
        WHERE e.refclassid = 'pg_extension'::regclass AND e.classid = 'pg_class'::regclass AND e.deptype = 'e'
    )
ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C", i.relname COLLATE "C"
