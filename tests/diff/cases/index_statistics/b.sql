CREATE TABLE t (a int, b text);
CREATE INDEX t_lower_b_idx ON t (a, lower(b), (a + 1));
ALTER INDEX t_lower_b_idx ALTER COLUMN 2 SET STATISTICS 200;
ALTER INDEX t_lower_b_idx ALTER COLUMN 3 SET STATISTICS 10;
