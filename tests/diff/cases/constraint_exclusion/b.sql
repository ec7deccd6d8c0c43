CREATE TABLE r (room int, during tsrange, CONSTRAINT r_excl EXCLUDE USING gist (during WITH &&));
