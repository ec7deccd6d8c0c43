-- fills: pgcanon.catalog.objects.TextSearchDictionary
-- Text search dictionaries (pg_ts_dict). The template is always qualified (pg_catalog's too: its
-- names, such as simple, are also dictionaries'). options is dictinitoption split into its items in
-- stored order: PostgreSQL writes each as quote_identifier(name) = 'value' (E'' when it holds a
-- backslash), joined by ", ", whatever spelling CREATE or ALTER used, so each item is DDL as it stands.
-- users is what depends on the dictionary in pg_depend (configurations mapping to it, regdictionary
-- constants in views, indexes, defaults…), worded as the reports name those objects. A generated
-- column's expression depends as the column itself ('a', pg_class and attnum) on PostgreSQL 14, as its
-- pg_attrdef row ('n') on 18: both are read.
SELECT
    n.nspname::text AS schema,
    d.dictname::text AS name,
    quote_ident(tn.nspname) || '.' || quote_ident(t.tmplname) AS template,
    ARRAY(
        SELECT m.item[1]
        FROM regexp_matches(
            coalesce(d.dictinitoption, ''), '((?:"(?:[^"]|"")*"|[^\s=",]+) = E?''(?:[^'']|'''')*'')', 'g'
        ) WITH ORDINALITY AS m (item, i)
        ORDER BY m.i
    )::text[] AS options,
    (SELECT ds.description FROM pg_description AS ds
     WHERE ds.objoid = d.oid AND ds.classoid = 'pg_ts_dict'::regclass AND ds.objsubid = 0)::text AS comment,
    -- each kind of user named by its own lookup: one join of them all (16 tables) took longer to plan than to run
    ARRAY(
        SELECT DISTINCT (CASE
            WHEN dep.classid = 'pg_ts_config'::regclass THEN (
                SELECT 'text search configuration ' || cn.nspname || '.' || cfg.cfgname
                FROM pg_ts_config AS cfg JOIN pg_namespace AS cn ON cn.oid = cfg.cfgnamespace
                WHERE cfg.oid = dep.objid
            )
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
        WHERE dep.refclassid = 'pg_ts_dict'::regclass AND dep.refobjid = d.oid AND dep.deptype IN ('n', 'a')
        ORDER BY 1
    )::text[] AS users
FROM pg_ts_dict AS d
JOIN pg_namespace AS n ON n.oid = d.dictnamespace
JOIN pg_ts_template AS t ON t.oid = d.dicttemplate
JOIN pg_namespace AS tn ON tn.oid = t.tmplnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%'
    AND n.nspname NOT LIKE 'pg\_temp\_%'
    -- not a member of an extension ('e' dependencies always reference pg_extension): one hashed set
    AND d.oid NOT IN (
        SELECT e.objid FROM pg_depend AS e
        WHERE e.refclassid = 'pg_extension'::regclass AND e.classid = 'pg_ts_dict'::regclass AND e.deptype = 'e'
    )
ORDER BY n.nspname COLLATE "C", d.dictname COLLATE "C"
