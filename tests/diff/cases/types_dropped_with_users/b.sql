CREATE SCHEMA app;
CREATE TABLE app.kept (id int);
