CREATE TABLE r (room int, during tsrange);
