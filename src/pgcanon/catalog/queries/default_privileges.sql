-- fills: pgcanon.catalog.objects.DefaultPrivileges
-- ALTER DEFAULT PRIVILEGES entries (pg_default_acl): those of one role, everywhere or in one schema, for
-- one kind of object. The database's owner reads as '(database owner)', as owners.sql says it. The
-- privileges are spelled as an object's are (grantee:PRIVILEGE, * when grantable; the role itself as
-- '(owner)'). defaults is what having no entry means: acldefault for an entry everywhere, nothing for
-- one in a schema (an entry in a schema only adds to the role's others).
WITH db AS (SELECT d.datdba FROM pg_database AS d WHERE d.datname = current_database())
SELECT * FROM (SELECT
    CASE WHEN a.defaclrole = db.datdba THEN '(database owner)' ELSE a.defaclrole::regrole::text END AS role,
    coalesce(n.nspname, '')::text AS schema,  -- '': everywhere
    CASE a.defaclobjtype WHEN 'r' THEN 'TABLES' WHEN 'S' THEN 'SEQUENCES' WHEN 'f' THEN 'FUNCTIONS'
        WHEN 'T' THEN 'TYPES' WHEN 'n' THEN 'SCHEMAS' ELSE 'LARGE OBJECTS' END AS object_type,
    ARRAY(
        SELECT DISTINCT (CASE WHEN g.grantee = a.defaclrole THEN '(owner)' WHEN g.grantee = 0 THEN 'PUBLIC'
                ELSE g.grantee::regrole::text END
            || ':' || g.privilege_type || CASE WHEN g.is_grantable THEN '*' ELSE '' END) COLLATE "C" AS p
        FROM aclexplode(a.defaclacl) AS g ORDER BY 1
    )::text[] AS privileges,
    ARRAY(
        SELECT DISTINCT (CASE WHEN g.grantee = a.defaclrole THEN '(owner)' WHEN g.grantee = 0 THEN 'PUBLIC'
                ELSE g.grantee::regrole::text END
            || ':' || g.privilege_type || CASE WHEN g.is_grantable THEN '*' ELSE '' END) COLLATE "C" AS p
        FROM aclexplode(acldefault(CASE a.defaclobjtype WHEN 'S' THEN 's' ELSE a.defaclobjtype END, a.defaclrole))
            AS g
        WHERE a.defaclnamespace = 0 ORDER BY 1
    )::text[] AS defaults
FROM pg_default_acl AS a
CROSS JOIN db
LEFT JOIN pg_namespace AS n ON n.oid = a.defaclnamespace
) AS entries
ORDER BY entries.role COLLATE "C", entries.schema COLLATE "C" NULLS FIRST, entries.object_type COLLATE "C"
