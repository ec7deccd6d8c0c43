CREATE SCHEMA ops;
CREATE TYPE ops.money2 AS (cents bigint);
CREATE FUNCTION ops.m_eq(ops.money2, ops.money2) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1.cents = $2.cents';
CREATE FUNCTION ops.m_ne(ops.money2, ops.money2) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1.cents <> $2.cents';
CREATE FUNCTION ops.m_lt2(ops.money2, ops.money2) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1.cents < $2.cents';
CREATE FUNCTION ops.m_gt(ops.money2, ops.money2) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1.cents > $2.cents';
CREATE OPERATOR ops.=== (
    FUNCTION = ops.m_eq, LEFTARG = ops.money2, RIGHTARG = ops.money2,
    COMMUTATOR = OPERATOR(ops.===), NEGATOR = OPERATOR(ops.!==), RESTRICT = scalarlesel, HASHES
);
COMMENT ON OPERATOR ops.=== (ops.money2, ops.money2) IS 'Same amount.';
CREATE OPERATOR ops.!== (FUNCTION = ops.m_ne, LEFTARG = ops.money2, RIGHTARG = ops.money2, RESTRICT = neqsel);
CREATE OPERATOR ops.>>> (FUNCTION = ops.m_gt, LEFTARG = ops.money2, RIGHTARG = ops.money2);
CREATE OPERATOR ops.<<< (FUNCTION = ops.m_lt2, LEFTARG = ops.money2, RIGHTARG = ops.money2, COMMUTATOR = OPERATOR(ops.>>>));
CREATE OPERATOR ops.=~= (FUNCTION = ops.m_eq, LEFTARG = ops.money2, RIGHTARG = ops.money2);
CREATE OPERATOR ops.## (FUNCTION = ops.m_eq, LEFTARG = ops.money2, RIGHTARG = ops.money2, NEGATOR = OPERATOR(ops.!##));
CREATE OPERATOR ops.!## (FUNCTION = ops.m_ne, LEFTARG = ops.money2, RIGHTARG = ops.money2);
-- new in b: a pair of commutators, the first naming the second before it exists (a shell)
CREATE OPERATOR ops.<~ (FUNCTION = ops.m_lt2, LEFTARG = ops.money2, RIGHTARG = ops.money2, COMMUTATOR = OPERATOR(ops.~>));
CREATE OPERATOR ops.~> (FUNCTION = ops.m_gt, LEFTARG = ops.money2, RIGHTARG = ops.money2, COMMUTATOR = OPERATOR(ops.<~));
