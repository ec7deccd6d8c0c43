CREATE TABLE t (a int, b int);
CREATE VIEW v WITH (security_barrier) AS SELECT a FROM t WHERE b > 0;
CREATE MATERIALIZED VIEW mv AS SELECT a FROM t;
CREATE INDEX mv_a_idx ON mv (a);
