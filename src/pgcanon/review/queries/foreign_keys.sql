-- name: foreign_keys :many -> seed.ForeignKey
-- One row per column pair of every foreign key between tables of ours: the seeder fills the child
-- column from the parent's rows, and orders tables parents first.
SELECT
    con.conrelid::oid AS child_oid,
    ca.attname::text AS child_column,
    con.confrelid::oid AS parent_oid,
    format('%I.%I', pn.nspname, pc.relname)::text AS parent_name,
    pa.attname::text AS parent_column
FROM pg_constraint AS con
CROSS JOIN LATERAL unnest(con.conkey, con.confkey) AS k (child_attnum, parent_attnum)
JOIN pg_attribute AS ca ON ca.attrelid = con.conrelid AND ca.attnum = k.child_attnum
JOIN pg_attribute AS pa ON pa.attrelid = con.confrelid AND pa.attnum = k.parent_attnum
JOIN pg_class AS pc ON pc.oid = con.confrelid
JOIN pg_namespace AS pn ON pn.oid = pc.relnamespace
WHERE con.contype = 'f' AND pn.nspname NOT IN ('pg_catalog', 'information_schema')
ORDER BY con.conrelid, con.conname, k.child_attnum
