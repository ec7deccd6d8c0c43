-- fills: pgcanon.catalog.model.EventTrigger
-- Event triggers are per database, in no schema. WHEN TAG IN keeps its tags upper-cased, in the order
-- written: a set, so tags are sorted, and tags_written keeps that order for the DDL (pg_dump prints it).
-- evtfoid::regproc qualifies the function off the pinned search_path.
SELECT
    t.evtname::text AS name,
    t.evtevent::text AS event,
    ARRAY(SELECT g COLLATE "C" FROM unnest(t.evttags) AS g ORDER BY 1)::text[] AS tags,
    t.evtfoid::regproc::text AS function,
    coalesce(t.evttags, '{}')::text[] AS tags_written,
    CASE t.evtenabled WHEN 'D' THEN 'DISABLE' WHEN 'R' THEN 'ENABLE REPLICA' WHEN 'A' THEN 'ENABLE ALWAYS'
        ELSE 'ENABLE' END AS enabled,
    (SELECT d.description FROM pg_description AS d
     WHERE d.objoid = t.oid AND d.classoid = 'pg_event_trigger'::regclass AND d.objsubid = 0)::text AS comment
FROM pg_event_trigger AS t
-- not a member of an extension ('e' dependencies always reference pg_extension): one hashed set
WHERE t.oid NOT IN (
    SELECT e.objid FROM pg_depend AS e
    WHERE e.refclassid = 'pg_extension'::regclass AND e.classid = 'pg_event_trigger'::regclass AND e.deptype = 'e'
)
ORDER BY t.evtname COLLATE "C"
