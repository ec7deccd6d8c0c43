CREATE TABLE videos (id integer PRIMARY KEY, title text);
