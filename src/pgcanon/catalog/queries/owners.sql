-- fills: pgcanon.catalog.objects.Owner
-- The owner of every object of a compared kind that can have one of its own, by the keyword ALTER
-- takes it with and the identity pg_identify_object prints (quoted, qualified, a routine with its
-- argument types). The database's owner is '(database owner)' whoever that is, so a schema built as
-- one role compares equal to the same schema deployed by another; so are pg_database_owner (15+: the
-- public schema's owner) and, for the public schema only, the bootstrap superuser (its owner on 14).
-- Not the objects whose owner follows another one: an internal ('i': array and row types, identity
-- sequences, multiranges, range constructors) or extension ('e') dependency, or a sequence OWNED BY
-- a column ('a': ALTER SEQUENCE OWNER TO is refused, ALTER TABLE moves it).
WITH owned (classid, objid, keyword, owner) AS (
    SELECT 'pg_namespace'::regclass, n.oid, 'SCHEMA', n.nspowner FROM pg_namespace AS n
    WHERE (n.oid >= 16384 OR n.nspname = 'public') AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
    UNION ALL
    SELECT 'pg_class'::regclass, c.oid,
        CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
            WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
        c.relowner
    FROM pg_class AS c WHERE c.oid >= 16384 AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
    UNION ALL
    SELECT 'pg_type'::regclass, t.oid, CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, t.typowner
    FROM pg_type AS t WHERE t.oid >= 16384 AND t.typtype IN ('c', 'd', 'e', 'r')
    UNION ALL
    SELECT 'pg_proc'::regclass, p.oid,
        CASE p.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END, p.proowner
    FROM pg_proc AS p WHERE p.oid >= 16384
    UNION ALL
    SELECT 'pg_collation'::regclass, c.oid, 'COLLATION', c.collowner FROM pg_collation AS c WHERE c.oid >= 16384
    UNION ALL
    SELECT 'pg_statistic_ext'::regclass, s.oid, 'STATISTICS', s.stxowner FROM pg_statistic_ext AS s
    WHERE s.oid >= 16384
    UNION ALL
    SELECT 'pg_ts_dict'::regclass, d.oid, 'TEXT SEARCH DICTIONARY', d.dictowner FROM pg_ts_dict AS d
    WHERE d.oid >= 16384
    UNION ALL
    SELECT 'pg_ts_config'::regclass, c.oid, 'TEXT SEARCH CONFIGURATION', c.cfgowner FROM pg_ts_config AS c
    WHERE c.oid >= 16384
    UNION ALL
    SELECT 'pg_publication'::regclass, p.oid, 'PUBLICATION', p.pubowner FROM pg_publication AS p
    WHERE p.oid >= 16384
    UNION ALL
    SELECT 'pg_operator'::regclass, o.oid, 'OPERATOR', o.oprowner FROM pg_operator AS o WHERE o.oid >= 16384
    UNION ALL
    SELECT 'pg_opfamily'::regclass, f.oid, 'OPERATOR FAMILY', f.opfowner FROM pg_opfamily AS f WHERE f.oid >= 16384
    UNION ALL
    SELECT 'pg_opclass'::regclass, c.oid, 'OPERATOR CLASS', c.opcowner FROM pg_opclass AS c WHERE c.oid >= 16384
    UNION ALL
    SELECT 'pg_foreign_data_wrapper'::regclass, w.oid, 'FOREIGN DATA WRAPPER', w.fdwowner
    FROM pg_foreign_data_wrapper AS w WHERE w.oid >= 16384
    UNION ALL
    SELECT 'pg_foreign_server'::regclass, v.oid, 'SERVER', v.srvowner FROM pg_foreign_server AS v WHERE v.oid >= 16384
    UNION ALL
    SELECT 'pg_event_trigger'::regclass, e.oid, 'EVENT TRIGGER', e.evtowner FROM pg_event_trigger AS e
    WHERE e.oid >= 16384
),
db AS (SELECT d.datdba FROM pg_database AS d WHERE d.datname = current_database())
SELECT
    o.keyword AS object_type,
    i.identity::text AS identity,
    i.schema::text AS schema,
    CASE WHEN o.owner = db.datdba OR o.owner = 'pg_database_owner'::regrole
            OR (o.keyword = 'SCHEMA' AND o.owner = 10 AND i.identity = 'public') THEN '(database owner)'
        ELSE pg_get_userbyid(o.owner)::text END AS owner
FROM owned AS o
CROSS JOIN db
CROSS JOIN LATERAL pg_identify_object(o.classid, o.objid, 0) AS i
WHERE NOT EXISTS (
    SELECT FROM pg_depend AS d
    WHERE d.classid = o.classid AND d.objid = o.objid AND d.objsubid = 0
        -- not a partitioned table's own key columns ('i' on itself)
        AND NOT (d.refclassid = o.classid AND d.refobjid = o.objid)
        AND (d.deptype IN ('i', 'e') OR (d.deptype = 'a' AND o.keyword = 'SEQUENCE' AND d.refclassid = 'pg_class'::regclass))
)
ORDER BY o.keyword COLLATE "C", i.identity COLLATE "C"
