CREATE TABLE t (a int, b int4, c varchar(10), d timestamp, e bool, f decimal(10,2));
