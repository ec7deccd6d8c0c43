CREATE TABLE scenes (a int, b int, c int);
