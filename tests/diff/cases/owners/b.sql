-- app.gone is dropped: its owner is not a second line; app.t and app.f change hands
CREATE SCHEMA app;
CREATE TABLE app.t (id int);
CREATE VIEW app.v AS SELECT id FROM app.t;
CREATE FUNCTION app.f(int) RETURNS int LANGUAGE sql AS 'SELECT $1';
CREATE TYPE app.mood AS ENUM ('ok');
CREATE DOMAIN app.pos AS int CHECK (VALUE > 0);
CREATE SEQUENCE app.s;
ALTER TABLE app.t OWNER TO pgcanon_case_owner_b;
ALTER SCHEMA app OWNER TO pgcanon_case_owner_a;
ALTER DOMAIN app.pos OWNER TO pgcanon_case_owner_b;
ALTER SEQUENCE app.s OWNER TO pgcanon_case_owner_a;
ALTER TYPE app.mood OWNER TO pgcanon_case_owner_b;
