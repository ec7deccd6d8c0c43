CREATE TABLE p1 (a int);
CREATE TABLE p2 (b int);
-- the children declare their columns too, so adding or removing a parent leaves them as they are
CREATE TABLE c_gains (a int, b int) INHERITS (p1);
CREATE TABLE c_loses (a int, b int) INHERITS (p1, p2);
CREATE TABLE c_same (a int, b int) INHERITS (p1, p2);
