-- fills: pgcanon.catalog.objects.Range
-- Range types (pg_range) with the multirange type PostgreSQL makes for each (14+): the multirange has
-- no options of its own and its privileges are the range's, so only its name is read. As pg_dump
-- does, the operator class is read only when it is not the subtype's default, and the collation only
-- when it is not the subtype's own. regproc and regtype qualify names off the pinned search_path.
SELECT
    n.nspname::text AS schema,
    t.typname::text AS name,
    format_type(r.rngsubtype, NULL) AS subtype,
    CASE WHEN NOT opc.opcdefault THEN
        CASE WHEN opn.nspname = 'pg_catalog' THEN quote_ident(opc.opcname)
            ELSE quote_ident(opn.nspname) || '.' || quote_ident(opc.opcname) END
    END AS subtype_opclass,
    CASE WHEN r.rngcollation <> st.typcollation THEN r.rngcollation::regcollation::text END AS collation,
    nullif(r.rngcanonical, 0)::regproc::text AS canonical,
    nullif(r.rngsubdiff, 0)::regproc::text AS subtype_diff,
    r.rngmultitypid::regtype::text AS multirange,
    (SELECT d.description FROM pg_description AS d
     WHERE d.objoid = t.oid AND d.classoid = 'pg_type'::regclass AND d.objsubid = 0)::text AS comment,
    coalesce((
        SELECT array_agg(DISTINCT g ORDER BY g)
        FROM (
            SELECT (CASE WHEN a.grantee = t.typowner THEN '(owner)'
                         WHEN a.grantee = 0 THEN 'PUBLIC'
                         ELSE a.grantee::regrole::text END
                    || ':' || a.privilege_type
                    || CASE WHEN a.is_grantable THEN '*' ELSE '' END) COLLATE "C" AS g
            FROM aclexplode(coalesce(t.typacl, acldefault('T', t.typowner))) AS a
        ) AS x
    ), '{}')::text[] AS privileges
FROM pg_range AS r
JOIN pg_type AS t ON t.oid = r.rngtypid
JOIN pg_type AS st ON st.oid = r.rngsubtype
JOIN pg_opclass AS opc ON opc.oid = r.rngsubopc
JOIN pg_namespace AS opn ON opn.oid = opc.opcnamespace
JOIN pg_namespace AS n ON n.oid = t.typnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%'
    AND n.nspname NOT LIKE 'pg\_temp\_%'
    -- not a member of an extension ('e' dependencies always reference pg_extension): one hashed set
    AND t.oid NOT IN (
        SELECT e.objid FROM pg_depend AS e
        WHERE e.refclassid = 'pg_extension'::regclass AND e.classid = 'pg_type'::regclass AND e.deptype = 'e'
    )
ORDER BY n.nspname COLLATE "C", t.typname COLLATE "C"
