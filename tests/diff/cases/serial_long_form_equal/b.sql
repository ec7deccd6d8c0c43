CREATE SEQUENCE t_id_seq AS integer;
CREATE TABLE t (id integer NOT NULL DEFAULT nextval('t_id_seq'), CONSTRAINT t_pkey PRIMARY KEY (id));
ALTER SEQUENCE t_id_seq OWNED BY t.id;
