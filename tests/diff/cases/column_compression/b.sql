CREATE TABLE t (a text, b text COMPRESSION pglz, c text);
