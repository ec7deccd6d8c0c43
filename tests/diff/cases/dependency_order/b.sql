CREATE SCHEMA deps;
CREATE TABLE deps.kept (id integer PRIMARY KEY);
CREATE DOMAIN deps.code AS text;
