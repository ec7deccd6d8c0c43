-- Objects whose order PostgreSQL's dependencies fix, created by one side and dropped by the other:
-- a function a table's default and check call; a composite type made of a table's row type; a domain
-- over a composite type; a function returning a table's rows; domains whose check or default calls a
-- function (new with the domain, or added to a domain both sides have).
CREATE SCHEMA deps;
CREATE TABLE deps.kept (id integer PRIMARY KEY);

CREATE FUNCTION deps.one() RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT 1';
CREATE TABLE deps.scores (points integer DEFAULT deps.one(), bonus integer CHECK (bonus > deps.one()));

CREATE TABLE deps.rows (a integer, b text);
CREATE TYPE deps.wrapped AS (inner_row deps.rows, note text);
CREATE FUNCTION deps.all_rows() RETURNS SETOF deps.rows LANGUAGE sql STABLE AS 'SELECT * FROM deps.rows';

CREATE TYPE deps.pair AS (x integer, y text);
CREATE DOMAIN deps.positive_pair AS deps.pair CHECK ((VALUE).x > 0);
CREATE TABLE deps.pairs (p deps.positive_pair);

CREATE FUNCTION deps.is_code(t text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$SELECT t ~ '^[A-Z]+$'$$;
CREATE DOMAIN deps.code AS text CHECK (deps.is_code(VALUE));
CREATE DOMAIN deps.counted AS integer DEFAULT deps.one() CHECK (VALUE >= deps.one());
CREATE TABLE deps.codes (c deps.code, n deps.counted);
