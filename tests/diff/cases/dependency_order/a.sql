-- Objects whose order PostgreSQL's dependencies fix, created by one side and dropped by the other:
-- a function a table's default and check call; a composite type made of a table's row type; a domain
-- over a composite type; a function returning a table's rows.
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
