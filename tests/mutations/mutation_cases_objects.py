"""Mutation cases of the kinds in :mod:`pgcanon.catalog.objects` (extended statistics, rules, collations,
event triggers) and of table inheritance, on top of ``rich_schema.sql``; ``mutation_cases.MUTATIONS``
includes them."""

from __future__ import annotations

from mutation_support import Mutation

M = Mutation

KEEP_LIVE = ("CREATE OR REPLACE RULE cart_sessions_keep_live AS ON DELETE TO shop.cart_sessions "
             "WHERE OLD.expires_at > {cutoff} DO INSTEAD NOTHING")
DDL_END = ("CREATE EVENT TRIGGER shop_ddl_end ON {event} WHEN TAG IN ({tags}) "
           "EXECUTE FUNCTION shop.note_ddl()")
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

