"""Text search dictionaries and configurations: options in stored order as PostgreSQL writes them,
mappings per token type, and what uses each (pg_depend); parsers and templates are only counted."""

from __future__ import annotations

PARSER = ("CREATE TEXT SEARCH PARSER words (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, "
          "LEXTYPES = prsd_lextype);")


def test_dictionaries(snapshot_of):
    snap = snapshot_of(
        "CREATE SCHEMA other;"
        # PostgreSQL stores every value as a quoted string and lower-cases unquoted names and words
        "CREATE TEXT SEARCH DICTIONARY stems (TEMPLATE = snowball, Language = English, StopWords = 'english');"
        "CREATE TEXT SEARCH DICTIONARY other.plain (TEMPLATE = pg_catalog.simple, accept = false);"
        "COMMENT ON TEXT SEARCH DICTIONARY other.plain IS 'plain words';"
        "CREATE TEXT SEARCH DICTIONARY bare (TEMPLATE = simple);"
        # ALTER moves an option given a new value to the end; naming one alone removes it
        "CREATE TEXT SEARCH DICTIONARY moved (TEMPLATE = simple, stopwords = english, accept = true);"
        "ALTER TEXT SEARCH DICTIONARY moved (stopwords = russian);"
        "CREATE TEXT SEARCH DICTIONARY emptied (TEMPLATE = simple, accept = true);"
        "ALTER TEXT SEARCH DICTIONARY emptied (accept);"
        "CREATE TEXT SEARCH CONFIGURATION uses (PARSER = default);"
        "ALTER TEXT SEARCH CONFIGURATION uses ADD MAPPING FOR word WITH stems, other.plain;"
        "CREATE VIEW lexemes AS SELECT ts_lexize('stems', 'running') AS l;"
    )
    got = [(d.schema, d.name, d.template, d.options, d.comment, d.users) for d in snap.text_search_dictionaries]
    assert got == [
        ("other", "plain", "pg_catalog.simple", ("accept = 'false'",), "plain words",
         ("text search configuration public.uses",)),
        ("public", "bare", "pg_catalog.simple", (), None, ()),
        ("public", "emptied", "pg_catalog.simple", (), None, ()),
        ("public", "moved", "pg_catalog.simple", ("accept = 'true'", "stopwords = 'russian'"), None, ()),
        ("public", "stems", "pg_catalog.snowball", ("language = 'english'", "stopwords = 'english'"), None,
         ("text search configuration public.uses", "view public.lexemes")),
    ]
    assert snap.not_compared == ()


def test_configurations(snapshot_of):
    snap = snapshot_of(
        PARSER + "CREATE TEXT SEARCH DICTIONARY names (TEMPLATE = simple);"
        "CREATE TEXT SEARCH CONFIGURATION docs (PARSER = default);"
        "ALTER TEXT SEARCH CONFIGURATION docs ADD MAPPING FOR word, asciiword WITH names, english_stem;"
        "ALTER TEXT SEARCH CONFIGURATION docs ADD MAPPING FOR int WITH simple;"
        "COMMENT ON TEXT SEARCH CONFIGURATION docs IS 'documents';"
        "CREATE TEXT SEARCH CONFIGURATION own (PARSER = words);"
        # a regconfig constant makes its user depend on the configuration
        "CREATE TABLE pages (body text, tsv tsvector GENERATED ALWAYS AS (to_tsvector('docs', body)) STORED);"
        "CREATE INDEX pages_fts ON pages USING gin (to_tsvector('docs'::regconfig, body));"
        "CREATE VIEW words AS SELECT to_tsvector('docs'::regconfig, body) FROM pages;"
    )
    got = [(c.name, c.parser, c.mappings, c.comment, c.users) for c in snap.text_search_configurations]
    assert got == [
        ("docs", 'pg_catalog."default"',
         ("asciiword WITH public.names, english_stem", "int WITH simple", "word WITH public.names, english_stem"),
         "documents", ("column public.pages.tsv", "index public.pages_fts", "view public.words")),
        ("own", "public.words", (), None, ()),
    ]
    assert snap.not_compared == ()  # the parser is compared too
    assert [(t.name, t.start, t.gettoken, t.end, t.lextypes, t.headline) for t in snap.text_search_parsers] == [
        ("words", "prsd_start", "prsd_nexttoken", "prsd_end", "prsd_lextype", None)]


def test_templates(snapshot_of):
    snap = snapshot_of(
        "CREATE TEXT SEARCH TEMPLATE plain (INIT = dsimple_init, LEXIZE = dsimple_lexize);"
        "CREATE TEXT SEARCH TEMPLATE bare (LEXIZE = dsimple_lexize);"
        "COMMENT ON TEXT SEARCH TEMPLATE bare IS 'no init';"
        "CREATE TEXT SEARCH DICTIONARY plainly (TEMPLATE = plain);"
    )
    got = [(t.name, t.init, t.lexize, t.comment) for t in snap.text_search_templates]
    assert got == [("bare", None, "dsimple_lexize", "no init"), ("plain", "dsimple_init", "dsimple_lexize", None)]
    assert [d.template for d in snap.text_search_dictionaries] == ["public.plain"]
    assert snap.not_compared == ()


def test_copy_is_the_same_as_its_mappings_spelled_out(snapshot_of):
    snap = snapshot_of(
        "CREATE TEXT SEARCH CONFIGURATION copied (COPY = english);"
        "CREATE TEXT SEARCH CONFIGURATION spelled (PARSER = pg_catalog.default);"
        "ALTER TEXT SEARCH CONFIGURATION spelled ADD MAPPING FOR asciiword, asciihword, hword_asciipart, word,"
        " hword, hword_part WITH english_stem;"
        "ALTER TEXT SEARCH CONFIGURATION spelled ADD MAPPING FOR email, url, host, sfloat, version, hword_numpart,"
        " numword, numhword, url_path, file, float, int, uint WITH simple;"
    )
    copied, spelled = snap.text_search_configurations
    assert copied.mappings == spelled.mappings and len(copied.mappings) == 19
