CREATE SCHEMA fts;
-- parsers and templates are not compared (C functions): the same on both sides, made of built-in ones
CREATE TEXT SEARCH PARSER fts.words (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end,
    LEXTYPES = prsd_lextype, HEADLINE = prsd_headline);
CREATE TEXT SEARCH TEMPLATE fts.plain_template (INIT = dsimple_init, LEXIZE = dsimple_lexize);
-- options added, changed, removed and reordered: ALTER TEXT SEARCH DICTIONARY
CREATE TEXT SEARCH DICTIONARY fts.stems (TEMPLATE = snowball, language = english);
CREATE TEXT SEARCH DICTIONARY fts.plain (TEMPLATE = simple, stopwords = english, accept = false);
CREATE TEXT SEARCH DICTIONARY fts.ordered (TEMPLATE = simple, stopwords = english, accept = true);
-- the template changes, nothing uses it: dropped and created again, its comment set again
CREATE TEXT SEARCH DICTIONARY fts.swapped (TEMPLATE = simple, accept = false);
COMMENT ON TEXT SEARCH DICTIONARY fts.swapped IS 'Lower-cased words.';
-- gone in b, with the configuration mapping to it
CREATE TEXT SEARCH DICTIONARY fts.old_words (TEMPLATE = simple);
CREATE TEXT SEARCH CONFIGURATION fts.legacy (PARSER = default);
ALTER TEXT SEARCH CONFIGURATION fts.legacy ADD MAPPING FOR asciiword, word WITH fts.old_words;
-- used by a generated column, an index and a view: its mappings change (added, dropped, reordered)
CREATE TEXT SEARCH CONFIGURATION fts.docs (COPY = english);
ALTER TEXT SEARCH CONFIGURATION fts.docs ALTER MAPPING FOR asciiword WITH fts.stems, simple;
ALTER TEXT SEARCH CONFIGURATION fts.docs DROP MAPPING FOR email, url;
CREATE TABLE fts.pages (
    id int PRIMARY KEY,
    body text,
    tsv tsvector GENERATED ALWAYS AS (to_tsvector('fts.docs', body)) STORED
);
CREATE INDEX pages_body_fts ON fts.pages USING gin (to_tsvector('fts.docs'::regconfig, body));
CREATE VIEW fts.page_words AS SELECT id, to_tsvector('fts.docs'::regconfig, body) AS words FROM fts.pages;
-- the parser changes, nothing uses it: dropped and created again
CREATE TEXT SEARCH CONFIGURATION fts.titles (PARSER = default);
ALTER TEXT SEARCH CONFIGURATION fts.titles ADD MAPPING FOR asciiword WITH simple;
COMMENT ON TEXT SEARCH CONFIGURATION fts.titles IS 'Titles.';
