CREATE TABLE scenes (a int, x int, b int, c int);
ALTER TABLE scenes DROP COLUMN x;
