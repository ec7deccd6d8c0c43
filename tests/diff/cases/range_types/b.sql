CREATE SCHEMA spans;
CREATE TYPE spans.money_span AS RANGE (subtype = numeric);
REVOKE USAGE ON TYPE spans.money_span FROM PUBLIC;
CREATE DOMAIN spans.budget AS spans.money_span CHECK (NOT isempty(VALUE));
CREATE TABLE spans.offers (id int, price spans.money_span, budget spans.budget, prices spans.money_span_multirange);
CREATE TYPE spans.words AS RANGE (subtype = text, subtype_opclass = text_pattern_ops, collation = "POSIX");
CREATE TYPE spans.stamps AS RANGE (subtype = timestamp, multirange_type_name = spans.stamps_multi);
COMMENT ON TYPE spans.stamps IS 'Periods.';
-- new in b, with the function it uses; a domain and a table over it
CREATE FUNCTION spans.i8diff(a bigint, b bigint) RETURNS float8 LANGUAGE sql IMMUTABLE AS 'SELECT (a - b)::float8';
CREATE TYPE spans.bigs AS RANGE (subtype = bigint, subtype_diff = spans.i8diff);
CREATE DOMAIN spans.nonempty_bigs AS spans.bigs CHECK (NOT isempty(VALUE));
CREATE TABLE spans.quotas (id int, allowed spans.bigs, history spans.bigs[]);
-- a canonical function takes the range type: a shell type first
CREATE TYPE spans.ints;
CREATE FUNCTION spans.ints_canonical(spans.ints) RETURNS spans.ints LANGUAGE internal IMMUTABLE STRICT
AS 'int4range_canonical';
CREATE TYPE spans.ints AS RANGE (subtype = int4, canonical = spans.ints_canonical);
CREATE DOMAIN spans.posint AS int CHECK (VALUE > 0);
CREATE TYPE spans.counts AS RANGE (subtype = spans.posint);
COMMENT ON TYPE spans.counts IS 'Positive counts.';
