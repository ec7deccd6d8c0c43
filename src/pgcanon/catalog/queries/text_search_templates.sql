-- fills: pgcanon.catalog.text_search.TextSearchTemplate
-- Text search templates (pg_ts_template) a user made: not initdb's, not an extension's. The functions as
-- regproc prints them off the pinned search_path: pg_catalog's bare, any other qualified.
SELECT
    n.nspname::text AS schema,
    t.tmplname::text AS name,
    nullif(t.tmplinit, 0)::regproc::text AS init,
    t.tmpllexize::regproc::text AS lexize,
    (SELECT d.description FROM pg_description AS d
     WHERE d.objoid = t.oid AND d.classoid = 'pg_ts_template'::regclass AND d.objsubid = 0)::text AS comment
FROM pg_ts_template AS t
JOIN pg_namespace AS n ON n.oid = t.tmplnamespace
WHERE t.oid >= 16384
    AND t.oid NOT IN (
        SELECT e.objid FROM pg_depend AS e
        WHERE e.refclassid = 'pg_extension'::regclass AND e.classid = 'pg_ts_template'::regclass AND e.deptype = 'e'
    )
ORDER BY n.nspname COLLATE "C", t.tmplname COLLATE "C"
