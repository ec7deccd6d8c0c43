CREATE TABLE videos (id integer PRIMARY KEY, title text, filename text NOT NULL);
