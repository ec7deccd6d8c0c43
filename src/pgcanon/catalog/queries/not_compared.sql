-- fills: pgcanon.catalog.model.NotCompared
-- The objects of the kinds a snapshot does not model, counted by kind, so that nothing is skipped
-- silently. Only what a user made: oids below 16384 (FirstNormalObjectId) are initdb's, and schemas
-- pg_* and information_schema are the system's. An extension's members ('e' dependencies) are the
-- extension's, compared as the extension. Aggregates are functions (routine_kind), so not here; casts,
-- operators and their families and classes are compared (Cast, Operator, OperatorFamily, OperatorClass),
-- and so are foreign data wrappers, servers, user mappings and foreign tables (catalog.foreign).
WITH ext AS (
    SELECT e.classid, e.objid FROM pg_depend AS e
    WHERE e.refclassid = 'pg_extension'::regclass AND e.deptype = 'e'
),
user_ns AS (
    SELECT n.oid FROM pg_namespace AS n
    WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
),
counts (object_kind, count) AS (
    SELECT 'conversion', count(*) FROM pg_conversion AS o
    WHERE o.oid >= 16384 AND o.connamespace IN (SELECT oid FROM user_ns)
        AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_conversion'::regclass AND ext.objid = o.oid)
    UNION ALL
    -- base types (CREATE TYPE with input and output functions), but not the array types PostgreSQL
    -- makes for every type (its element names it as typarray, looked up by the element's oid: pg_type
    -- has no index on typarray); range types and their multiranges are compared (Range)
    SELECT 'base type', count(*) FROM pg_type AS o
    WHERE o.oid >= 16384 AND o.typtype = 'b' AND o.typnamespace IN (SELECT oid FROM user_ns)
        AND NOT EXISTS (SELECT 1 FROM pg_type AS el WHERE el.oid = o.typelem AND el.typarray = o.oid)
        AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_type'::regclass AND ext.objid = o.oid)
    UNION ALL
    -- publications are compared (Publication); a subscription is not: it names a publisher to connect to
    -- (a scratch build never connects), and pg_subscription is a shared catalog, so this database's only
    SELECT 'subscription', count(*) FROM pg_subscription AS o
    WHERE o.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())
    UNION ALL
    SELECT 'procedural language', count(*) FROM pg_language AS o
    WHERE o.oid >= 16384
        AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_language'::regclass AND ext.objid = o.oid)
    UNION ALL
    SELECT 'transform', count(*) FROM pg_transform AS o
    WHERE o.oid >= 16384
        AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_transform'::regclass AND ext.objid = o.oid)
    UNION ALL
    SELECT 'access method', count(*) FROM pg_am AS o
    WHERE o.oid >= 16384
        AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_am'::regclass AND ext.objid = o.oid)
    UNION ALL
    SELECT 'security label', count(*) FROM pg_seclabel AS o WHERE o.objoid >= 16384
)
SELECT object_kind::text AS object_kind, count::int AS count
FROM counts
WHERE count > 0
ORDER BY object_kind COLLATE "C"
