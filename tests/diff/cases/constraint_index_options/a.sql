CREATE TABLE t (id int PRIMARY KEY, e text, n int);
ALTER TABLE t ADD CONSTRAINT t_e_key UNIQUE (e) WITH (fillfactor = 70);
ALTER TABLE t ADD CONSTRAINT t_n_excl EXCLUDE USING btree (n WITH =);
