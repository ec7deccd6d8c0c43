-- fills: pgcanon.catalog.objects.OperatorFamily
-- Operator families with their loose members: the pg_amop and pg_amproc rows that no operator class
-- owns (a class's members depend on it internally, 'i'; ALTER OPERATOR FAMILY … ADD makes them
-- depend on the family, 'a'). Each member as ADD spells it; regoperator and regprocedure qualify
-- names off the pinned search_path. Members in strategy (support) number order, then by text.
SELECT
    n.nspname::text AS schema,
    f.opfname::text AS name,
    am.amname::text AS method,
    coalesce((
        SELECT array_agg(
            'OPERATOR ' || o.amopstrategy || ' ' || o.amopopr::regoperator::text
            || CASE WHEN o.amoppurpose = 'o' THEN ' FOR ORDER BY ' || (
                SELECT quote_ident(sn.nspname) || '.' || quote_ident(sf.opfname)
                FROM pg_opfamily AS sf JOIN pg_namespace AS sn ON sn.oid = sf.opfnamespace
                WHERE sf.oid = o.amopsortfamily
            ) ELSE '' END
            ORDER BY o.amopstrategy, o.amopopr::regoperator::text COLLATE "C"
        )
        FROM pg_amop AS o
        WHERE o.amopfamily = f.oid AND o.oid NOT IN (
            SELECT i.objid FROM pg_depend AS i WHERE i.classid = 'pg_amop'::regclass AND i.deptype = 'i'
        )
    ), '{}')::text[] AS operators,
    coalesce((
        SELECT array_agg(
            'FUNCTION ' || p.amprocnum || ' (' || format_type(p.amproclefttype, NULL) || ', '
            || format_type(p.amprocrighttype, NULL) || ') ' || p.amproc::regprocedure::text
            ORDER BY p.amprocnum, p.amproc::regprocedure::text COLLATE "C"
        )
        FROM pg_amproc AS p
        WHERE p.amprocfamily = f.oid AND p.oid NOT IN (
            SELECT i.objid FROM pg_depend AS i WHERE i.classid = 'pg_amproc'::regclass AND i.deptype = 'i'
        )
    ), '{}')::text[] AS functions,
    (SELECT d.description FROM pg_description AS d
     WHERE d.objoid = f.oid AND d.classoid = 'pg_opfamily'::regclass AND d.objsubid = 0)::text AS comment
FROM pg_opfamily AS f
JOIN pg_namespace AS n ON n.oid = f.opfnamespace
JOIN pg_am AS am ON am.oid = f.opfmethod
WHERE f.oid >= 16384
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%'
    AND n.nspname NOT LIKE 'pg\_temp\_%'
    -- not a member of an extension ('e' dependencies always reference pg_extension): one hashed set
    AND f.oid NOT IN (
        SELECT e.objid FROM pg_depend AS e
        WHERE e.refclassid = 'pg_extension'::regclass AND e.classid = 'pg_opfamily'::regclass AND e.deptype = 'e'
    )
ORDER BY n.nspname COLLATE "C", f.opfname COLLATE "C", am.amname COLLATE "C"
