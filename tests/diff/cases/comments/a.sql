CREATE TABLE t (a int);
COMMENT ON TABLE t IS 'the t';
COMMENT ON COLUMN t.a IS 'the a';
