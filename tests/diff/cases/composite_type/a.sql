CREATE TYPE pair AS (x int, y text);
