-- fills: pgcanon.catalog.objects.OperatorClass
-- Operator classes with their own members (the pg_amop and pg_amproc rows that depend on the class
-- internally, 'i'), each as CREATE OPERATOR CLASS spells it. regoperator, regprocedure and
-- format_type qualify names off the pinned search_path.
SELECT
    n.nspname::text AS schema,
    c.opcname::text AS name,
    am.amname::text AS method,
    format_type(c.opcintype, NULL) AS data_type,
    c.opcdefault AS default_class,
    quote_ident(fn.nspname) || '.' || quote_ident(f.opfname) AS family,
    CASE WHEN c.opckeytype <> 0 THEN format_type(c.opckeytype, NULL) END AS storage,
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
        FROM pg_amop AS o JOIN pg_depend AS i
            ON i.classid = 'pg_amop'::regclass AND i.objid = o.oid AND i.deptype = 'i'
            AND i.refclassid = 'pg_opclass'::regclass AND i.refobjid = c.oid
    ), '{}')::text[] AS operators,
    coalesce((
        SELECT array_agg(
            'FUNCTION ' || p.amprocnum || ' (' || format_type(p.amproclefttype, NULL) || ', '
            || format_type(p.amprocrighttype, NULL) || ') ' || p.amproc::regprocedure::text
            ORDER BY p.amprocnum, p.amproc::regprocedure::text COLLATE "C"
        )
        FROM pg_amproc AS p JOIN pg_depend AS i
            ON i.classid = 'pg_amproc'::regclass AND i.objid = p.oid AND i.deptype = 'i'
            AND i.refclassid = 'pg_opclass'::regclass AND i.refobjid = c.oid
    ), '{}')::text[] AS functions,
    (SELECT d.description FROM pg_description AS d
     WHERE d.objoid = c.oid AND d.classoid = 'pg_opclass'::regclass AND d.objsubid = 0)::text AS comment
FROM pg_opclass AS c
JOIN pg_namespace AS n ON n.oid = c.opcnamespace
JOIN pg_am AS am ON am.oid = c.opcmethod
JOIN pg_opfamily AS f ON f.oid = c.opcfamily
JOIN pg_namespace AS fn ON fn.oid = f.opfnamespace
WHERE c.oid >= 16384
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%'
    AND n.nspname NOT LIKE 'pg\_temp\_%'
    -- not a member of an extension ('e' dependencies always reference pg_extension): one hashed set
    AND c.oid NOT IN (
        SELECT e.objid FROM pg_depend AS e
        WHERE e.refclassid = 'pg_extension'::regclass AND e.classid = 'pg_opclass'::regclass AND e.deptype = 'e'
    )
ORDER BY n.nspname COLLATE "C", c.opcname COLLATE "C", am.amname COLLATE "C"
