CREATE TYPE mood AS ENUM ('sad', 'happy', 'ok');
CREATE TYPE colour AS ENUM ('red');
