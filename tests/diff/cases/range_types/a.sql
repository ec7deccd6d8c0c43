CREATE SCHEMA spans;
-- used by a column and a domain: only its comment and privileges change
CREATE TYPE spans.money_span AS RANGE (subtype = numeric);
COMMENT ON TYPE spans.money_span IS 'Amounts from, to.';
CREATE DOMAIN spans.budget AS spans.money_span CHECK (NOT isempty(VALUE));
CREATE TABLE spans.offers (id int, price spans.money_span, budget spans.budget, prices spans.money_span_multirange);
-- unused: changed in every way ALTER TYPE cannot, so dropped and created again
CREATE TYPE spans.words AS RANGE (subtype = text, collation = "C");
CREATE TYPE spans.stamps AS RANGE (subtype = timestamp, multirange_type_name = spans.stamp_sets);
-- gone in b, with the function it uses and the enum it ranges over
CREATE FUNCTION spans.f8diff(a float8, b float8) RETURNS float8 LANGUAGE sql IMMUTABLE AS 'SELECT a - b';
CREATE TYPE spans.floats AS RANGE (subtype = float8, subtype_diff = spans.f8diff);
CREATE TYPE spans.level AS ENUM ('low', 'mid', 'high');
CREATE TYPE spans.levels AS RANGE (subtype = spans.level);
-- a range over a domain
CREATE DOMAIN spans.posint AS int CHECK (VALUE > 0);
CREATE TYPE spans.counts AS RANGE (subtype = spans.posint);
