CREATE TABLE t (id int PRIMARY KEY WITH (fillfactor = 90), e text, n int);
ALTER TABLE t ADD CONSTRAINT t_e_key UNIQUE (e) WITH (fillfactor = 80, deduplicate_items = off);
ALTER TABLE t ADD CONSTRAINT t_n_excl EXCLUDE USING btree (n WITH =) WITH (fillfactor = 60);
