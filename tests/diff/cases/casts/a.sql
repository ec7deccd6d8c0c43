CREATE SCHEMA conv;
CREATE TYPE conv.point2 AS (x int, y int);
CREATE TYPE conv.level AS ENUM ('low', 'high');
CREATE TYPE conv.grade AS ENUM ('a', 'b');
CREATE FUNCTION conv.point2_text(conv.point2) RETURNS text LANGUAGE sql IMMUTABLE
AS $$SELECT '(' || $1.x || ',' || $1.y || ')'$$;
CREATE FUNCTION conv.level_int(conv.level) RETURNS int LANGUAGE sql IMMUTABLE
AS $$SELECT array_position(enum_range(NULL::conv.level), $1)$$;
-- unchanged but for its comment
CREATE CAST (conv.point2 AS text) WITH FUNCTION conv.point2_text(conv.point2);
COMMENT ON CAST (conv.point2 AS text) IS 'As (x,y).';
-- its context changes
CREATE CAST (conv.level AS int) WITH FUNCTION conv.level_int(conv.level) AS ASSIGNMENT;
-- its method changes: WITH INOUT, then a function
CREATE CAST (conv.level AS text) WITH INOUT;
-- gone in b, with the function it names (the type stays: the plan drops an enum before the functions over it)
CREATE TYPE conv.old_kind AS ENUM ('x', 'y');
CREATE FUNCTION conv.old_kind_text(conv.old_kind) RETURNS text LANGUAGE sql IMMUTABLE AS $$SELECT $1::text$$;
CREATE CAST (conv.old_kind AS text) WITH FUNCTION conv.old_kind_text(conv.old_kind) AS IMPLICIT;
-- gone in b, its types stay
CREATE CAST (text AS conv.level) WITH INOUT;
