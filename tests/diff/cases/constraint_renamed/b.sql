CREATE TABLE t (n int CONSTRAINT t_n_check CHECK (n > 0));
