CREATE TABLE scenes (a int, c int);
ALTER TABLE scenes ADD COLUMN b int;
