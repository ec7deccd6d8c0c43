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
    (SELECT d.description FROM pg_description AS d
     WHERE d.objoid = p.oid AND d.classoid = 'pg_proc'::regclass AND d.objsubid = 0)::text AS comment,
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
    ), '{}')::text[] AS privileges,
    -- an aggregate's options as CREATE AGGREGATE takes them, as pg_dump prints them: the functions by
    -- name (regproc qualifies those off the pinned search_path), FINALFUNC_MODIFY only with a
    -- FINALFUNC, the sort operator as OPERATOR(schema.op); PARALLEL is the routine's own field
    (
        SELECT concat_ws(
            ', ',
            'SFUNC = ' || a.aggtransfn::regproc::text,
            'STYPE = ' || format_type(a.aggtranstype, NULL),
            CASE WHEN a.aggtransspace <> 0 THEN 'SSPACE = ' || a.aggtransspace END,
            CASE WHEN a.aggfinalfn <> 0 THEN 'FINALFUNC = ' || a.aggfinalfn::regproc::text END,
            CASE WHEN a.aggfinalfn <> 0 AND a.aggfinalextra THEN 'FINALFUNC_EXTRA' END,
            CASE WHEN a.aggfinalfn <> 0 THEN 'FINALFUNC_MODIFY = ' || CASE a.aggfinalmodify
                WHEN 'r' THEN 'READ_ONLY' WHEN 's' THEN 'SHAREABLE' ELSE 'READ_WRITE' END END,
            CASE WHEN a.aggcombinefn <> 0 THEN 'COMBINEFUNC = ' || a.aggcombinefn::regproc::text END,
            CASE WHEN a.aggserialfn <> 0 THEN 'SERIALFUNC = ' || a.aggserialfn::regproc::text END,
            CASE WHEN a.aggdeserialfn <> 0 THEN 'DESERIALFUNC = ' || a.aggdeserialfn::regproc::text END,
            'INITCOND = ' || quote_literal(a.agginitval),
            CASE WHEN a.aggmtransfn <> 0 THEN 'MSFUNC = ' || a.aggmtransfn::regproc::text END,
            CASE WHEN a.aggminvtransfn <> 0 THEN 'MINVFUNC = ' || a.aggminvtransfn::regproc::text END,
            CASE WHEN a.aggmtransfn <> 0 THEN 'MSTYPE = ' || format_type(a.aggmtranstype, NULL) END,
            CASE WHEN a.aggmtransspace <> 0 THEN 'MSSPACE = ' || a.aggmtransspace END,
            CASE WHEN a.aggmfinalfn <> 0 THEN 'MFINALFUNC = ' || a.aggmfinalfn::regproc::text END,
            CASE WHEN a.aggmfinalfn <> 0 AND a.aggmfinalextra THEN 'MFINALFUNC_EXTRA' END,
            CASE WHEN a.aggmfinalfn <> 0 THEN 'MFINALFUNC_MODIFY = ' || CASE a.aggmfinalmodify
                WHEN 'r' THEN 'READ_ONLY' WHEN 's' THEN 'SHAREABLE' ELSE 'READ_WRITE' END END,
            'MINITCOND = ' || quote_literal(a.aggminitval),
            (
                SELECT 'SORTOP = OPERATOR(' || quote_ident(opn.nspname) || '.' || o.oprname || ')'
                FROM pg_operator AS o JOIN pg_namespace AS opn ON opn.oid = o.oprnamespace
                WHERE o.oid = a.aggsortop
            ),
            CASE WHEN a.aggkind = 'h' THEN 'HYPOTHETICAL' END
        )
        FROM pg_aggregate AS a
        WHERE a.aggfnoid = p.oid
    ) AS aggregate
FROM pg_proc AS p
JOIN pg_namespace AS n ON n.oid = p.pronamespace
JOIN pg_language AS l ON l.oid = p.prolang
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
