-- fills: pgcanon.catalog.foreign.ForeignDataWrapper
-- Foreign data wrappers (pg_foreign_data_wrapper) a user made; one an extension made (postgres_fdw,
-- file_fdw) is the extension's, compared as the extension. regproc qualifies the handler and validator
-- off the pinned search_path. Options are kept as stored ("key=value", in their order).
SELECT
    w.fdwname::text AS name,
    nullif(w.fdwhandler, 0)::regproc::text AS handler,
    nullif(w.fdwvalidator, 0)::regproc::text AS validator,
    coalesce(w.fdwoptions, '{}')::text[] AS options,
    (SELECT d.description FROM pg_description AS d
     WHERE d.objoid = w.oid AND d.classoid = 'pg_foreign_data_wrapper'::regclass AND d.objsubid = 0)::text AS comment,
    coalesce((
        SELECT array_agg(DISTINCT g ORDER BY g)
        FROM (
            SELECT (CASE WHEN a.grantee = w.fdwowner THEN '(owner)'
                         WHEN a.grantee = 0 THEN 'PUBLIC'
                         ELSE a.grantee::regrole::text END
                    || ':' || a.privilege_type
                    || CASE WHEN a.is_grantable THEN '*' ELSE '' END) COLLATE "C" AS g
            FROM aclexplode(coalesce(w.fdwacl, acldefault('F', w.fdwowner))) AS a
        ) AS x
    ), '{}')::text[] AS privileges
FROM pg_foreign_data_wrapper AS w
WHERE w.oid NOT IN (
    SELECT e.objid FROM pg_depend AS e
    WHERE e.refclassid = 'pg_extension'::regclass AND e.classid = 'pg_foreign_data_wrapper'::regclass
        AND e.deptype = 'e'
)
ORDER BY w.fdwname COLLATE "C"
