CREATE SCHEMA stats;
CREATE TABLE t (a int, b int, c text);
CREATE TABLE u (a int, b int);
CREATE STATISTICS s_kinds (ndistinct) ON a, b FROM t;
CREATE STATISTICS s_columns ON a, b FROM t;
CREATE STATISTICS s_target ON a, b FROM t;
CREATE STATISTICS s_table ON a, b FROM t;
CREATE STATISTICS stats.s_expr ON (lower(c)) FROM t;
CREATE STATISTICS s_gone ON a, b FROM u;
-- equal: columns are kept in attnum order, kinds in the catalog's order, and no kinds means all of them
CREATE STATISTICS s_same_order ON b, a FROM t;
CREATE STATISTICS s_same_kinds (mcv, ndistinct) ON a, b FROM t;
CREATE STATISTICS s_same_all ON a, c FROM t;
COMMENT ON STATISTICS s_kinds IS 'distinct pairs';
