CREATE SCHEMA idx;
CREATE FUNCTION idx.rev_cmp(int, int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT btint4cmp($2, $1)';
CREATE FUNCTION idx.text_hash(text) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT hashtext(lower($1))';
CREATE FUNCTION idx.text_hash2(text) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT hashtext(upper($1))';
CREATE FUNCTION idx.ci_eq(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT lower($1) = lower($2)';
CREATE OPERATOR idx.=~ (FUNCTION = idx.ci_eq, LEFTARG = text, RIGHTARG = text, COMMUTATOR = OPERATOR(idx.=~));
CREATE OPERATOR CLASS idx.int4_rev_ops FOR TYPE int4 USING btree AS
    OPERATOR 1 >, OPERATOR 2 >=, OPERATOR 3 =, OPERATOR 4 <=, OPERATOR 5 <, FUNCTION 1 idx.rev_cmp(int, int);
COMMENT ON OPERATOR CLASS idx.int4_rev_ops USING btree IS 'Largest first.';
CREATE TABLE idx.t (a int, b text);
CREATE INDEX t_a_rev ON idx.t (a idx.int4_rev_ops);
CREATE OPERATOR CLASS idx.text_ci_ops FOR TYPE text USING hash AS
    OPERATOR 1 idx.=~, FUNCTION 1 idx.text_hash2(text);
CREATE OPERATOR FAMILY idx.loose USING hash;
ALTER OPERATOR FAMILY idx.loose USING hash ADD OPERATOR 1 = (bigint, bigint), FUNCTION 1 hashint8(bigint);
COMMENT ON OPERATOR FAMILY idx.loose USING hash IS 'Loose members.';
-- new in b: a family of its own name, a class in it, and an index using the class
CREATE FUNCTION idx.rev_cmp2(smallint, smallint) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT btint2cmp($2, $1)';
CREATE OPERATOR FAMILY idx.rev USING btree;
CREATE OPERATOR CLASS idx.int2_rev_ops FOR TYPE int2 USING btree FAMILY idx.rev AS
    OPERATOR 1 >, OPERATOR 2 >=, OPERATOR 3 =, OPERATOR 4 <=, OPERATOR 5 <, FUNCTION 1 idx.rev_cmp2(smallint, smallint);
CREATE TABLE idx.small (n smallint);
CREATE INDEX small_n_rev ON idx.small (n idx.int2_rev_ops);
