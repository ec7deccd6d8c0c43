-- fills: pgcanon.catalog.foreign.UserMapping
-- User mappings, from the view pg_user_mappings (its table pg_user_mapping is readable by superusers
-- only). The view shows a mapping's options only to whom may see them; readable repeats its rule
-- (PostgreSQL 14 to 18, system_views.sql), so that options hidden from the reader (NULL) are told
-- apart from none. The mapped role is written (owner) when it owns the server, as privileges are,
-- and PUBLIC for a mapping for everyone. As for servers (foreign_servers.sql), a secret option's
-- value is replaced by its SHA-256 here: it never leaves the server.
SELECT um.server, um.user, um.options
FROM (
    SELECT
        m.srvname::text AS server,
        CASE WHEN m.umuser = 0 THEN 'PUBLIC'
             WHEN m.umuser = s.srvowner THEN '(owner)'
             ELSE m.umuser::regrole::text END AS user,
        CASE WHEN (m.umuser <> 0 AND m.usename = current_user
                AND (pg_has_role(s.srvowner, 'USAGE') OR has_server_privilege(s.oid, 'USAGE')))
            OR (m.umuser = 0 AND pg_has_role(s.srvowner, 'USAGE'))
            OR (SELECT r.rolsuper FROM pg_roles AS r WHERE r.rolname = current_user)
        THEN ARRAY(
            SELECT CASE WHEN split_part(o.opt, '=', 1) ~* '(password|passphrase|secret|token)'
                THEN split_part(o.opt, '=', 1) || '=<secret sha256 '
                    || encode(sha256(convert_to(substr(o.opt, strpos(o.opt, '=') + 1), 'UTF8')), 'hex') || '>'
                ELSE o.opt END
            FROM unnest(m.umoptions) WITH ORDINALITY AS o (opt, i)
            ORDER BY o.i
        ) END::text[] AS options
    FROM pg_user_mappings AS m
    JOIN pg_foreign_server AS s ON s.oid = m.srvid
) AS um
ORDER BY um.server COLLATE "C", um.user COLLATE "C"
