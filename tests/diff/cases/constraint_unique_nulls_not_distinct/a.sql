CREATE TABLE t (n int, CONSTRAINT t_n_key UNIQUE (n));
