CREATE SCHEMA idx;
CREATE FUNCTION idx.rev_cmp(int, int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT btint4cmp($2, $1)';
CREATE FUNCTION idx.rev_cmp8(bigint, bigint) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT btint8cmp($2, $1)';
CREATE FUNCTION idx.text_hash(text) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT hashtext(lower($1))';
CREATE FUNCTION idx.ci_eq(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT lower($1) = lower($2)';
CREATE OPERATOR idx.=~ (FUNCTION = idx.ci_eq, LEFTARG = text, RIGHTARG = text, COMMUTATOR = OPERATOR(idx.=~));
-- a reverse-order btree class an index uses: only its comment changes
CREATE OPERATOR CLASS idx.int4_rev_ops FOR TYPE int4 USING btree AS
    OPERATOR 1 >, OPERATOR 2 >=, OPERATOR 3 =, OPERATOR 4 <=, OPERATOR 5 <, FUNCTION 1 idx.rev_cmp(int, int);
CREATE TABLE idx.t (a int, b text);
CREATE INDEX t_a_rev ON idx.t (a idx.int4_rev_ops);
-- a hash class nothing uses: its function changes, so it is dropped and created again
CREATE OPERATOR CLASS idx.text_ci_ops FOR TYPE text USING hash AS
    OPERATOR 1 idx.=~, FUNCTION 1 idx.text_hash(text);
-- a family with loose members: they change
CREATE OPERATOR FAMILY idx.loose USING hash;
ALTER OPERATOR FAMILY idx.loose USING hash ADD OPERATOR 1 = (int, int), FUNCTION 1 hashint4(int);
-- gone in b, with its function
CREATE OPERATOR CLASS idx.int8_rev_ops FOR TYPE int8 USING btree AS
    OPERATOR 1 >, OPERATOR 2 >=, OPERATOR 3 =, OPERATOR 4 <=, OPERATOR 5 <, FUNCTION 1 idx.rev_cmp8(bigint, bigint);
