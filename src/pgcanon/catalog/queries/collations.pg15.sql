-- fills: pgcanon.catalog.model.Collation  (PostgreSQL 15; collations.sql is the 17+ variant)
-- User collations (CREATE COLLATION); the ones initdb imports live in pg_catalog and are not read.
-- Each locale field is read only for the provider that uses it, so a provider change reads as one.
-- collversion is the library's version where the collation was created: a fact of that server's
-- ICU/glibc, not of the schema, so it is not read. collencoding follows the database's encoding.
-- 15 calls the ICU locale colliculocale and has no ICU tailoring rules (collicurules, 16+).
SELECT
    n.nspname::text AS schema,
    c.collname::text AS name,
    CASE c.collprovider WHEN 'i' THEN 'icu' WHEN 'b' THEN 'builtin' ELSE 'libc' END AS provider,
    CASE WHEN c.collprovider = 'c' THEN c.collcollate::text END AS lc_collate,
    CASE WHEN c.collprovider = 'c' THEN c.collctype::text END AS lc_ctype,
    CASE WHEN c.collprovider <> 'c' THEN c.colliculocale END AS locale,
    NULL::text AS rules,
    c.collisdeterministic AS deterministic,
    (SELECT d.description FROM pg_description AS d
     WHERE d.objoid = c.oid AND d.classoid = 'pg_collation'::regclass AND d.objsubid = 0)::text AS comment
FROM pg_collation AS c
JOIN pg_namespace AS n ON n.oid = c.collnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%'
    AND n.nspname NOT LIKE 'pg\_temp\_%'
    -- not a member of an extension ('e' dependencies always reference pg_extension): one hashed set
    AND c.oid NOT IN (
        SELECT e.objid FROM pg_depend AS e
        WHERE e.refclassid = 'pg_extension'::regclass AND e.classid = 'pg_collation'::regclass
            AND e.deptype = 'e'
    )
ORDER BY n.nspname COLLATE "C", c.collname COLLATE "C"
