CREATE SCHEMA coll;
CREATE COLLATION coll.caseless (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE COLLATION coll.german (provider = icu, locale = 'de');
CREATE COLLATION coll.bytes (provider = libc, lc_collate = 'C', lc_ctype = 'C');
CREATE COLLATION coll.gone (provider = icu, locale = 'fr');
-- equal to b.sql's spelling: a libc locale sets both LC_COLLATE and LC_CTYPE
CREATE COLLATION coll.posix_same (locale = 'POSIX');
COMMENT ON COLLATION coll.german IS 'phone book order';
CREATE TABLE t (name text COLLATE coll.caseless, code text COLLATE "C", label text);
CREATE DOMAIN word AS text COLLATE coll.caseless;
