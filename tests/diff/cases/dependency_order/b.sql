CREATE SCHEMA deps;
CREATE TABLE deps.kept (id integer PRIMARY KEY);
