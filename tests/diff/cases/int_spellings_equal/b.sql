CREATE TABLE t (a integer, b integer, c character varying(10), d timestamp without time zone, e boolean, f numeric(10,2));
