CREATE TABLE keep (a int);
CREATE TABLE gone (a int);
