CREATE SCHEMA conv;
CREATE TYPE conv.point2 AS (x int, y int);
CREATE TYPE conv.level AS ENUM ('low', 'high');
CREATE TYPE conv.grade AS ENUM ('a', 'b');
CREATE FUNCTION conv.point2_text(conv.point2) RETURNS text LANGUAGE sql IMMUTABLE
AS $$SELECT '(' || $1.x || ',' || $1.y || ')'$$;
CREATE FUNCTION conv.level_int(conv.level) RETURNS int LANGUAGE sql IMMUTABLE
AS $$SELECT array_position(enum_range(NULL::conv.level), $1)$$;
CREATE TYPE conv.old_kind AS ENUM ('x', 'y');
CREATE CAST (conv.point2 AS text) WITH FUNCTION conv.point2_text(conv.point2);
CREATE CAST (conv.level AS int) WITH FUNCTION conv.level_int(conv.level) AS IMPLICIT;
CREATE FUNCTION conv.level_text(conv.level) RETURNS text LANGUAGE sql IMMUTABLE AS $$SELECT upper($1::text)$$;
CREATE CAST (conv.level AS text) WITH FUNCTION conv.level_text(conv.level);
COMMENT ON CAST (conv.level AS text) IS 'Upper-cased.';
-- new in b, with the function it names; and one without a function
CREATE FUNCTION conv.grade_level(conv.grade) RETURNS conv.level LANGUAGE sql IMMUTABLE
AS $$SELECT CASE $1 WHEN 'a' THEN 'high'::conv.level ELSE 'low' END$$;
CREATE CAST (conv.grade AS conv.level) WITH FUNCTION conv.grade_level(conv.grade) AS ASSIGNMENT;
-- binary-coercible (both 4 bytes, by value), so no function: only types of the server's own qualify
CREATE CAST (xid AS integer) WITHOUT FUNCTION;
