CREATE TABLE t (a int, b int);
CREATE INDEX t_a_idx ON t (a DESC) INCLUDE (b);
CREATE INDEX t_b_idx ON t USING hash (b);
CREATE INDEX t_ab_idx ON t (a, b) WHERE a > 0;
