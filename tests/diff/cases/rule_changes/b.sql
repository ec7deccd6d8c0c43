CREATE TABLE t (a int, b text);
CREATE TABLE t_log (a int, at timestamptz DEFAULT now());
CREATE TABLE other (a int);
CREATE VIEW v AS SELECT a, b FROM t;
CREATE RULE t_log_insert AS ON INSERT TO t DO ALSO INSERT INTO t_log (a) VALUES (NEW.a);
ALTER TABLE t DISABLE RULE t_log_insert;
CREATE RULE t_protect AS ON DELETE TO t WHERE OLD.a <= 0 DO INSTEAD NOTHING;
CREATE RULE v_insert AS ON INSERT TO v DO INSTEAD INSERT INTO t VALUES (NEW.a, NEW.b);
CREATE RULE v_delete AS ON DELETE TO v DO INSTEAD DELETE FROM t WHERE a = OLD.a;
-- the same rule as a.sql's, written another way
create rule other_delete as on delete to public.other do instead nothing;
