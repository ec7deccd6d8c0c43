-- fills: pgcanon.catalog.objects.Operator
-- User-defined operators. Shell operators (oprcode 0: what COMMUTATOR or NEGATOR named before it was
-- defined) are left out, as pg_dump leaves them out: the operator naming them makes them again. The
-- commutator and negator are qualified names (schema.name): their argument types are implied. regproc
-- qualifies a function off the pinned search_path (eqsel, a pg_catalog one, stays bare).
SELECT
    n.nspname::text AS schema,
    o.oprname::text AS name,
    CASE WHEN o.oprleft = 0 THEN 'NONE' ELSE format_type(o.oprleft, NULL) END AS left_type,
    format_type(o.oprright, NULL) AS right_type,
    o.oprcode::regproc::text AS function,
    (
        SELECT quote_ident(cn.nspname) || '.' || c.oprname
        FROM pg_operator AS c JOIN pg_namespace AS cn ON cn.oid = c.oprnamespace
        WHERE c.oid = o.oprcom
    ) AS commutator,
    (
        SELECT quote_ident(ng.nspname) || '.' || g.oprname
        FROM pg_operator AS g JOIN pg_namespace AS ng ON ng.oid = g.oprnamespace
        WHERE g.oid = o.oprnegate
    ) AS negator,
    nullif(o.oprrest, 0)::regproc::text AS "restrict",
    nullif(o.oprjoin, 0)::regproc::text AS "join",
    o.oprcanhash AS hashes,
    o.oprcanmerge AS merges,
    (SELECT d.description FROM pg_description AS d
     WHERE d.objoid = o.oid AND d.classoid = 'pg_operator'::regclass AND d.objsubid = 0)::text AS comment
FROM pg_operator AS o
JOIN pg_namespace AS n ON n.oid = o.oprnamespace
WHERE o.oid >= 16384 AND o.oprcode <> 0
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%'
    AND n.nspname NOT LIKE 'pg\_temp\_%'
    -- not a member of an extension ('e' dependencies always reference pg_extension): one hashed set
    AND o.oid NOT IN (
        SELECT e.objid FROM pg_depend AS e
        WHERE e.refclassid = 'pg_extension'::regclass AND e.classid = 'pg_operator'::regclass AND e.deptype = 'e'
    )
ORDER BY n.nspname COLLATE "C", o.oprname COLLATE "C",
    (CASE WHEN o.oprleft = 0 THEN 'NONE' ELSE format_type(o.oprleft, NULL) END) COLLATE "C",
    format_type(o.oprright, NULL) COLLATE "C"
