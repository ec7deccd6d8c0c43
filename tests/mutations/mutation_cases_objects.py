"""Mutation cases of the kinds in :mod:`pgcanon.catalog.objects` (extended statistics, rules, collations,
event triggers, range types), of foreign data (wrappers, servers, user mappings, foreign tables) and of
table inheritance, on top of ``rich_schema.sql``; ``mutation_cases.MUTATIONS``
includes them."""

from __future__ import annotations

from mutation_support import Mutation

M = Mutation

KEEP_LIVE = ("CREATE OR REPLACE RULE cart_sessions_keep_live AS ON DELETE TO shop.cart_sessions "
             "WHERE OLD.expires_at > {cutoff} DO INSTEAD NOTHING")
DDL_END = ("CREATE EVENT TRIGGER shop_ddl_end ON {event} WHEN TAG IN ({tags}) "
           "EXECUTE FUNCTION shop.note_ddl()")
TITLE_SPAN = "DROP TYPE blog.title_span; CREATE TYPE blog.title_span AS RANGE (subtype = {options})"
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
}

#: Templates above filled with rich_schema.sql's own values: each must change nothing.
OBJECT_TEMPLATES_AT_BASE: dict[str, str] = {
    "cart_sessions_keep_live": KEEP_LIVE.format(cutoff="now()"),
}

