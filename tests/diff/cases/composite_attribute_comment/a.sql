CREATE TYPE pair AS (x int, y text, z int);
COMMENT ON COLUMN pair.x IS 'the x';
COMMENT ON COLUMN pair.y IS 'the y';
