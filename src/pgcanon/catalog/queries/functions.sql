-- fills: pgcanon.catalog.model.Function
-- Identity is schema.name(input types). prosrc keeps a body byte for byte (only the dollar quoting
-- around it is lost); SQL-standard bodies (BEGIN ATOMIC, 14+) live in prosqlbody instead.
SELECT
    n.nspname::text AS schema,
    p.proname::text AS name,
    oidvectortypes(p.proargtypes) AS arguments,
    CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' WHEN 'w' THEN 'window function'
        ELSE 'function' END AS routine_kind,
    pg_get_function_arguments(p.oid) AS signature,
    pg_get_function_result(p.oid) AS result,
    l.lanname::text AS language,
    CASE WHEN p.prosqlbody IS NOT NULL THEN pg_get_function_sqlbody(p.oid) ELSE p.prosrc END AS source,
    p.probin::text AS binary,
    CASE p.provolatile WHEN 'i' THEN 'IMMUTABLE' WHEN 's' THEN 'STABLE' ELSE 'VOLATILE' END AS volatility,
    p.proisstrict AS strict,
    p.prosecdef AS security_definer,
    p.proleakproof AS leakproof,
    CASE p.proparallel WHEN 's' THEN 'SAFE' WHEN 'r' THEN 'RESTRICTED' ELSE 'UNSAFE' END AS parallel,
    p.procost::float8 AS cost,
    p.prorows::float8 AS rows,
    coalesce(p.proconfig, '{}')::text[] AS config,
    d.description::text AS comment,
    coalesce((
        SELECT array_agg(DISTINCT g ORDER BY g)
        FROM (
            SELECT (CASE WHEN a.grantee = p.proowner THEN '(owner)'
                         WHEN a.grantee = 0 THEN 'PUBLIC'
                         ELSE a.grantee::regrole::text END
                    || ':' || a.privilege_type
                    || CASE WHEN a.is_grantable THEN '*' ELSE '' END) COLLATE "C" AS g
            FROM aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) AS a
        ) AS x
    ), '{}')::text[] AS privileges
FROM pg_proc AS p
JOIN pg_namespace AS n ON n.oid = p.pronamespace
JOIN pg_language AS l ON l.oid = p.prolang
LEFT JOIN pg_description AS d
    ON d.objoid = p.oid AND d.classoid = 'pg_proc'::regclass AND d.objsubid = 0
WHERE true
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%'
    AND n.nspname NOT LIKE 'pg\_temp\_%'
    -- not a member of an extension ('e' dependencies always reference pg_extension), nor a constructor
    -- PostgreSQL made for a range or multirange type (internal, 'i', to the type: it comes and goes
    -- with the type, which is compared): one hashed set
    AND p.oid NOT IN (
        SELECT e.objid FROM pg_depend AS e
        WHERE e.classid = 'pg_proc'::regclass AND (
            (e.refclassid = 'pg_extension'::regclass AND e.deptype = 'e')
            OR (e.refclassid = 'pg_type'::regclass AND e.deptype = 'i')
        )
    )
ORDER BY n.nspname COLLATE "C", p.proname COLLATE "C", oidvectortypes(p.proargtypes) COLLATE "C"
