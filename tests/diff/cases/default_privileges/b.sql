-- the functions' entry goes (back to PostgreSQL's defaults), app's grows, b's goes, types' comes
CREATE SCHEMA app;
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT, INSERT ON TABLES TO pgcanon_case_owner_a WITH GRANT OPTION;
ALTER DEFAULT PRIVILEGES REVOKE USAGE ON TYPES FROM PUBLIC;
-- a table created after an entry gets its grants: compared as the table's privileges
CREATE TABLE app.t (id int);
