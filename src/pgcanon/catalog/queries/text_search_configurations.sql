-- fills: pgcanon.catalog.objects.TextSearchConfiguration
-- Text search configurations (pg_ts_config) and their mappings (pg_ts_config_map): one item per token
-- type, "<alias> WITH <dictionaries in mapseqno order>", sorted by alias; the aliases are the parser's
-- (ts_token_type), and regdictionary qualifies each dictionary off the pinned search_path (not
-- pg_catalog's). The parser is always qualified (pg_catalog."default"). users is what depends on the
-- configuration in pg_depend: a regconfig constant in a generated column's or a default's expression,
-- an index, a view, a check…, worded as the reports name those objects. A generated column's
-- expression depends as the column itself ('a', pg_class and attnum) on PostgreSQL 14, as its
-- pg_attrdef row ('n') on 18: both are read.
SELECT
    n.nspname::text AS schema,
    c.cfgname::text AS name,
    quote_ident(pn.nspname) || '.' || quote_ident(p.prsname) AS parser,
    ARRAY(
        SELECT (tt.alias || ' WITH ' || string_agg(m.mapdict::regdictionary::text, ', ' ORDER BY m.mapseqno))
            COLLATE "C"
        FROM pg_ts_config_map AS m
        JOIN ts_token_type(c.cfgparser) AS tt ON tt.tokid = m.maptokentype
        WHERE m.mapcfg = c.oid
        GROUP BY tt.alias
        ORDER BY 1
    )::text[] AS mappings,
    (SELECT ds.description FROM pg_description AS ds
     WHERE ds.objoid = c.oid AND ds.classoid = 'pg_ts_config'::regclass AND ds.objsubid = 0)::text AS comment,
    -- each kind of user named by its own lookup: one join of them all (16 tables) took longer to plan than to run
    ARRAY(
        SELECT DISTINCT (CASE
            WHEN dep.classid = 'pg_attrdef'::regclass THEN (
                SELECT 'column ' || an.nspname || '.' || ac.relname || '.' || aa.attname
                FROM pg_attrdef AS ad
                JOIN pg_class AS ac ON ac.oid = ad.adrelid
                JOIN pg_namespace AS an ON an.oid = ac.relnamespace
                JOIN pg_attribute AS aa ON aa.attrelid = ad.adrelid AND aa.attnum = ad.adnum
                WHERE ad.oid = dep.objid
            )
            WHEN dep.classid = 'pg_class'::regclass AND dep.objsubid > 0 THEN (
                SELECT 'column ' || rn.nspname || '.' || rc.relname || '.' || ra.attname
                FROM pg_class AS rc
                JOIN pg_namespace AS rn ON rn.oid = rc.relnamespace
                JOIN pg_attribute AS ra ON ra.attrelid = rc.oid AND ra.attnum = dep.objsubid
                WHERE rc.oid = dep.objid
            )
            WHEN dep.classid = 'pg_class'::regclass
                AND (SELECT rc.relkind FROM pg_class AS rc WHERE rc.oid = dep.objid) IN ('i', 'I') THEN (
                SELECT 'index ' || rn.nspname || '.' || rc.relname
                FROM pg_class AS rc JOIN pg_namespace AS rn ON rn.oid = rc.relnamespace
                WHERE rc.oid = dep.objid
            )
            WHEN dep.classid = 'pg_rewrite'::regclass THEN (
                SELECT 'view ' || vn.nspname || '.' || vc.relname
                FROM pg_rewrite AS rw
                JOIN pg_class AS vc ON vc.oid = rw.ev_class
                JOIN pg_namespace AS vn ON vn.oid = vc.relnamespace
                WHERE rw.oid = dep.objid
            )
            WHEN dep.classid = 'pg_proc'::regclass THEN (
                SELECT 'function ' || pn.nspname || '.' || p.proname || '(' || oidvectortypes(p.proargtypes) || ')'
                FROM pg_proc AS p JOIN pg_namespace AS pn ON pn.oid = p.pronamespace
                WHERE p.oid = dep.objid
            )
            ELSE pg_describe_object(dep.classid, dep.objid, dep.objsubid)
        END) COLLATE "C"
        FROM pg_depend AS dep
        WHERE dep.refclassid = 'pg_ts_config'::regclass AND dep.refobjid = c.oid AND dep.deptype IN ('n', 'a')
        ORDER BY 1
    )::text[] AS users
FROM pg_ts_config AS c
JOIN pg_namespace AS n ON n.oid = c.cfgnamespace
JOIN pg_ts_parser AS p ON p.oid = c.cfgparser
JOIN pg_namespace AS pn ON pn.oid = p.prsnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%'
    AND n.nspname NOT LIKE 'pg\_temp\_%'
    -- not a member of an extension ('e' dependencies always reference pg_extension): one hashed set
    AND c.oid NOT IN (
        SELECT e.objid FROM pg_depend AS e
        WHERE e.refclassid = 'pg_extension'::regclass AND e.classid = 'pg_ts_config'::regclass AND e.deptype = 'e'
    )
ORDER BY n.nspname COLLATE "C", c.cfgname COLLATE "C"
