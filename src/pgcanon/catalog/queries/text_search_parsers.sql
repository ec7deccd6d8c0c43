-- fills: pgcanon.catalog.text_search.TextSearchParser
-- Text search parsers (pg_ts_parser) a user made: not initdb's, not an extension's. The functions as
-- regproc prints them off the pinned search_path: pg_catalog's bare, any other qualified.
SELECT
    n.nspname::text AS schema,
    p.prsname::text AS name,
    p.prsstart::regproc::text AS start,
    p.prstoken::regproc::text AS gettoken,
    p.prsend::regproc::text AS "end",
    p.prslextype::regproc::text AS lextypes,
    nullif(p.prsheadline, 0)::regproc::text AS headline,
    (SELECT d.description FROM pg_description AS d
     WHERE d.objoid = p.oid AND d.classoid = 'pg_ts_parser'::regclass AND d.objsubid = 0)::text AS comment
FROM pg_ts_parser AS p
JOIN pg_namespace AS n ON n.oid = p.prsnamespace
WHERE p.oid >= 16384
    AND p.oid NOT IN (
        SELECT e.objid FROM pg_depend AS e
        WHERE e.refclassid = 'pg_extension'::regclass AND e.classid = 'pg_ts_parser'::regclass AND e.deptype = 'e'
    )
ORDER BY n.nspname COLLATE "C", p.prsname COLLATE "C"
