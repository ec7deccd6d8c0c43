-- fills: pgcanon.catalog.objects.Publication
-- Publications (pg_publication) of PostgreSQL 18: publish_generated_columns (pubgencols) is 18's;
-- publications.pg17.sql reads 15-17, publications.pg14.sql 14 (no column lists, row filters, schemas).
-- Each table as CREATE PUBLICATION names it: quoted and qualified, its column list by name in the
-- catalog's order (prattrs is kept sorted by attnum) and its row filter; the ORDER BY of the
-- array is that text's, byte order.
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
    CASE p.pubgencols WHEN 'n' THEN 'none' WHEN 's' THEN 'stored' END AS generated_columns,
    coalesce((
        SELECT array_agg(x.spec ORDER BY x.spec COLLATE "C")
        FROM (
            SELECT
                quote_ident(n.nspname) || '.' || quote_ident(c.relname)
                || coalesce(' (' || (
                    SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.i)
                    FROM unnest(r.prattrs::int2 []) WITH ORDINALITY AS k (attnum, i)
                    JOIN pg_attribute AS a ON a.attrelid = r.prrelid AND a.attnum = k.attnum
                ) || ')', '')
                || coalesce(' WHERE (' || pg_get_expr(r.prqual, r.prrelid) || ')', '') AS spec
            FROM pg_publication_rel AS r
            JOIN pg_class AS c ON c.oid = r.prrelid
            JOIN pg_namespace AS n ON n.oid = c.relnamespace
            WHERE r.prpubid = p.oid
        ) AS x
    ), '{}')::text [] AS tables,
    coalesce((
        SELECT array_agg(quote_ident(n.nspname) ORDER BY n.nspname COLLATE "C")
        FROM pg_publication_namespace AS s
        JOIN pg_namespace AS n ON n.oid = s.pnnspid
        WHERE s.pnpubid = p.oid
    ), '{}')::text [] AS schemas,
    (SELECT d.description FROM pg_description AS d
     WHERE d.objoid = p.oid AND d.classoid = 'pg_publication'::regclass AND d.objsubid = 0)::text AS comment
FROM pg_publication AS p
ORDER BY p.pubname COLLATE "C"
