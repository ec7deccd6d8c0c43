-- fills: pgcanon.catalog.objects.Publication
-- Publications (pg_publication) of PostgreSQL 14: a table is published whole (column lists and row
-- filters, prattrs and prqual, are 15's), there is no FOR TABLES IN SCHEMA (pg_publication_namespace,
-- 15) and no publish_generated_columns (18). publications.pg17.sql reads 15-17, publications.sql 18.
SELECT
    p.pubname::text AS name,
    p.puballtables AS all_tables,
    concat_ws(
        ', ',
        CASE WHEN p.pubinsert THEN 'insert' END,
        CASE WHEN p.pubupdate THEN 'update' END,
        CASE WHEN p.pubdelete THEN 'delete' END,
        CASE WHEN p.pubtruncate THEN 'truncate' END
    ) AS publish,
    p.pubviaroot AS via_partition_root,
    NULL::text AS generated_columns,
    coalesce((
        SELECT array_agg(x.spec ORDER BY x.spec COLLATE "C")
        FROM (
            SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS spec
            FROM pg_publication_rel AS r
            JOIN pg_class AS c ON c.oid = r.prrelid
            JOIN pg_namespace AS n ON n.oid = c.relnamespace
            WHERE r.prpubid = p.oid
        ) AS x
    ), '{}')::text [] AS tables,
    '{}'::text [] AS schemas,
    (SELECT d.description FROM pg_description AS d
     WHERE d.objoid = p.oid AND d.classoid = 'pg_publication'::regclass AND d.objsubid = 0)::text AS comment
FROM pg_publication AS p
ORDER BY p.pubname COLLATE "C"
