CREATE TABLE a (id int PRIMARY KEY);
CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a);
CREATE INDEX b_a_id_idx ON b (a_id);
