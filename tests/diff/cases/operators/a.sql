CREATE SCHEMA ops;
CREATE TYPE ops.money2 AS (cents bigint);
CREATE FUNCTION ops.m_eq(ops.money2, ops.money2) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1.cents = $2.cents';
CREATE FUNCTION ops.m_ne(ops.money2, ops.money2) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1.cents <> $2.cents';
CREATE FUNCTION ops.m_lt(ops.money2, ops.money2) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1.cents < $2.cents';
CREATE FUNCTION ops.m_gt(ops.money2, ops.money2) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1.cents > $2.cents';
CREATE FUNCTION ops.m_neg(ops.money2) RETURNS ops.money2 LANGUAGE sql IMMUTABLE AS 'SELECT ROW(-$1.cents)::ops.money2';
-- negators of each other, declared on one side; === changes its estimators and gains HASHES
CREATE OPERATOR ops.=== (
    FUNCTION = ops.m_eq, LEFTARG = ops.money2, RIGHTARG = ops.money2,
    COMMUTATOR = OPERATOR(ops.===), NEGATOR = OPERATOR(ops.!==), RESTRICT = eqsel, JOIN = eqjoinsel
);
CREATE OPERATOR ops.!== (FUNCTION = ops.m_ne, LEFTARG = ops.money2, RIGHTARG = ops.money2, RESTRICT = neqsel);
-- commutators of each other: <<< gets another function, so it is dropped and created again
CREATE OPERATOR ops.<<< (FUNCTION = ops.m_lt, LEFTARG = ops.money2, RIGHTARG = ops.money2, COMMUTATOR = OPERATOR(ops.>>>));
CREATE OPERATOR ops.>>> (FUNCTION = ops.m_gt, LEFTARG = ops.money2, RIGHTARG = ops.money2);
-- a prefix operator, gone in b with its function
CREATE OPERATOR ops.~~~ (FUNCTION = ops.m_neg, RIGHTARG = ops.money2);
-- loses MERGES: dropped and created again
CREATE OPERATOR ops.=~= (FUNCTION = ops.m_eq, LEFTARG = ops.money2, RIGHTARG = ops.money2, MERGES);
-- in b they become negators of each other
CREATE OPERATOR ops.## (FUNCTION = ops.m_eq, LEFTARG = ops.money2, RIGHTARG = ops.money2);
CREATE OPERATOR ops.!## (FUNCTION = ops.m_ne, LEFTARG = ops.money2, RIGHTARG = ops.money2);
