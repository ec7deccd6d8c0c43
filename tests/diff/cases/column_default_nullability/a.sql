CREATE TABLE t (a int DEFAULT 1, b text NOT NULL, c timestamptz DEFAULT now());
