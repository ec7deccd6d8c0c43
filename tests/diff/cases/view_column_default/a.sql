CREATE TABLE t (a int, state text);
CREATE VIEW v AS SELECT a, state FROM t;
ALTER VIEW v ALTER COLUMN state SET DEFAULT 'draft';
