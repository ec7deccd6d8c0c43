CREATE SCHEMA fts;
CREATE TEXT SEARCH PARSER fts.words (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end,
    LEXTYPES = prsd_lextype, HEADLINE = prsd_headline);
CREATE TEXT SEARCH TEMPLATE fts.plain_template (INIT = dsimple_init, LEXIZE = dsimple_lexize);
CREATE TEXT SEARCH DICTIONARY fts.stems (TEMPLATE = snowball, language = english, stopwords = english);
CREATE TEXT SEARCH DICTIONARY fts.plain (TEMPLATE = simple, stopwords = russian);
CREATE TEXT SEARCH DICTIONARY fts.ordered (TEMPLATE = simple, accept = true, stopwords = english);
CREATE TEXT SEARCH DICTIONARY fts.swapped (TEMPLATE = fts.plain_template, accept = false);
COMMENT ON TEXT SEARCH DICTIONARY fts.swapped IS 'Lower-cased words.';
-- new in b, a configuration mapping to it, commented
CREATE TEXT SEARCH DICTIONARY fts.names (TEMPLATE = simple, accept = true);
COMMENT ON TEXT SEARCH DICTIONARY fts.names IS 'Names as they are.';
CREATE TEXT SEARCH CONFIGURATION fts.people (PARSER = fts.words);
ALTER TEXT SEARCH CONFIGURATION fts.people ADD MAPPING FOR asciiword, word WITH fts.names, simple;
ALTER TEXT SEARCH CONFIGURATION fts.people ADD MAPPING FOR email WITH simple;
COMMENT ON TEXT SEARCH CONFIGURATION fts.people IS 'People''s names.';
CREATE TEXT SEARCH CONFIGURATION fts.docs (COPY = english);
ALTER TEXT SEARCH CONFIGURATION fts.docs ALTER MAPPING FOR asciiword WITH simple, fts.stems;
ALTER TEXT SEARCH CONFIGURATION fts.docs DROP MAPPING FOR int, uint;
ALTER TEXT SEARCH CONFIGURATION fts.docs ALTER MAPPING FOR word WITH fts.plain;
CREATE TABLE fts.pages (
    id int PRIMARY KEY,
    body text,
    tsv tsvector GENERATED ALWAYS AS (to_tsvector('fts.docs', body)) STORED
);
CREATE INDEX pages_body_fts ON fts.pages USING gin (to_tsvector('fts.docs'::regconfig, body));
CREATE VIEW fts.page_words AS SELECT id, to_tsvector('fts.docs'::regconfig, body) AS words FROM fts.pages;
CREATE TEXT SEARCH CONFIGURATION fts.titles (PARSER = fts.words);
ALTER TEXT SEARCH CONFIGURATION fts.titles ADD MAPPING FOR asciiword WITH simple;
COMMENT ON TEXT SEARCH CONFIGURATION fts.titles IS 'Titles.';
