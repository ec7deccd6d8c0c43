CREATE TYPE pair AS (x int, y text, z int);
COMMENT ON COLUMN pair.x IS 'The x.';
COMMENT ON COLUMN pair.z IS 'the z';
