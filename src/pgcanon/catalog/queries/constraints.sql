-- fills: pgcanon.catalog.model.Constraint
-- pg_get_constraintdef covers columns, referenced table, actions, MATCH, DEFERRABLE, NOT VALID and
-- NULLS NOT DISTINCT (15+), but for a primary key or unique constraint not the backing index's
-- WITH (...) (only its "full command" form prints them): index_options are the reloptions of conindid
-- for p/u, as pg_dump appends them. An exclusion constraint's definition has them already; a foreign
-- key's conindid is the referenced table's index, not its own.
-- NOT NULL (contype 'n', 18+) is read with the column; constraint triggers ('t') are read as triggers.
-- Read in parts, like columns.sql: the constraints of the tables whose key is in [$1.$2, $3.$4).
SELECT
    n.nspname::text AS schema,
    c.relname::text AS table,
    k.conname::text AS name,
    CASE k.contype WHEN 'c' THEN 'check' WHEN 'f' THEN 'foreign key' WHEN 'p' THEN 'primary key'
        WHEN 'u' THEN 'unique' ELSE 'exclusion' END AS constraint_type,
    pg_get_constraintdef(k.oid) AS definition,
    (SELECT d.description FROM pg_description AS d
     WHERE d.objoid = k.oid AND d.classoid = 'pg_constraint'::regclass AND d.objsubid = 0)::text AS comment,
    -- one lookup by oid per primary key or unique constraint
    CASE WHEN k.contype IN ('p', 'u') THEN coalesce((
        SELECT i.reloptions FROM pg_class AS i WHERE i.oid = k.conindid
    ), '{}') ELSE '{}' END::text[] AS index_options
FROM pg_class AS c
JOIN pg_constraint AS k ON k.conrelid = c.oid
JOIN pg_namespace AS n ON n.oid = c.relnamespace
WHERE k.contype IN ('c', 'f', 'p', 'u', 'x')
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
ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C", k.conname COLLATE "C"
