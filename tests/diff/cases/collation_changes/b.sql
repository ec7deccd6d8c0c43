CREATE SCHEMA coll;
CREATE COLLATION coll.caseless (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE COLLATION coll.german (provider = icu, locale = 'de-u-co-phonebk');
CREATE COLLATION coll.bytes (provider = libc, lc_collate = 'C', lc_ctype = 'POSIX');
CREATE COLLATION coll.added (provider = icu, locale = 'sv', deterministic = false);
CREATE COLLATION coll.posix_same (lc_collate = 'POSIX', lc_ctype = 'POSIX');
CREATE TABLE t (name text COLLATE coll.added, code text COLLATE coll.caseless, label text COLLATE "C");
CREATE DOMAIN word AS text COLLATE coll.caseless;
