-- fills: pgcanon.catalog.foreign.ForeignServer
-- Foreign servers (pg_foreign_server) and the wrapper each uses. Options are kept as stored
-- ("key=value", in their order); the value of an option whose name says it is a secret (password,
-- passphrase, secret, token) is replaced here by its SHA-256, so that the secret itself never leaves
-- the server: two servers still compare equal exactly when their secrets are equal, and nothing
-- pgcanon holds (snapshots, their cache on disk, reports) carries it. The reports do not show the
-- digest either (pgcanon.diff.foreign).
SELECT
    s.srvname::text AS name,
    w.fdwname::text AS wrapper,
    s.srvtype::text AS server_type,
    s.srvversion::text AS version,
    ARRAY(
        SELECT CASE WHEN split_part(o.opt, '=', 1) ~* '(password|passphrase|secret|token)'
            THEN split_part(o.opt, '=', 1) || '=<secret sha256 '
                || encode(sha256(convert_to(substr(o.opt, strpos(o.opt, '=') + 1), 'UTF8')), 'hex') || '>'
            ELSE o.opt END
        FROM unnest(s.srvoptions) WITH ORDINALITY AS o (opt, i)
        ORDER BY o.i
    )::text[] AS options,
    (SELECT d.description FROM pg_description AS d
     WHERE d.objoid = s.oid AND d.classoid = 'pg_foreign_server'::regclass AND d.objsubid = 0)::text AS comment,
    coalesce((
        SELECT array_agg(DISTINCT g ORDER BY g)
        FROM (
            SELECT (CASE WHEN a.grantee = s.srvowner THEN '(owner)'
                         WHEN a.grantee = 0 THEN 'PUBLIC'
                         ELSE a.grantee::regrole::text END
                    || ':' || a.privilege_type
                    || CASE WHEN a.is_grantable THEN '*' ELSE '' END) COLLATE "C" AS g
            FROM aclexplode(coalesce(s.srvacl, acldefault('S', s.srvowner))) AS a
        ) AS x
    ), '{}')::text[] AS privileges
FROM pg_foreign_server AS s
JOIN pg_foreign_data_wrapper AS w ON w.oid = s.srvfdw
WHERE s.oid NOT IN (
    SELECT e.objid FROM pg_depend AS e
    WHERE e.refclassid = 'pg_extension'::regclass AND e.classid = 'pg_foreign_server'::regclass
        AND e.deptype = 'e'
)
ORDER BY s.srvname COLLATE "C"
