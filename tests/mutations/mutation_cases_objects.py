"""Mutation cases of the kinds in :mod:`pgcanon.catalog.objects` (extended statistics, rules, collations,
event triggers, range types, text search dictionaries and configurations, publications, casts, operators,
operator families and classes), of foreign data (wrappers, servers, user mappings, foreign tables) and of
table inheritance, on top of ``rich_schema.sql``; ``mutation_cases.MUTATIONS`` includes them."""

from __future__ import annotations

from mutation_support import Mutation

M = Mutation

KEEP_LIVE = ("CREATE OR REPLACE RULE cart_sessions_keep_live AS ON DELETE TO shop.cart_sessions "
             "WHERE OLD.expires_at > {cutoff} DO INSTEAD NOTHING")
DDL_END = ("CREATE EVENT TRIGGER shop_ddl_end ON {event} WHEN TAG IN ({tags}) "
           "EXECUTE FUNCTION shop.note_ddl()")
TITLE_SPAN = "DROP TYPE blog.title_span; CREATE TYPE blog.title_span AS RANGE (subtype = {options})"
PRODUCT_WORDS = "ALTER TEXT SEARCH CONFIGURATION shop.product_words "
TITLES = "ALTER TEXT SEARCH CONFIGURATION blog.titles "
PLAIN_WORDS = "ALTER TEXT SEARCH DICTIONARY blog.plain_words "
MONEY_SUM = "CREATE OR REPLACE AGGREGATE shop.money_sum(numeric) (SFUNC = shop.money_add, STYPE = numeric, {options})"
BOX = "LEFTARG = shop.box, RIGHTARG = shop.box"
#: shop.!== as rich_schema.sql makes it, but for {extra}: dropped, it clears shop.==='s negator link too
DIFFER = ("DROP OPERATOR shop.!== (shop.box, shop.box); CREATE OPERATOR shop.!== (FUNCTION = shop.box_differ, "
          f"{BOX}, COMMUTATOR = OPERATOR(shop.!==), RESTRICT = neqsel, JOIN = neqjoinsel{{extra}})")
ORDERS_STATS = "CREATE STATISTICS shop.orders_customer_status {kinds} ON customer_id, status FROM shop.orders"

OBJECT_MUTATIONS: dict[str, Mutation] = {
    # --- extended statistics
    "statistics_add": M(
        "CREATE STATISTICS shop.products_price_weight (mcv) ON price, weight_g FROM shop.products",
        "statistics", "shop.products_price_weight",
    ),
    "statistics_drop": M("DROP STATISTICS shop.orders_customer_status", "statistics", "shop.orders_customer_status"),
    "statistics_kinds": M(  # two statements: ALTER STATISTICS cannot change the kinds
        f"DROP STATISTICS shop.orders_customer_status; {ORDERS_STATS.format(kinds='(ndistinct)')}",
        "statistics", "shop.orders_customer_status",
    ),
    "statistics_columns": M(  # two statements
        "DROP STATISTICS blog.posts_author_state; "
        "CREATE STATISTICS blog.posts_author_state ON author, state FROM blog.posts",
        "statistics", "blog.posts_author_state",
    ),
    "statistics_target": M(
        "ALTER STATISTICS shop.orders_customer_status SET STATISTICS 50", "statistics", "shop.orders_customer_status"
    ),
    "statistics_target_reset": M(
        "ALTER STATISTICS shop.orders_customer_status SET STATISTICS -1", "statistics", "shop.orders_customer_status"
    ),
    "statistics_target_set": M(
        "ALTER STATISTICS blog.posts_author_state SET STATISTICS 1000", "statistics", "blog.posts_author_state"
    ),
    "statistics_rename": M(
        "ALTER STATISTICS blog.posts_author_state RENAME TO posts_author_state_slug",
        "statistics", "blog.posts_author_state_slug",
    ),
    "statistics_schema": M(
        "ALTER STATISTICS blog.posts_author_state SET SCHEMA shop", "statistics", "shop.posts_author_state"
    ),
    "statistics_comment": M(
        "COMMENT ON STATISTICS shop.orders_customer_status IS NULL", "statistics", "shop.orders_customer_status"
    ),
    # --- rules
    "rule_add": M(
        "CREATE RULE customers_keep AS ON DELETE TO shop.customers DO INSTEAD NOTHING",
        "rule", "shop.customers.customers_keep",
    ),
    "rule_drop": M("DROP RULE cart_sessions_keep_live ON shop.cart_sessions", "rule", "cart_sessions_keep_live"),
    "rule_condition": M(KEEP_LIVE.format(cutoff="now() + '01:00:00'::interval"), "rule", "cart_sessions_keep_live"),
    "rule_action": M(
        "CREATE OR REPLACE RULE published_posts_delete AS ON DELETE TO blog.published_posts "
        "DO INSTEAD DELETE FROM blog.posts WHERE id = OLD.id",
        "rule", "blog.published_posts.published_posts_delete",
    ),
    "rule_event": M(
        "CREATE OR REPLACE RULE cart_sessions_keep_live AS ON UPDATE TO shop.cart_sessions "
        "WHERE OLD.expires_at > now() DO INSTEAD NOTHING",
        "rule", "cart_sessions_keep_live",
    ),
    "rule_disable": M(
        "ALTER TABLE shop.cart_sessions DISABLE RULE cart_sessions_keep_live", "rule", "cart_sessions_keep_live"
    ),
    "rule_enable_always": M(
        "ALTER TABLE shop.cart_sessions ENABLE ALWAYS RULE cart_sessions_keep_live", "rule", "cart_sessions_keep_live"
    ),
    "rule_rename": M(
        "ALTER RULE published_posts_delete ON blog.published_posts RENAME TO published_posts_archive",
        "rule", "published_posts_archive",
    ),
    "rule_comment_drop": M(
        "COMMENT ON RULE published_posts_delete ON blog.published_posts IS NULL", "rule", "published_posts_delete"
    ),
    # --- collations (shop.caseless is used by shop.dimensions.note; blog.bytewise by nothing)
    "collation_add": M(
        "CREATE COLLATION shop.numeric_order (provider = icu, locale = 'en-u-kn-true')",
        "collation", "shop.numeric_order",
    ),
    "collation_drop": M("DROP COLLATION blog.bytewise", "collation", "blog.bytewise"),
    "collation_ctype": M(  # two statements: ALTER COLLATION cannot change a locale
        "DROP COLLATION blog.bytewise; "
        "CREATE COLLATION blog.bytewise (provider = libc, lc_collate = 'C', lc_ctype = 'POSIX')",
        "collation", "blog.bytewise",
    ),
    "collation_provider": M(  # two statements
        "DROP COLLATION blog.bytewise; CREATE COLLATION blog.bytewise (provider = icu, locale = 'und')",
        "collation", "blog.bytewise",
    ),
    "collation_nondeterministic": M(  # two statements
        "DROP COLLATION blog.bytewise; "
        "CREATE COLLATION blog.bytewise (provider = icu, locale = 'und', deterministic = false)",
        "collation", "blog.bytewise",
    ),
    "collation_rename": M("ALTER COLLATION blog.bytewise RENAME TO bytes", "collation", "blog.bytes"),
    "collation_schema": M("ALTER COLLATION blog.bytewise SET SCHEMA shop", "collation", "shop.bytewise"),
    "collation_comment": M("COMMENT ON COLLATION shop.caseless IS NULL", "collation", "shop.caseless"),
    "column_collation_named": M(
        "ALTER TABLE blog.comments ALTER COLUMN body TYPE text COLLATE blog.bytewise", "column", "blog.comments.body"
    ),
    "composite_collation_named": M(
        "ALTER TYPE shop.dimensions ALTER ATTRIBUTE note TYPE text COLLATE blog.bytewise",
        "composite type", "shop.dimensions",
    ),
    # --- event triggers (two statements where CREATE EVENT TRIGGER has no OR REPLACE)
    "event_trigger_add": M(
        "CREATE EVENT TRIGGER shop_rewrites ON table_rewrite EXECUTE FUNCTION shop.note_ddl()",
        "event trigger", "shop_rewrites",
    ),
    "event_trigger_drop": M("DROP EVENT TRIGGER shop_drops", "event trigger", "shop_drops"),
    "event_trigger_tags": M(
        "DROP EVENT TRIGGER shop_ddl_end; " + DDL_END.format(event="ddl_command_end", tags="'CREATE TABLE'"),
        "event trigger", "shop_ddl_end",
    ),
    "event_trigger_event": M(
        "DROP EVENT TRIGGER shop_ddl_end; "
        + DDL_END.format(event="ddl_command_start", tags="'CREATE TABLE', 'ALTER TABLE'"),
        "event trigger", "shop_ddl_end",
    ),
    "event_trigger_function": M(
        "CREATE FUNCTION shop.note_drop() RETURNS event_trigger LANGUAGE plpgsql AS $$BEGIN PERFORM 2; END$$; "
        "DROP EVENT TRIGGER shop_drops; CREATE EVENT TRIGGER shop_drops ON sql_drop EXECUTE FUNCTION shop.note_drop(); "
        "ALTER EVENT TRIGGER shop_drops DISABLE",
        "event trigger", "shop_drops",
    ),
    "event_trigger_enable": M("ALTER EVENT TRIGGER shop_drops ENABLE", "event trigger", "shop_drops"),
    "event_trigger_replica": M("ALTER EVENT TRIGGER shop_ddl_end ENABLE REPLICA", "event trigger", "shop_ddl_end"),
    "event_trigger_rename": M("ALTER EVENT TRIGGER shop_drops RENAME TO shop_dropped", "event trigger", "shop_dropped"),
    "event_trigger_comment": M("COMMENT ON EVENT TRIGGER shop_ddl_end IS NULL", "event trigger", "shop_ddl_end"),
    # --- range types (shop.price_band is used by shop.products.price_band; blog.title_span by nothing).
    # Two statements where ALTER TYPE cannot change a range type: drop it and create it again.
    "range_add": M("CREATE TYPE shop.weight_span AS RANGE (subtype = integer)", "range type", "shop.weight_span"),
    "range_add_canonical": M(  # a canonical function takes the range type itself: a shell type first
        "CREATE TYPE shop.qty; CREATE FUNCTION shop.qty_canonical(shop.qty) RETURNS shop.qty LANGUAGE internal "
        "IMMUTABLE STRICT AS 'int4range_canonical'; CREATE TYPE shop.qty AS RANGE (subtype = int4, "
        "canonical = shop.qty_canonical)",
        "range type", "shop.qty",
    ),
    "range_drop": M("DROP TYPE blog.title_span", "range type", "blog.title_span"),
    "range_subtype": M(TITLE_SPAN.format(options='varchar, collation = "C"'), "range type", "blog.title_span"),
    "range_collation": M(TITLE_SPAN.format(options='text, collation = "POSIX"'), "range type", "blog.title_span"),
    "range_opclass": M(TITLE_SPAN.format(options='text, subtype_opclass = text_pattern_ops, collation = "C"'),
                       "range type", "blog.title_span"),
    "range_subtype_diff": M(
        "CREATE FUNCTION blog.text_diff(a text, b text) RETURNS float8 LANGUAGE sql IMMUTABLE "
        "AS 'SELECT length(a)::float8 - length(b)'; "
        + TITLE_SPAN.format(options='text, collation = "C", subtype_diff = blog.text_diff'),
        "range type", "blog.title_span",
    ),
    "range_multirange_name": M(
        TITLE_SPAN.format(options='text, collation = "C", multirange_type_name = blog.title_spans'),
        "range type", "blog.title_span",
    ),
    "range_rename": M("ALTER TYPE blog.title_span RENAME TO title_range", "range type", "blog.title_range"),
    "range_schema": M("ALTER TYPE blog.title_span SET SCHEMA shop", "range type", "shop.title_span"),
    "range_comment": M("COMMENT ON TYPE shop.price_band IS NULL", "range type", "shop.price_band"),
    "range_grant": M("GRANT USAGE ON TYPE shop.price_band TO mut_writer", "range type", "shop.price_band"),
    "range_revoke_public": M("REVOKE USAGE ON TYPE blog.title_span FROM PUBLIC", "range type", "blog.title_span"),
    "column_range_type": M(
        "ALTER TABLE shop.order_lines ADD COLUMN price_band shop.price_band", "column", "shop.order_lines.price_band"
    ),
    # --- text search (shop.product_words maps to shop.product_stems and is used by an index of shop.products;
    # blog.plain_words and blog.titles by nothing). A template or parser change is a drop and a create.
    "ts_template_add": M("CREATE TEXT SEARCH TEMPLATE shop.bare_template (LEXIZE = dsimple_lexize)",
                         "text search template", "shop.bare_template"),
    "ts_template_drop": M("DROP TEXT SEARCH TEMPLATE shop.plain_template", "text search template",
                          "shop.plain_template"),
    "ts_template_init": M("DROP TEXT SEARCH TEMPLATE shop.plain_template; "
                          "CREATE TEXT SEARCH TEMPLATE shop.plain_template (LEXIZE = dsimple_lexize)",
                          "text search template", "shop.plain_template"),
    "ts_template_comment": M("COMMENT ON TEXT SEARCH TEMPLATE shop.plain_template IS 'Words as they are.'",
                             "text search template", "shop.plain_template"),
    "ts_parser_add": M("CREATE TEXT SEARCH PARSER blog.words (START = prsd_start, GETTOKEN = prsd_nexttoken, "
                       "END = prsd_end, LEXTYPES = prsd_lextype)", "text search parser", "blog.words"),
    "ts_parser_drop": M("DROP TEXT SEARCH PARSER shop.word_parser", "text search parser", "shop.word_parser"),
    "ts_parser_headline": M("DROP TEXT SEARCH PARSER shop.word_parser; CREATE TEXT SEARCH PARSER shop.word_parser "
                            "(START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype)",
                            "text search parser", "shop.word_parser"),
    "ts_parser_rename": M("ALTER TEXT SEARCH PARSER shop.word_parser RENAME TO words", "text search parser",
                          "shop.words"),
    "ts_dictionary_add": M("CREATE TEXT SEARCH DICTIONARY shop.names (TEMPLATE = simple, accept = false)",
                           "text search dictionary", "shop.names"),
    "ts_dictionary_drop": M("DROP TEXT SEARCH DICTIONARY blog.plain_words", "text search dictionary",
                            "blog.plain_words"),
    "ts_dictionary_option_add": M("ALTER TEXT SEARCH DICTIONARY shop.product_stems (stopwords = english)",
                                  "text search dictionary", "shop.product_stems"),
    "ts_dictionary_option_change": M(PLAIN_WORDS + "(stopwords = russian)", "text search dictionary",
                                     "blog.plain_words"),
    "ts_dictionary_option_remove": M(PLAIN_WORDS + "(accept)", "text search dictionary", "blog.plain_words"),
    "ts_dictionary_option_order": M(PLAIN_WORDS + "(stopwords = english)", "text search dictionary",
                                    "blog.plain_words"),
    "ts_dictionary_template": M(
        "DROP TEXT SEARCH DICTIONARY blog.plain_words; CREATE TEXT SEARCH DICTIONARY blog.plain_words "
        "(TEMPLATE = shop.plain_template, stopwords = english, accept = true)",
        "text search dictionary", "blog.plain_words",
    ),
    "ts_dictionary_rename_used": M("ALTER TEXT SEARCH DICTIONARY shop.product_stems RENAME TO stems",
                                   "text search dictionary", "shop.stems"),
    "ts_dictionary_comment": M("COMMENT ON TEXT SEARCH DICTIONARY shop.product_stems IS NULL",
                               "text search dictionary", "shop.product_stems"),
    "ts_config_add": M("CREATE TEXT SEARCH CONFIGURATION shop.names (COPY = simple)", "text search configuration",
                       "shop.names"),
    "ts_config_drop": M("DROP TEXT SEARCH CONFIGURATION blog.titles", "text search configuration", "blog.titles"),
    "ts_config_mapping_add": M(TITLES + "ADD MAPPING FOR email, url WITH simple", "text search configuration",
                               "blog.titles"),
    "ts_config_mapping_drop": M(PRODUCT_WORDS + "DROP MAPPING FOR email", "text search configuration",
                                "shop.product_words"),
    "ts_config_mapping_order": M(PRODUCT_WORDS + "ALTER MAPPING FOR asciiword WITH simple, shop.product_stems",
                                 "text search configuration", "shop.product_words"),
    "ts_config_mapping_dictionary": M(
        TITLES + "ALTER MAPPING REPLACE simple WITH blog.plain_words", "text search configuration", "blog.titles"
    ),
    "ts_config_parser": M(
        "DROP TEXT SEARCH CONFIGURATION blog.titles; CREATE TEXT SEARCH CONFIGURATION blog.titles "
        "(PARSER = shop.word_parser); " + TITLES + "ADD MAPPING FOR asciiword, word WITH simple",
        "text search configuration", "blog.titles",
    ),
    "ts_config_comment": M("COMMENT ON TEXT SEARCH CONFIGURATION shop.product_words IS NULL",
                           "text search configuration", "shop.product_words"),
    "ts_config_rename": M(TITLES + "RENAME TO headlines", "text search configuration", "blog.headlines"),
    "ts_config_rename_used": M(PRODUCT_WORDS + "RENAME TO product_terms", "text search configuration",
                               "shop.product_terms"),
    "ts_config_schema": M(TITLES + "SET SCHEMA shop", "text search configuration", "shop.titles"),
    "column_generated_ts_config": M(
        "ALTER TABLE shop.products ADD COLUMN title_words tsvector "
        "GENERATED ALWAYS AS (to_tsvector('shop.product_words'::regconfig, title)) STORED",
        "column", "shop.products.title_words",
    ),
    # --- publications (shop_orders: shop.orders, shop.order_lines, shop.shipments; shop_events: the partitioned
    # shop.events, through its root; everything: FOR ALL TABLES). Two statements where one must be made again.
    "publication_add": M("CREATE PUBLICATION blog_posts FOR TABLE blog.posts, blog.comments", "publication",
                         "blog_posts"),
    "publication_add_empty": M("CREATE PUBLICATION later WITH (publish = '')", "publication", "later"),
    "publication_drop": M("DROP PUBLICATION shop_events", "publication", "shop_events"),
    "publication_add_table": M("ALTER PUBLICATION shop_orders ADD TABLE shop.customers, shop.products",
                               "publication", "shop_orders"),
    "publication_drop_table": M("ALTER PUBLICATION shop_orders DROP TABLE shop.order_lines", "publication",
                                "shop_orders"),
    "publication_table_dropped": M("DROP TABLE shop.shipments", "publication", "shop_orders"),
    "publication_publish": M("ALTER PUBLICATION shop_orders SET (publish = 'insert, truncate')", "publication",
                             "shop_orders"),
    "publication_via_root": M("ALTER PUBLICATION shop_events SET (publish_via_partition_root = false)",
                              "publication", "shop_events"),
    "publication_all_tables": M(
        "DROP PUBLICATION shop_events; CREATE PUBLICATION shop_events FOR ALL TABLES "
        "WITH (publish = 'insert', publish_via_partition_root = true)",
        "publication", "shop_events",
    ),
    "publication_not_all_tables": M(
        "DROP PUBLICATION everything; CREATE PUBLICATION everything FOR TABLE blog.comments "
        "WITH (publish = 'insert, truncate')",
        "publication", "everything",
    ),
    "publication_comment": M("COMMENT ON PUBLICATION shop_orders IS NULL", "publication", "shop_orders"),
    "publication_comment_add": M("COMMENT ON PUBLICATION everything IS 'All of it.'", "publication", "everything"),
    "publication_rename": M("ALTER PUBLICATION shop_events RENAME TO events_out", "publication", "events_out"),
    "publication_column_list": M("ALTER PUBLICATION shop_orders SET TABLE shop.orders (id, customer_id, total), "
                                 "shop.order_lines, shop.shipments", "publication", "shop_orders", pg=">= 15"),
    "publication_row_filter": M(
        "ALTER PUBLICATION shop_orders DROP TABLE shop.orders; "
        "ALTER PUBLICATION shop_orders ADD TABLE shop.orders WHERE (total > 0 AND note IS NOT NULL)",
        "publication", "shop_orders", pg=">= 15",
    ),
    "publication_in_schema": M("ALTER PUBLICATION shop_events ADD TABLES IN SCHEMA blog", "publication",
                               "shop_events", pg=">= 15"),
    "publication_schema_only": M("CREATE PUBLICATION blog_all FOR TABLES IN SCHEMA blog, shop "
                                 "WITH (publish = 'insert')", "publication", "blog_all", pg=">= 15"),
    "publication_generated_columns": M("ALTER PUBLICATION shop_orders SET (publish_generated_columns = stored)",
                                       "publication", "shop_orders", pg=">= 18"),
    # --- aggregates (shop.money_sum over shop.money_add); CREATE OR REPLACE AGGREGATE keeps its arguments
    # and result type: a change of those is two statements
    "aggregate_add": M(
        "CREATE FUNCTION shop.max_len(m integer, t text) RETURNS integer LANGUAGE sql IMMUTABLE STRICT "
        "AS 'SELECT greatest(m, length(t))'; "
        "CREATE AGGREGATE shop.longest(text) (SFUNC = shop.max_len, STYPE = integer, INITCOND = '0')",
        "function", "shop.longest(text)",
    ),
    "aggregate_add_ordered_set": M(  # as percentile_disc: direct arguments ORDER BY aggregated ones
        "CREATE AGGREGATE shop.pct_disc(float8 ORDER BY anyelement) (SFUNC = ordered_set_transition, "
        "STYPE = internal, FINALFUNC = percentile_disc_final, FINALFUNC_EXTRA)",
        "function", "shop.pct_disc",
    ),
    "aggregate_add_sortop": M("CREATE AGGREGATE shop.biggest(numeric) (SFUNC = numeric_larger, STYPE = numeric, "
                              "SORTOP = >, COMBINEFUNC = numeric_larger)", "function", "shop.biggest(numeric)"),
    "aggregate_drop": M("DROP AGGREGATE shop.money_sum(numeric)", "function", "shop.money_sum(numeric)"),
    "aggregate_drop_with_function": M("DROP AGGREGATE shop.money_sum(numeric); "
                                      "DROP FUNCTION shop.money_add(numeric, numeric)",
                                      "function", "shop.money_sum(numeric)"),
    "aggregate_initcond": M(MONEY_SUM.format(options="INITCOND = '100', PARALLEL = SAFE"), "function",
                            "shop.money_sum(numeric)"),
    "aggregate_parallel": M(MONEY_SUM.format(options="INITCOND = '0'"), "function", "shop.money_sum(numeric)"),
    "aggregate_finalfunc": M(
        "CREATE FUNCTION shop.money_round(numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS 'SELECT round($1, 2)'; "
        + MONEY_SUM.format(options="INITCOND = '0', FINALFUNC = shop.money_round, PARALLEL = SAFE"),
        "function", "shop.money_sum(numeric)",
    ),
    "aggregate_sfunc": M(
        "CREATE FUNCTION shop.money_add_abs(total numeric, amount numeric) RETURNS numeric LANGUAGE sql "
        "IMMUTABLE STRICT AS 'SELECT total + abs(amount)'; "
        + MONEY_SUM.format(options="INITCOND = '0'").replace("shop.money_add,", "shop.money_add_abs,"),
        "function", "shop.money_sum(numeric)",
    ),
    "aggregate_result": M(
        "DROP AGGREGATE shop.money_sum(numeric); CREATE FUNCTION shop.money_count(n bigint, amount numeric) "
        "RETURNS bigint LANGUAGE sql IMMUTABLE STRICT AS 'SELECT n + 1'; CREATE AGGREGATE shop.money_sum(numeric) "
        "(SFUNC = shop.money_count, STYPE = bigint, INITCOND = '0')",
        "function", "shop.money_sum(numeric)",
    ),
    "aggregate_function_rebuilt": M(  # its function's parameter names change: dropped and created, and so must it
        "DROP AGGREGATE shop.money_sum(numeric); DROP FUNCTION shop.money_add(numeric, numeric); "
        "CREATE FUNCTION shop.money_add(acc numeric, amount numeric) RETURNS numeric LANGUAGE sql IMMUTABLE STRICT "
        "PARALLEL SAFE AS $$SELECT acc + amount$$; "
        "CREATE AGGREGATE shop.money_sum(numeric) (SFUNC = shop.money_add, STYPE = numeric, INITCOND = '0', "
        "PARALLEL = SAFE); COMMENT ON AGGREGATE shop.money_sum(numeric) IS 'Amounts summed from 0.'",
        "function", "shop.money_add(numeric, numeric)",
    ),
    "aggregate_comment": M("COMMENT ON AGGREGATE shop.money_sum(numeric) IS NULL", "function",
                           "shop.money_sum(numeric)"),
    "aggregate_revoke_public": M("REVOKE EXECUTE ON FUNCTION shop.money_sum(numeric) FROM PUBLIC", "function",
                                 "shop.money_sum(numeric)"),
    # --- casts (over shop.box: (shop.box AS bigint) by a function, AS ASSIGNMENT; (shop.box AS text) WITH INOUT)
    "cast_add": M(
        "CREATE FUNCTION shop.box_length(shop.box) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT $1.length_mm';"
        "CREATE CAST (shop.box AS integer) WITH FUNCTION shop.box_length(shop.box) AS IMPLICIT",
        "cast", "(shop.box AS integer)",
    ),
    "cast_drop": M("DROP CAST (shop.box AS text)", "cast", "(shop.box AS text)"),
    "cast_context": M(
        "DROP CAST (shop.box AS bigint); CREATE CAST (shop.box AS bigint) WITH FUNCTION shop.box_volume(shop.box);"
        "COMMENT ON CAST (shop.box AS bigint) IS 'Volume in cubic millimetres.'",
        "cast", "(shop.box AS bigint)",
    ),
    "cast_method": M(
        "CREATE FUNCTION shop.box_label(shop.box) RETURNS text LANGUAGE sql IMMUTABLE "
        "AS $$SELECT $1.length_mm || 'x' || $1.width_mm || 'x' || $1.height_mm$$;"
        "DROP CAST (shop.box AS text); CREATE CAST (shop.box AS text) WITH FUNCTION shop.box_label(shop.box)",
        "cast", "(shop.box AS text)",
    ),
    "cast_comment": M("COMMENT ON CAST (shop.box AS bigint) IS NULL", "cast", "(shop.box AS bigint)"),
    "cast_function_rebuilt": M(  # a new parameter name: the function is dropped and created again, its cast too
        "DROP CAST (shop.box AS bigint); DROP FUNCTION shop.box_volume(shop.box);"
        "CREATE FUNCTION shop.box_volume(b shop.box) RETURNS bigint LANGUAGE sql IMMUTABLE STRICT "
        "AS $$SELECT b.length_mm::bigint * b.width_mm * b.height_mm$$;"
        "CREATE CAST (shop.box AS bigint) WITH FUNCTION shop.box_volume(shop.box) AS ASSIGNMENT;"
        "COMMENT ON CAST (shop.box AS bigint) IS 'Volume in cubic millimetres.'",
        "function", "shop.box_volume(shop.box)",
    ),
    # --- operators (over shop.box: <@@ and @@> commutators, === and !== negators, each its own commutator)
    "operator_add": M(f"CREATE OPERATOR shop.<<< (FUNCTION = shop.box_fits, {BOX})", "operator",
                      "shop.<<<(shop.box, shop.box)"),
    "operator_add_pair": M(  # the first makes a shell of the second, which the second fills
        f"CREATE OPERATOR shop.<< (FUNCTION = shop.box_fits, {BOX}, COMMUTATOR = OPERATOR(shop.>>));"
        f"CREATE OPERATOR shop.>> (FUNCTION = shop.box_holds, {BOX}, COMMUTATOR = OPERATOR(shop.<<))",
        "operator", "shop.>>(shop.box, shop.box)",
    ),
    "operator_drop": M("DROP OPERATOR shop.<@@ (shop.box, shop.box)", "operator", "shop.<@@(shop.box, shop.box)"),
    "operator_estimators": M("ALTER OPERATOR shop.<@@ (shop.box, shop.box) SET (RESTRICT = scalarltsel, JOIN = NONE)",
                             "operator", "shop.<@@(shop.box, shop.box)"),
    "operator_function": M(
        "CREATE FUNCTION shop.box_contains(a shop.box, b shop.box) RETURNS boolean LANGUAGE sql IMMUTABLE "
        "AS 'SELECT shop.box_fits(b, a)'; DROP OPERATOR shop.@@> (shop.box, shop.box);"
        f"CREATE OPERATOR shop.@@> (FUNCTION = shop.box_contains, {BOX}, COMMUTATOR = OPERATOR(shop.<@@),"
        " RESTRICT = contsel, JOIN = contjoinsel)",
        "operator", "shop.@@>(shop.box, shop.box)",
    ),
    "operator_hashes": M(  # ALTER OPERATOR … SET (HASHES) on 17+, drop and create before
        "DROP OPERATOR shop.=== (shop.box, shop.box); CREATE OPERATOR shop.=== (FUNCTION = shop.box_same, "
        f"{BOX}, COMMUTATOR = OPERATOR(shop.===), NEGATOR = OPERATOR(shop.!==), RESTRICT = eqsel, JOIN = eqjoinsel,"
        " HASHES, MERGES)",
        "operator", "shop.===(shop.box, shop.box)",
    ),
    "operator_negator_gone": M(DIFFER.format(extra=""), "operator", "shop.===(shop.box, shop.box)"),
    "operator_schema": M("ALTER OPERATOR shop.<@@ (shop.box, shop.box) SET SCHEMA blog", "operator",
                         "blog.<@@(shop.box, shop.box)"),
    "operator_comment": M("COMMENT ON OPERATOR shop.<@@ (shop.box, shop.box) IS NULL", "operator",
                          "shop.<@@(shop.box, shop.box)"),
    "operator_used_by_check": M(
        "CREATE TABLE shop.crates (id int, inner_box shop.box, outer_box shop.box, "
        "CONSTRAINT crates_fit CHECK (inner_box OPERATOR(shop.<@@) outer_box))",
        "table", "shop.crates",
    ),
    # --- operator families and classes (none in the base: each mutation adds some, its backward plan drops them)
    "operator_family_add": M("CREATE OPERATOR FAMILY shop.box_family USING hash", "operator family",
                             "shop.box_family USING hash"),
    "operator_family_members": M(
        "CREATE OPERATOR FAMILY shop.box_family USING btree; ALTER OPERATOR FAMILY shop.box_family USING btree "
        "ADD OPERATOR 3 shop.=== (shop.box, shop.box)",
        "operator family", "shop.box_family USING btree",
    ),
    "operator_class_add": M(  # a default class, over an operator of the base, in a family of its own name
        "CREATE FUNCTION shop.box_hash(shop.box) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT hashint4($1.length_mm)';"
        "CREATE OPERATOR CLASS shop.box_hash_ops DEFAULT FOR TYPE shop.box USING hash AS OPERATOR 1 shop.===, "
        "FUNCTION 1 shop.box_hash(shop.box)",
        "operator class", "shop.box_hash_ops USING hash",
    ),
    "operator_class_index": M("CREATE INDEX orders_id_desc ON shop.orders (id shop.int8_rev_ops)", "index",
                              "shop.orders.orders_id_desc"),
    # shop.int8_rev_ops USING btree, in the family of its name, which no index uses
    "operator_class_comment": M("COMMENT ON OPERATOR CLASS shop.int8_rev_ops USING btree IS NULL", "operator class",
                                "shop.int8_rev_ops USING btree"),
    "operator_class_function": M(  # no ALTER can change a member: dropped and created again, in its family
        "CREATE FUNCTION shop.rev_cmp2(bigint, bigint) RETURNS integer LANGUAGE sql IMMUTABLE "
        "AS 'SELECT btint8cmp($2, $1)'; DROP OPERATOR CLASS shop.int8_rev_ops USING btree;"
        "CREATE OPERATOR CLASS shop.int8_rev_ops FOR TYPE bigint USING btree FAMILY shop.int8_rev_ops AS "
        "OPERATOR 1 >, OPERATOR 2 >=, OPERATOR 3 =, OPERATOR 4 <=, OPERATOR 5 <, "
        "FUNCTION 1 shop.rev_cmp2(bigint, bigint)",
        "operator class", "shop.int8_rev_ops USING btree",
    ),
    "operator_class_drop": M("DROP OPERATOR CLASS shop.int8_rev_ops USING btree", "operator class",
                             "shop.int8_rev_ops USING btree"),
    "operator_class_rename": M("ALTER OPERATOR CLASS shop.int8_rev_ops USING btree RENAME TO int8_desc_ops",
                               "operator class", "shop.int8_desc_ops USING btree"),
    "operator_family_drop": M("DROP OPERATOR FAMILY shop.int8_rev_ops USING btree", "operator family",
                              "shop.int8_rev_ops USING btree"),
    "operator_family_loose_member": M(
        "ALTER OPERATOR FAMILY shop.int8_rev_ops USING btree ADD OPERATOR 3 = (bigint, integer)",
        "operator family", "shop.int8_rev_ops USING btree",
    ),
    # --- foreign data (mut_files, its server warehouse, user mappings for mut_reader, with a password, and
    # PUBLIC, the foreign table shop.stock). A plan that would have to write the password is refused
    # (known_failures.txt): pgcanon only ever holds its digest.
    "fdw_add": M("CREATE FOREIGN DATA WRAPPER mut_other OPTIONS (mode 'ro')", "foreign data wrapper", "mut_other"),
    "fdw_options": M("ALTER FOREIGN DATA WRAPPER mut_files OPTIONS (ADD format 'csv')", "foreign data wrapper",
                     "mut_files"),
    "fdw_validator": M(
        "CREATE FUNCTION shop.check_fdw(text[], oid) RETURNS void LANGUAGE plpgsql AS 'BEGIN END'; "
        "ALTER FOREIGN DATA WRAPPER mut_files VALIDATOR shop.check_fdw",
        "foreign data wrapper", "mut_files",
    ),
    "fdw_comment": M("COMMENT ON FOREIGN DATA WRAPPER mut_files IS 'Files.'", "foreign data wrapper", "mut_files"),
    "fdw_grant": M("GRANT USAGE ON FOREIGN DATA WRAPPER mut_files TO mut_writer", "foreign data wrapper",
                   "mut_files"),
    "server_add": M("CREATE SERVER depot TYPE 'files' VERSION '2' FOREIGN DATA WRAPPER mut_files OPTIONS (root '/srv')",
                    "foreign server", "depot"),
    "server_drop": M("DROP SERVER warehouse CASCADE", "foreign server", "warehouse"),
    "server_options": M("ALTER SERVER warehouse OPTIONS (SET host 'stock.example', DROP port, ADD dbname 'stock')",
                        "foreign server", "warehouse"),
    "server_options_order": M(  # options are compared in their stored order; pg_dump sorts them by name
        "ALTER SERVER warehouse OPTIONS (DROP host, ADD host 'warehouse.example')", "foreign server", "warehouse",
        dump=False,
    ),
    "server_version": M("ALTER SERVER warehouse VERSION '2.0'", "foreign server", "warehouse"),
    "server_comment": M("COMMENT ON SERVER warehouse IS NULL", "foreign server", "warehouse"),
    "server_grant": M("GRANT USAGE ON FOREIGN SERVER warehouse TO mut_writer", "foreign server", "warehouse"),
    "server_rename": M("ALTER SERVER warehouse RENAME TO stockroom", "foreign server", "stockroom"),
    "user_mapping_add": M("CREATE USER MAPPING FOR mut_writer SERVER warehouse OPTIONS (user 'writer')",
                          "user mapping", "for mut_writer on warehouse"),
    "user_mapping_drop": M("DROP USER MAPPING FOR PUBLIC SERVER warehouse", "user mapping", "for PUBLIC on warehouse"),
    "user_mapping_options": M("ALTER USER MAPPING FOR PUBLIC SERVER warehouse OPTIONS (SET user 'visitor')",
                              "user mapping", "for PUBLIC on warehouse"),
    "user_mapping_password": M(
        "ALTER USER MAPPING FOR mut_reader SERVER warehouse OPTIONS (SET password 'another-secret')",
        "user mapping", "for mut_reader on warehouse",
    ),
    "user_mapping_drop_password": M("DROP USER MAPPING FOR mut_reader SERVER warehouse", "user mapping",
                                    "for mut_reader on warehouse"),
    "foreign_table_add": M(
        "CREATE FOREIGN TABLE blog.feeds (url text NOT NULL, title text COLLATE \"C\") SERVER warehouse "
        "OPTIONS (table_name 'feeds')",
        "foreign table", "blog.feeds",
    ),
    "foreign_table_drop": M("DROP FOREIGN TABLE shop.stock", "foreign table", "shop.stock"),
    "foreign_table_options": M("ALTER FOREIGN TABLE shop.stock OPTIONS (ADD schema_name 'inventory')",
                               "foreign table", "shop.stock"),
    "foreign_table_rename": M("ALTER FOREIGN TABLE shop.stock RENAME TO inventory", "foreign table",
                              "shop.inventory"),
    "foreign_table_server": M(
        "CREATE SERVER depot FOREIGN DATA WRAPPER mut_files; DROP FOREIGN TABLE shop.stock; "
        "CREATE FOREIGN TABLE shop.stock (sku text OPTIONS (column_name 'item_sku') NOT NULL, "
        "on_hand integer DEFAULT 0, updated_at timestamptz) SERVER depot OPTIONS (table_name 'stock'); "
        "COMMENT ON FOREIGN TABLE shop.stock IS 'Stock levels, in the warehouse.'; "
        "GRANT SELECT ON shop.stock TO mut_reader",
        "foreign table", "shop.stock",
    ),
    "foreign_table_partition": M(
        "CREATE FOREIGN TABLE shop.events_archive PARTITION OF shop.events "
        "FOR VALUES FROM ('2020-01-01 00:00:00+00') TO ('2024-01-01 00:00:00+00') SERVER warehouse",
        "foreign table", "shop.events_archive",
    ),
    "foreign_table_check": M("ALTER FOREIGN TABLE shop.stock ADD CONSTRAINT stock_on_hand_check CHECK (on_hand >= 0)",
                             "constraint", "stock_on_hand_check"),
    "foreign_table_comment": M("COMMENT ON FOREIGN TABLE shop.stock IS NULL", "foreign table", "shop.stock"),
    "foreign_table_grant": M("GRANT SELECT ON shop.stock TO mut_writer", "foreign table", "shop.stock"),
    "foreign_column_add": M("ALTER FOREIGN TABLE shop.stock ADD COLUMN location text OPTIONS (column_name 'loc')",
                            "column", "shop.stock.location"),
    "foreign_column_drop": M("ALTER FOREIGN TABLE shop.stock DROP COLUMN updated_at", "column",
                             "shop.stock.updated_at"),
    "foreign_column_type": M("ALTER FOREIGN TABLE shop.stock ALTER COLUMN on_hand TYPE bigint", "column",
                             "shop.stock.on_hand"),
    "foreign_column_options": M("ALTER FOREIGN TABLE shop.stock ALTER COLUMN sku OPTIONS (SET column_name 'sku')",
                                "column", "shop.stock.sku"),
    "foreign_column_default": M("ALTER FOREIGN TABLE shop.stock ALTER COLUMN on_hand DROP DEFAULT", "column",
                                "shop.stock.on_hand"),
    "foreign_column_not_null": M("ALTER FOREIGN TABLE shop.stock ALTER COLUMN sku DROP NOT NULL", "column",
                                 "shop.stock.sku"),
    "foreign_column_order": M(  # two statements: the foreign table with its columns in another order
        "DROP FOREIGN TABLE shop.stock; CREATE FOREIGN TABLE shop.stock (on_hand integer DEFAULT 0, "
        "sku text OPTIONS (column_name 'item_sku') NOT NULL, updated_at timestamptz) SERVER warehouse "
        "OPTIONS (table_name 'stock'); COMMENT ON FOREIGN TABLE shop.stock IS 'Stock levels, in the warehouse.'; "
        "GRANT SELECT ON shop.stock TO mut_reader",
        "column", "shop.stock.sku",
    ),
    "foreign_column_grant": M("GRANT SELECT (sku) ON shop.stock TO mut_writer", "column", "shop.stock.sku"),
    "foreign_column_statistics": M("ALTER FOREIGN TABLE shop.stock ALTER COLUMN on_hand SET STATISTICS 500", "column",
                                   "shop.stock.on_hand"),
    "foreign_column_comment": M("COMMENT ON COLUMN shop.stock.on_hand IS 'Units.'", "column", "shop.stock.on_hand"),
    # --- table inheritance (table_inherits in mutation_cases.py: a child of shop.customers)
    "table_inherits_two_parents": M(
        "CREATE TABLE shop.stamped (stamped_at timestamptz); CREATE TABLE shop.noted (note text); "
        "CREATE TABLE shop.stamped_notes (extra int) INHERITS (shop.stamped, shop.noted)",
        "table", "shop.stamped_notes",
    ),
    "table_inherits_parent_order": M(  # the same tables, the parents the other way round
        "CREATE TABLE shop.stamped (stamped_at timestamptz); CREATE TABLE shop.noted (note text); "
        "CREATE TABLE shop.stamped_notes (extra int) INHERITS (shop.noted, shop.stamped)",
        "table", "shop.stamped_notes",
    ),
    # --- owners (rich_schema.sql gives blog.post_state to mut_writer; the database's owner has the rest)
    "owner_table": M("ALTER TABLE shop.carrier_services OWNER TO mut_writer", "table", "shop.carrier_services"),
    "owner_partitioned_table": M("ALTER TABLE blog.reactions OWNER TO mut_writer", "table", "blog.reactions"),
    "owner_view": M("ALTER VIEW blog.published_posts OWNER TO mut_reader", "view", "blog.published_posts"),
    "owner_materialized_view": M("ALTER MATERIALIZED VIEW shop.product_sales OWNER TO mut_writer",
                                 "materialized view", "shop.product_sales"),
    "owner_sequence": M("ALTER SEQUENCE shop.invoice_no OWNER TO mut_writer", "sequence", "shop.invoice_no"),
    "owner_function": M("ALTER FUNCTION shop.order_total(bigint) OWNER TO mut_writer", "function",
                        "shop.order_total(bigint)"),
    "owner_schema": M("ALTER SCHEMA blog OWNER TO mut_reader", "schema", "blog"),
    "owner_domain": M("ALTER DOMAIN shop.price OWNER TO mut_reader", "domain", "shop.price"),
    "owner_range": M("ALTER TYPE blog.title_span OWNER TO mut_writer", "type", "blog.title_span"),
    "owner_collation": M("ALTER COLLATION shop.caseless OWNER TO mut_writer", "collation", "shop.caseless"),
    "owner_text_search_configuration": M("ALTER TEXT SEARCH CONFIGURATION shop.product_words OWNER TO mut_writer",
                                         "text search configuration", "shop.product_words"),
    "owner_publication": M("ALTER PUBLICATION shop_orders OWNER TO mut_writer", "publication", "shop_orders"),
    "owner_aggregate": M("ALTER AGGREGATE shop.money_sum(numeric) OWNER TO mut_writer", "aggregate",
                         "shop.money_sum(numeric)"),
    "owner_operator": M("ALTER OPERATOR shop.<@@ (shop.box, shop.box) OWNER TO mut_writer", "operator",
                        "shop.<@@(shop.box,shop.box)"),
    "owner_operator_class": M("ALTER OPERATOR CLASS shop.int8_rev_ops USING btree OWNER TO mut_writer",
                              "operator class", "shop.int8_rev_ops USING btree"),
    "owner_foreign_table": M("ALTER FOREIGN TABLE shop.stock OWNER TO mut_writer", "foreign table", "shop.stock"),
    "owner_server": M("ALTER SERVER warehouse OWNER TO mut_writer", "server", "warehouse"),
    # --- default privileges (rich_schema.sql: blog's tables to mut_reader; mut_writer's functions not to PUBLIC)
    "default_privileges_add": M("ALTER DEFAULT PRIVILEGES IN SCHEMA shop GRANT SELECT ON SEQUENCES TO mut_reader",
                                "default privileges", "in schema shop on sequences"),
    "default_privileges_grow": M("ALTER DEFAULT PRIVILEGES IN SCHEMA blog GRANT INSERT ON TABLES TO mut_writer",
                                 "default privileges", "in schema blog on tables"),
    "default_privileges_drop": M("ALTER DEFAULT PRIVILEGES IN SCHEMA blog REVOKE SELECT ON TABLES FROM mut_reader",
                                 "default privileges", "in schema blog on tables"),
    "default_privileges_grant_option": M(
        "ALTER DEFAULT PRIVILEGES IN SCHEMA blog GRANT SELECT ON TABLES TO mut_reader WITH GRANT OPTION",
        "default privileges", "in schema blog on tables"),
    "default_privileges_role_back_to_defaults": M(
        "ALTER DEFAULT PRIVILEGES FOR ROLE mut_writer GRANT EXECUTE ON FUNCTIONS TO PUBLIC",
        "default privileges", "for mut_writer on functions"),
    "default_privileges_for_role": M(
        "ALTER DEFAULT PRIVILEGES FOR ROLE mut_writer GRANT SELECT ON TABLES TO mut_reader",
        "default privileges", "for mut_writer on tables"),
    "default_privileges_types": M("ALTER DEFAULT PRIVILEGES REVOKE USAGE ON TYPES FROM PUBLIC", "default privileges",
                                  "for (database owner) on types"),
    # objects created under an entry get its grants: the plan's CREATE must expect them, and its own
    # entries change only after its CREATEs
    "default_privileges_new_table": M("CREATE TABLE blog.drafts (id int)", "table", "blog.drafts"),
    "default_privileges_then_function": M(
        "ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC; "
        "CREATE FUNCTION shop.forty_two() RETURNS int LANGUAGE sql AS 'SELECT 42'",
        "function", "shop.forty_two()"),
    "owner_moved": M("ALTER TYPE blog.post_state OWNER TO mut_reader", "type", "blog.post_state"),
    # back to the database's owner (the role that builds the suite's databases)
    "owner_back_to_database": M("ALTER TYPE blog.post_state OWNER TO CURRENT_USER", "type", "blog.post_state"),
    "owner_of_a_new_table": M("CREATE TABLE shop.audit_log (id int); ALTER TABLE shop.audit_log OWNER TO mut_writer",
                              "table", "shop.audit_log"),
}

#: Templates above filled with rich_schema.sql's own values: each must change nothing.
OBJECT_TEMPLATES_AT_BASE: dict[str, str] = {
    "cart_sessions_keep_live": KEEP_LIVE.format(cutoff="now()"),
    "money_sum": MONEY_SUM.format(options="INITCOND = '0', PARALLEL = SAFE"),
    "box_differ": DIFFER.format(extra=", NEGATOR = OPERATOR(shop.===)"),
}

