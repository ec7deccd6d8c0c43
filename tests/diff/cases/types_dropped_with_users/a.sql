CREATE SCHEMA app;
CREATE TABLE app.kept (id int);
-- all of it goes in b: the tables, and the types and sequences only their columns use
CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN app.good_mood AS app.mood CHECK (VALUE <> 'sad');
CREATE TYPE app.reading AS (at timestamptz, mood app.good_mood, moods app.mood[]);
CREATE SEQUENCE app.ticket_no;
CREATE TABLE app.diary (
    id int PRIMARY KEY DEFAULT nextval('app.ticket_no'),
    mood app.mood NOT NULL DEFAULT 'ok',
    best app.good_mood,
    last app.reading,
    history app.reading[]
);
CREATE FUNCTION app.cheer(m app.mood) RETURNS app.mood LANGUAGE sql AS $$SELECT 'happy'::app.mood$$;
-- a column of a kept table goes with the domain it uses
CREATE DOMAIN app.positive AS int CHECK (VALUE > 0);
ALTER TABLE app.kept ADD COLUMN amount app.positive;
