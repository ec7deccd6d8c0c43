-- fills: pgcanon.catalog.objects.Cast
-- User-defined casts (pg_cast has no schema: a cast is named by its two types). Left out: an
-- extension's ('e' dependency on pg_extension), and the casts PostgreSQL makes between a range type's
-- multirange and the range (14+, an internal 'i' dependency on the type: they come with it). regprocedure
-- and format_type qualify names off the pinned search_path.
SELECT
    format_type(c.castsource, NULL) AS source,
    format_type(c.casttarget, NULL) AS target,
    CASE c.castmethod
        WHEN 'f' THEN 'WITH FUNCTION ' || c.castfunc::regprocedure::text
        WHEN 'b' THEN 'WITHOUT FUNCTION'
        ELSE 'WITH INOUT'
    END AS method,
    CASE c.castcontext WHEN 'i' THEN 'implicit' WHEN 'a' THEN 'assignment' ELSE 'explicit' END AS context,
    (SELECT d.description FROM pg_description AS d
     WHERE d.objoid = c.oid AND d.classoid = 'pg_cast'::regclass AND d.objsubid = 0)::text AS comment
FROM pg_cast AS c
WHERE c.oid >= 16384
    -- one hashed set of the casts an extension or a range type owns
    AND c.oid NOT IN (
        SELECT e.objid FROM pg_depend AS e
        WHERE e.classid = 'pg_cast'::regclass
            AND ((e.refclassid = 'pg_extension'::regclass AND e.deptype = 'e') OR e.deptype = 'i')
    )
ORDER BY format_type(c.castsource, NULL) COLLATE "C", format_type(c.casttarget, NULL) COLLATE "C"
