CREATE TABLE p1 (a int);
CREATE TABLE p2 (b int);
CREATE TABLE c_gains (a int, b int) INHERITS (p1, p2);
CREATE TABLE c_loses (a int, b int) INHERITS (p1);
CREATE TABLE c_same (a int, b int);
ALTER TABLE c_same INHERIT p1;
ALTER TABLE c_same INHERIT p2;
