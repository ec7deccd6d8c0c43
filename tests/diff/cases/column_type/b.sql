CREATE TYPE video_state AS ENUM ('new', 'done');
CREATE TABLE videos (id integer, state text);
