-- fills: pgcanon.catalog.model.Extension
-- pg_dump does not print extension versions; we do (extversion).
SELECT
    x.extname::text AS name,
    n.nspname::text AS schema,
    x.extversion::text AS version,
    (SELECT d.description FROM pg_description AS d
     WHERE d.objoid = x.oid AND d.classoid = 'pg_extension'::regclass AND d.objsubid = 0)::text AS comment
FROM pg_extension AS x
JOIN pg_namespace AS n ON n.oid = x.extnamespace
-- plpgsql is in every database (template1); it is not a choice of the schema.
WHERE x.extname <> 'plpgsql'
ORDER BY x.extname COLLATE "C"
