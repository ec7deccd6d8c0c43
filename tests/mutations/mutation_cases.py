"""The mutation cases: one change each on top of ``rich_schema.sql``, and what the diff must report.

A case is ``name: Mutation(sql, kind, name)``: after running *sql* on a clone of the
rich schema, some change must have ``kind`` and contain ``name`` in its qualified
name.  Most cases are one statement; a few are two because PostgreSQL has no single
statement for the change (noted ``# two statements``).  ``dump=False`` marks the
changes pg_dump cannot see (the suite then asserts that it indeed does not).
"""

from __future__ import annotations

from mutation_cases_objects import OBJECT_MUTATIONS, OBJECT_TEMPLATES_AT_BASE
from mutation_support import Mutation

M = Mutation

# Bodies and definitions of rich_schema.sql, reused by CREATE OR REPLACE cases.
ORDER_TOTAL_BODY = (
    "\n    SELECT coalesce(sum(quantity * unit_price), 0) FROM shop.order_lines WHERE order_id = p_order\n"
)
ORDER_TOTAL = "CREATE OR REPLACE FUNCTION shop.order_total(p_order bigint) RETURNS numeric LANGUAGE sql STABLE STRICT AS $${}$$"
SLUGIFY = (
    "CREATE OR REPLACE FUNCTION shop.slugify(txt text, sep text DEFAULT {default}) RETURNS {result} "
    "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE "
    "AS $$\n    SELECT trim(BOTH sep FROM regexp_replace(lower(txt), '[^a-z0-9]+', sep, 'g'))\n$$"
)
CLOSE_STALE = (
    "CREATE OR REPLACE PROCEDURE shop.close_stale_orders(p_days integer DEFAULT {days}) LANGUAGE plpgsql AS $$\n"
    "BEGIN\n    UPDATE shop.orders SET status = 'cancelled'\n"
    "    WHERE status {cond} AND placed_at < now() - make_interval(days => p_days);\nEND\n$$"
)
TOUCH = "CREATE OR REPLACE TRIGGER orders_touch {timing} ON shop.orders FOR EACH ROW {when} EXECUTE FUNCTION shop.touch_updated()"
TOUCH_WHEN = "WHEN (OLD.* IS DISTINCT FROM NEW.*)"
LOG = "CREATE OR REPLACE TRIGGER orders_log {event} ON shop.orders FOR EACH {level} EXECUTE FUNCTION {fn}"
CUSTOMER_ORDERS = (
    "CREATE OR REPLACE VIEW shop.customer_orders WITH (security_barrier = true) AS "
    "SELECT c.id AS customer_id, c.name, o.id AS order_id, o.status, o.total{extra} "
    "FROM shop.customers AS c JOIN shop.orders AS o ON o.customer_id = c.id WHERE o.status <> 'cancelled'{where}"
)
TOTAL_CHECK = "ALTER TABLE shop.orders DROP CONSTRAINT orders_total_check, ADD CONSTRAINT orders_total_check {}"
ORDER_FK = "ALTER TABLE shop.order_lines DROP CONSTRAINT order_lines_order_fk, ADD CONSTRAINT order_lines_order_fk {}"
EMAIL_KEY = "ALTER TABLE shop.customers DROP CONSTRAINT customers_email_key, ADD CONSTRAINT customers_email_key {}"

MUTATIONS: dict[str, Mutation] = {
    # --- schemas
    "schema_add": M("CREATE SCHEMA archive", "schema", "archive"),
    "schema_drop": M("DROP SCHEMA blog CASCADE", "schema", "blog"),
    "schema_rename": M("ALTER SCHEMA blog RENAME TO journal", "schema", "journal"),
    "schema_comment_change": M("COMMENT ON SCHEMA shop IS 'Everything we sell.'", "schema", "shop"),
    "schema_comment_drop": M("COMMENT ON SCHEMA blog IS NULL", "schema", "blog"),
    "schema_grant": M("GRANT CREATE ON SCHEMA shop TO mut_writer", "schema", "shop"),
    "schema_revoke": M("REVOKE USAGE ON SCHEMA shop FROM mut_reader", "schema", "shop"),
    # --- extensions
    "extension_add_at_version": M("CREATE EXTENSION citext WITH SCHEMA public VERSION '1.6'", "extension", "citext"),
    "extension_drop": M("DROP EXTENSION pg_trgm CASCADE", "extension", "pg_trgm"),
    "extension_version": M("ALTER EXTENSION pg_trgm UPDATE TO '1.6'", "extension", "pg_trgm", dump=False),
    "extension_schema": M("ALTER EXTENSION btree_gist SET SCHEMA shop", "extension", "btree_gist"),
    "extension_comment": M("COMMENT ON EXTENSION btree_gist IS 'for exclusion constraints'", "extension", "btree_gist"),
    # --- enums
    "enum_add_value_end": M("ALTER TYPE shop.order_status ADD VALUE 'refunded'", "enum", "shop.order_status"),
    "enum_add_value_before": M(
        "ALTER TYPE shop.order_status ADD VALUE 'packed' BEFORE 'shipped'", "enum", "shop.order_status"
    ),
    "enum_rename_value": M(
        "ALTER TYPE shop.order_status RENAME VALUE 'shipped' TO 'sent'", "enum", "shop.order_status"
    ),
    "enum_add": M("CREATE TYPE shop.priority AS ENUM ('low', 'high')", "enum", "shop.priority"),
    "enum_drop": M("DROP TYPE blog.post_state CASCADE", "enum", "blog.post_state"),
    "enum_rename": M("ALTER TYPE blog.post_state RENAME TO post_status", "enum", "blog.post_status"),
    "enum_comment_drop": M("COMMENT ON TYPE shop.order_status IS NULL", "enum", "shop.order_status"),
    "enum_comment_add": M("COMMENT ON TYPE blog.post_state IS 'Editorial state.'", "enum", "blog.post_state"),
    # --- domains
    "domain_default_change": M("ALTER DOMAIN shop.price SET DEFAULT 1", "domain", "shop.price"),
    "domain_default_drop": M("ALTER DOMAIN shop.price DROP DEFAULT", "domain", "shop.price"),
    "domain_not_null": M("ALTER DOMAIN shop.sku SET NOT NULL", "domain", "shop.sku"),
    "domain_check_add": M(
        "ALTER DOMAIN shop.sku ADD CONSTRAINT sku_length CHECK (length(VALUE) <= 32)", "domain", "shop.sku"
    ),
    "domain_check_add_not_valid": M(
        "ALTER DOMAIN shop.sku ADD CONSTRAINT sku_length CHECK (length(VALUE) <= 32) NOT VALID", "domain", "shop.sku"
    ),
    "domain_check_drop": M("ALTER DOMAIN shop.price DROP CONSTRAINT price_nonnegative", "domain", "shop.price"),
    "domain_check_rename": M(
        "ALTER DOMAIN shop.price RENAME CONSTRAINT price_nonnegative TO price_min", "domain", "shop.price"
    ),
    "domain_add": M("CREATE DOMAIN blog.slug AS varchar(120) CHECK (VALUE = lower(VALUE))", "domain", "blog.slug"),
    "domain_drop": M("DROP DOMAIN shop.sku CASCADE", "domain", "shop.sku"),
    "domain_comment": M("COMMENT ON DOMAIN shop.price IS 'Money.'", "domain", "shop.price"),
    # --- composite types
    "composite_add_attribute": M("ALTER TYPE shop.address ADD ATTRIBUTE region text CASCADE", "composite type", "shop.address"),
    "composite_drop_attribute": M("ALTER TYPE shop.address DROP ATTRIBUTE country CASCADE", "composite type", "shop.address"),
    "composite_attribute_type": M(
        "ALTER TYPE shop.dimensions ALTER ATTRIBUTE width_mm TYPE bigint", "composite type", "shop.dimensions"
    ),
    "composite_attribute_collation": M(
        "ALTER TYPE shop.dimensions ALTER ATTRIBUTE note TYPE text COLLATE \"C\"", "composite type", "shop.dimensions"
    ),
    "composite_attribute_rename": M(
        "ALTER TYPE shop.address RENAME ATTRIBUTE zip TO postcode CASCADE", "composite type", "shop.address"
    ),
    "composite_add": M("CREATE TYPE blog.byline AS (author text, published timestamptz)", "composite type", "blog.byline"),
    "composite_comment": M("COMMENT ON TYPE shop.address IS 'Where to ship.'", "composite type", "shop.address"),
    "composite_attribute_comment": M(
        "COMMENT ON COLUMN shop.address.city IS 'Town or city.'", "composite type", "shop.address"
    ),
    # --- sequences
    "sequence_increment": M("ALTER SEQUENCE shop.invoice_no INCREMENT BY 20", "sequence", "shop.invoice_no"),
    "sequence_minvalue": M("ALTER SEQUENCE shop.invoice_no MINVALUE 500", "sequence", "shop.invoice_no"),
    "sequence_maxvalue": M("ALTER SEQUENCE shop.invoice_no MAXVALUE 9999999999", "sequence", "shop.invoice_no"),
    "sequence_cycle": M("ALTER SEQUENCE shop.invoice_no CYCLE", "sequence", "shop.invoice_no"),
    "sequence_cache": M("ALTER SEQUENCE shop.invoice_no CACHE 1", "sequence", "shop.invoice_no"),
    "sequence_start": M("ALTER SEQUENCE shop.invoice_no START WITH 2000", "sequence", "shop.invoice_no"),
    "sequence_type": M("ALTER SEQUENCE blog.comments_id_seq AS bigint", "sequence", "blog.comments_id_seq"),
    "sequence_owned_by_none": M(
        "ALTER SEQUENCE blog.comments_id_seq OWNED BY NONE", "sequence", "blog.comments_id_seq"
    ),
    "sequence_owned_by_set": M(
        "ALTER SEQUENCE shop.invoice_no OWNED BY shop.orders.invoice_no", "sequence", "shop.invoice_no"
    ),
    "sequence_add": M("CREATE SEQUENCE shop.ticket_no", "sequence", "shop.ticket_no"),
    "sequence_drop": M("DROP SEQUENCE shop.invoice_no CASCADE", "sequence", "shop.invoice_no"),
    "sequence_rename": M("ALTER SEQUENCE shop.invoice_no RENAME TO invoice_number", "sequence", "shop.invoice_number"),
    "sequence_comment": M("COMMENT ON SEQUENCE shop.invoice_no IS NULL", "sequence", "shop.invoice_no"),
    "sequence_grant": M("GRANT UPDATE ON SEQUENCE shop.invoice_no TO mut_writer", "sequence", "shop.invoice_no"),
    "sequence_revoke": M("REVOKE SELECT ON SEQUENCE shop.invoice_no FROM mut_reader", "sequence", "shop.invoice_no"),
    # --- tables
    "table_add": M("CREATE TABLE blog.tags (name text PRIMARY KEY)", "table", "blog.tags"),
    "table_drop": M("DROP TABLE shop.cart_sessions", "table", "shop.cart_sessions"),
    "table_rename": M("ALTER TABLE shop.shipments RENAME TO deliveries", "table", "shop.deliveries"),
    "table_set_logged": M("ALTER TABLE shop.cart_sessions SET LOGGED", "table", "shop.cart_sessions"),
    "table_set_unlogged": M("ALTER TABLE shop.reservations SET UNLOGGED", "table", "shop.reservations"),
    "table_fillfactor": M("ALTER TABLE shop.products SET (fillfactor = 90)", "table", "shop.products"),
    "table_reloption_reset": M("ALTER TABLE shop.products RESET (autovacuum_enabled)", "table", "shop.products"),
    "table_reloption_add": M(
        "ALTER TABLE shop.orders SET (autovacuum_vacuum_scale_factor = 0.05)", "table", "shop.orders"
    ),
    "table_rls_enable": M("ALTER TABLE shop.orders ENABLE ROW LEVEL SECURITY", "table", "shop.orders"),
    "table_rls_disable": M("ALTER TABLE blog.posts DISABLE ROW LEVEL SECURITY", "table", "blog.posts"),
    "table_rls_no_force": M("ALTER TABLE blog.posts NO FORCE ROW LEVEL SECURITY", "table", "blog.posts"),
    "table_replica_identity": M("ALTER TABLE shop.orders REPLICA IDENTITY FULL", "table", "shop.orders"),
    "table_inherits": M("CREATE TABLE shop.vip_customers () INHERITS (shop.customers)", "table", "shop.vip_customers"),
    "table_comment_change": M("COMMENT ON TABLE shop.orders IS 'A purchase.'", "table", "shop.orders"),
    "table_comment_add": M("COMMENT ON TABLE shop.products IS 'What we sell.'", "table", "shop.products"),
    "table_comment_drop": M("COMMENT ON TABLE shop.customers IS NULL", "table", "shop.customers"),
    "table_grant": M("GRANT DELETE ON shop.orders TO mut_writer", "table", "shop.orders"),
    "table_revoke": M("REVOKE SELECT ON shop.products FROM mut_reader", "table", "shop.products"),
    "table_grant_option": M("GRANT SELECT ON shop.orders TO mut_reader WITH GRANT OPTION", "table", "shop.orders"),
    "table_grant_public": M("GRANT SELECT ON shop.products TO PUBLIC", "table", "shop.products"),
    "table_cluster_on": M("ALTER TABLE shop.orders CLUSTER ON orders_pkey", "table", "shop.orders"),
    "partition_add": M(
        "CREATE TABLE shop.events_2026 PARTITION OF shop.events "
        "FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2027-01-01 00:00:00+00')",
        "table", "shop.events_2026",
    ),
    "partition_detach": M("ALTER TABLE shop.events DETACH PARTITION shop.events_2025", "table", "shop.events_2025"),
    "partition_default_detach": M(
        "ALTER TABLE blog.reactions DETACH PARTITION blog.reactions_other", "table", "blog.reactions_other"
    ),
    "partition_range_bounds": M(  # two statements: bounds cannot be altered in place
        "ALTER TABLE shop.events DETACH PARTITION shop.events_2025; "
        "ALTER TABLE shop.events ATTACH PARTITION shop.events_2025 "
        "FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2025-07-01 00:00:00+00')",
        "table", "shop.events_2025",
    ),
    "partition_list_values": M(  # two statements: bounds cannot be altered in place
        "ALTER TABLE blog.reactions DETACH PARTITION blog.reactions_common; "
        "ALTER TABLE blog.reactions ATTACH PARTITION blog.reactions_common FOR VALUES IN ('like', 'love', 'wow')",
        "table", "blog.reactions_common",
    ),
    # --- columns
    "column_add": M("ALTER TABLE shop.orders ADD COLUMN coupon text", "column", "shop.orders.coupon"),
    "column_drop": M("ALTER TABLE shop.orders DROP COLUMN note", "column", "shop.orders.note"),
    "column_rename": M("ALTER TABLE shop.orders RENAME COLUMN note TO remark", "column", "shop.orders.remark"),
    "column_type": M("ALTER TABLE shop.products ALTER COLUMN weight_g TYPE bigint", "column", "shop.products.weight_g"),
    "column_typmod_varchar": M("ALTER TABLE shop.orders ALTER COLUMN note TYPE varchar(300)", "column", "shop.orders.note"),
    "column_typmod_numeric": M(
        "ALTER TABLE shop.shipments ALTER COLUMN weight_kg TYPE numeric(10, 3)", "column", "shop.shipments.weight_kg"
    ),
    "column_array_type": M(
        "ALTER TABLE shop.products ALTER COLUMN ratings TYPE integer[]", "column", "shop.products.ratings"
    ),
    "column_timestamptz_to_timestamp": M(
        "ALTER TABLE blog.comments ALTER COLUMN created_at TYPE timestamp", "column", "blog.comments.created_at"
    ),
    "column_domain_to_base": M(
        "ALTER TABLE shop.products ALTER COLUMN sku TYPE text", "column", "shop.products.sku"
    ),
    "column_default_change": M(
        "ALTER TABLE shop.order_lines ALTER COLUMN quantity SET DEFAULT 2", "column", "shop.order_lines.quantity"
    ),
    "column_default_drop": M("ALTER TABLE shop.orders ALTER COLUMN placed_at DROP DEFAULT", "column", "shop.orders.placed_at"),
    "column_default_add": M("ALTER TABLE shop.orders ALTER COLUMN note SET DEFAULT ''", "column", "shop.orders.note"),
    "column_default_now_vs_current_timestamp": M(
        "ALTER TABLE shop.orders ALTER COLUMN placed_at SET DEFAULT CURRENT_TIMESTAMP", "column", "shop.orders.placed_at"
    ),
    # a numeric(12,2) column stores DEFAULT 0 as 0 but DEFAULT 0::numeric as (0)::numeric
    "column_default_explicit_cast": M(
        "ALTER TABLE shop.orders ALTER COLUMN total SET DEFAULT 0::numeric", "column", "shop.orders.total"
    ),
    "column_not_null_set": M("ALTER TABLE shop.customers ALTER COLUMN phone SET NOT NULL", "column", "shop.customers.phone"),
    "column_not_null_drop": M("ALTER TABLE shop.orders ALTER COLUMN placed_at DROP NOT NULL", "column", "shop.orders.placed_at"),
    "column_not_null_not_valid": M(
        "ALTER TABLE shop.customers ADD CONSTRAINT customers_phone_not_null NOT NULL phone NOT VALID",
        "column", "shop.customers.phone", pg=">= 18",
    ),
    "column_not_null_rename": M(
        "ALTER TABLE shop.orders RENAME CONSTRAINT orders_customer_id_not_null TO orders_customer_required",
        "column", "shop.orders.customer_id", pg=">= 18",
    ),
    "column_collation_add": M(
        "ALTER TABLE shop.cart_sessions ALTER COLUMN token TYPE text COLLATE \"C\"", "column", "shop.cart_sessions.token"
    ),
    "column_collation_change": M(
        "ALTER TABLE blog.comments ALTER COLUMN body TYPE text COLLATE \"POSIX\"", "column", "blog.comments.body"
    ),
    "column_identity_add": M(
        "ALTER TABLE shop.order_lines ALTER COLUMN line_no ADD GENERATED BY DEFAULT AS IDENTITY",
        "column", "shop.order_lines.line_no",
    ),
    "column_identity_drop": M("ALTER TABLE shop.orders ALTER COLUMN id DROP IDENTITY", "column", "shop.orders.id"),
    "column_identity_always": M("ALTER TABLE shop.orders ALTER COLUMN id SET GENERATED ALWAYS", "column", "shop.orders.id"),
    "column_identity_by_default": M(
        "ALTER TABLE shop.customers ALTER COLUMN id SET GENERATED BY DEFAULT", "column", "shop.customers.id"
    ),
    "column_identity_increment": M("ALTER TABLE shop.products ALTER COLUMN id SET INCREMENT BY 5", "column", "shop.products.id"),
    "column_identity_maxvalue": M(
        "ALTER TABLE shop.products ALTER COLUMN id SET MAXVALUE 2000000", "column", "shop.products.id"
    ),
    "column_identity_start": M("ALTER TABLE shop.customers ALTER COLUMN id SET START WITH 1", "column", "shop.customers.id"),
    "column_identity_cache": M("ALTER TABLE shop.customers ALTER COLUMN id SET CACHE 20", "column", "shop.customers.id"),
    "column_identity_cycle": M("ALTER TABLE shop.products ALTER COLUMN id SET CYCLE", "column", "shop.products.id"),
    "column_generated_expression": M(
        "ALTER TABLE shop.products ALTER COLUMN search_title SET EXPRESSION AS (upper(title))",
        "column", "shop.products.search_title", pg=">= 17",
    ),
    "column_generated_drop": M(
        "ALTER TABLE shop.products ALTER COLUMN search_title DROP EXPRESSION", "column", "shop.products.search_title"
    ),
    "column_order": M(
        "ALTER TABLE shop.shipments DROP COLUMN tracking, ADD COLUMN tracking varchar(64)", "table", "shop.shipments"
    ),
    "column_comment_change": M("COMMENT ON COLUMN shop.orders.note IS 'From the customer.'", "column", "shop.orders.note"),
    "column_comment_add": M("COMMENT ON COLUMN shop.orders.total IS 'Taxes included.'", "column", "shop.orders.total"),
    "column_comment_drop": M("COMMENT ON COLUMN shop.customers.email IS NULL", "column", "shop.customers.email"),
    "column_grant": M("GRANT UPDATE (name) ON shop.customers TO mut_writer", "column", "shop.customers.name"),
    "column_revoke": M("REVOKE UPDATE (phone) ON shop.customers FROM mut_writer", "column", "shop.customers.phone"),
    "column_statistics": M(
        "ALTER TABLE shop.orders ALTER COLUMN status SET STATISTICS 500", "column", "shop.orders.status"
    ),
    "column_storage": M("ALTER TABLE blog.posts ALTER COLUMN body SET STORAGE EXTERNAL", "column", "blog.posts.body"),
    "column_compression": M("ALTER TABLE blog.posts ALTER COLUMN body SET COMPRESSION pglz", "column", "blog.posts.body"),
    # --- constraints
    "constraint_check_add": M(
        "ALTER TABLE shop.orders ADD CONSTRAINT orders_note_check CHECK (note <> '')", "constraint", "orders_note_check"
    ),
    "constraint_check_drop": M("ALTER TABLE shop.orders DROP CONSTRAINT orders_total_check", "constraint", "orders_total_check"),
    "constraint_check_expression": M(TOTAL_CHECK.format("CHECK (total > 0)"), "constraint", "orders_total_check"),
    # (0 <= total) is the same predicate, but not the same stored constraint: PostgreSQL keeps the operand order
    "constraint_check_commuted": M(TOTAL_CHECK.format("CHECK (0 <= total)"), "constraint", "orders_total_check"),
    "constraint_check_not_valid": M(TOTAL_CHECK.format("CHECK (total >= 0) NOT VALID"), "constraint", "orders_total_check"),
    "constraint_check_no_inherit": M(TOTAL_CHECK.format("CHECK (total >= 0) NO INHERIT"), "constraint", "orders_total_check"),
    "constraint_validate": M(
        "ALTER TABLE shop.products VALIDATE CONSTRAINT products_weight_check", "constraint", "products_weight_check"
    ),
    "constraint_rename": M(
        "ALTER TABLE shop.orders RENAME CONSTRAINT orders_total_check TO orders_total_min", "constraint", "orders_total_min"
    ),
    "constraint_fk_on_delete": M(
        ORDER_FK.format("FOREIGN KEY (order_id) REFERENCES shop.orders (id) ON DELETE RESTRICT"),
        "constraint", "order_lines_order_fk",
    ),
    "constraint_fk_on_delete_no_action": M(
        "ALTER TABLE blog.comments DROP CONSTRAINT comments_parent_fk, ADD CONSTRAINT comments_parent_fk "
        "FOREIGN KEY (parent_id) REFERENCES blog.comments (id)",
        "constraint", "comments_parent_fk",
    ),
    "constraint_fk_on_update": M(
        "ALTER TABLE shop.orders DROP CONSTRAINT orders_customer_fk, ADD CONSTRAINT orders_customer_fk "
        "FOREIGN KEY (customer_id) REFERENCES shop.customers (id) ON DELETE RESTRICT ON UPDATE RESTRICT",
        "constraint", "orders_customer_fk",
    ),
    "constraint_fk_match_simple": M(
        "ALTER TABLE shop.shipments DROP CONSTRAINT shipments_service_fk, ADD CONSTRAINT shipments_service_fk "
        "FOREIGN KEY (carrier, service) REFERENCES shop.carrier_services ON UPDATE CASCADE",
        "constraint", "shipments_service_fk",
    ),
    "constraint_fk_not_deferrable": M(
        "ALTER TABLE shop.order_lines ALTER CONSTRAINT order_lines_product_fk NOT DEFERRABLE",
        "constraint", "order_lines_product_fk",
    ),
    "constraint_fk_initially_immediate": M(
        "ALTER TABLE shop.order_lines ALTER CONSTRAINT order_lines_product_fk INITIALLY IMMEDIATE",
        "constraint", "order_lines_product_fk",
    ),
    "constraint_fk_deferrable": M(
        "ALTER TABLE shop.order_lines ALTER CONSTRAINT order_lines_order_fk DEFERRABLE",
        "constraint", "order_lines_order_fk",
    ),
    "constraint_fk_not_valid": M(
        ORDER_FK.format("FOREIGN KEY (order_id) REFERENCES shop.orders (id) ON DELETE CASCADE NOT VALID"),
        "constraint", "order_lines_order_fk",
    ),
    "constraint_fk_add": M(
        "ALTER TABLE shop.cart_sessions ADD CONSTRAINT cart_sessions_customer_fk "
        "FOREIGN KEY (customer_id) REFERENCES shop.customers (id)",
        "constraint", "cart_sessions_customer_fk",
    ),
    "constraint_fk_drop": M("ALTER TABLE blog.comments DROP CONSTRAINT comments_parent_fk", "constraint", "comments_parent_fk"),
    "constraint_unique_nulls_distinct": M(
        "ALTER TABLE shop.products DROP CONSTRAINT products_barcode_key, "
        "ADD CONSTRAINT products_barcode_key UNIQUE (barcode)",
        "constraint", "products_barcode_key", pg=">= 15",  # on 14 the key is a plain UNIQUE already
    ),
    "constraint_unique_add": M(
        "ALTER TABLE blog.posts ADD CONSTRAINT posts_slug_unique UNIQUE (slug)", "constraint", "posts_slug_unique"
    ),
    "constraint_unique_columns": M(EMAIL_KEY.format("UNIQUE (email, name)"), "constraint", "customers_email_key"),
    "constraint_unique_deferrable": M(EMAIL_KEY.format("UNIQUE (email) DEFERRABLE"), "constraint", "customers_email_key"),
    "constraint_unique_include": M(EMAIL_KEY.format("UNIQUE (email) INCLUDE (name)"), "constraint", "customers_email_key"),
    "constraint_unique_fillfactor": M(
        EMAIL_KEY.format("UNIQUE (email) WITH (fillfactor = 70)"), "constraint", "customers_email_key"
    ),
    "constraint_pk_columns": M(
        "ALTER TABLE shop.cart_sessions DROP CONSTRAINT cart_sessions_pkey, "
        "ADD CONSTRAINT cart_sessions_pkey PRIMARY KEY (token, expires_at)",
        "constraint", "cart_sessions_pkey",
    ),
    "constraint_pk_drop": M("ALTER TABLE shop.shipments DROP CONSTRAINT shipments_pkey", "constraint", "shipments_pkey"),
    "constraint_exclusion_operator": M(
        "ALTER TABLE shop.reservations DROP CONSTRAINT reservations_no_overlap, ADD CONSTRAINT reservations_no_overlap "
        "EXCLUDE USING gist (product_id WITH =, during WITH -|-)",
        "constraint", "reservations_no_overlap",
    ),
    "constraint_exclusion_predicate": M(
        "ALTER TABLE shop.reservations DROP CONSTRAINT reservations_no_overlap, ADD CONSTRAINT reservations_no_overlap "
        "EXCLUDE USING gist (product_id WITH =, during WITH &&) WHERE (product_id > 0)",
        "constraint", "reservations_no_overlap",
    ),
    "constraint_comment_change": M(
        "COMMENT ON CONSTRAINT customers_email_check ON shop.customers IS 'Sanity.'", "constraint", "customers_email_check"
    ),
    "constraint_comment_add": M(
        "COMMENT ON CONSTRAINT orders_total_check ON shop.orders IS 'No negative totals.'", "constraint", "orders_total_check"
    ),
    # --- indexes
    "index_add": M("CREATE INDEX orders_status_idx ON shop.orders (status)", "index", "shop.orders.orders_status_idx"),
    "index_drop": M("DROP INDEX shop.orders_open_idx", "index", "orders_open_idx"),
    "index_rename": M("ALTER INDEX shop.orders_open_idx RENAME TO orders_pending_idx", "index", "orders_pending_idx"),
    "index_method": M(  # two statements: an index cannot change in place
        "DROP INDEX shop.customers_lower_email_idx; "
        "CREATE INDEX customers_lower_email_idx ON shop.customers USING hash (lower(email))",
        "index", "customers_lower_email_idx",
    ),
    "index_columns": M(  # two statements
        "DROP INDEX blog.comments_post_idx; CREATE INDEX comments_post_idx ON blog.comments (post_id)",
        "index", "comments_post_idx",
    ),
    "index_sort_order": M(  # two statements; DESC alone means NULLS FIRST
        "DROP INDEX shop.orders_customer_placed_idx; "
        "CREATE INDEX orders_customer_placed_idx ON shop.orders (customer_id, placed_at DESC)",
        "index", "orders_customer_placed_idx",
    ),
    "index_predicate": M(  # two statements
        "DROP INDEX shop.orders_open_idx; CREATE INDEX orders_open_idx ON shop.orders (placed_at) WHERE status = 'new'",
        "index", "orders_open_idx",
    ),
    "index_include": M(  # two statements
        "DROP INDEX shop.order_lines_product_idx; "
        "CREATE INDEX order_lines_product_idx ON shop.order_lines (product_id) INCLUDE (quantity)",
        "index", "order_lines_product_idx",
    ),
    "index_unique_add": M(  # two statements
        "DROP INDEX blog.comments_post_idx; CREATE UNIQUE INDEX comments_post_idx ON blog.comments (post_id, created_at)",
        "index", "comments_post_idx",
    ),
    "index_unique_drop": M(  # two statements
        "DROP INDEX blog.posts_slug_key; CREATE INDEX posts_slug_key ON blog.posts (lower(slug))",
        "index", "posts_slug_key",
    ),
    "index_opclass": M(  # two statements
        "DROP INDEX shop.products_attrs_idx; CREATE INDEX products_attrs_idx ON shop.products USING gin (attrs)",
        "index", "products_attrs_idx",
    ),
    "index_expression": M(  # two statements
        "DROP INDEX shop.customers_lower_email_idx; "
        "CREATE INDEX customers_lower_email_idx ON shop.customers (upper(email))",
        "index", "customers_lower_email_idx",
    ),
    "index_reloptions_change": M(
        "ALTER INDEX shop.reservations_during_idx SET (fillfactor = 90)", "index", "reservations_during_idx"
    ),
    "index_reloptions_add": M("ALTER INDEX blog.comments_post_idx SET (fillfactor = 50)", "index", "comments_post_idx"),
    "index_statistics": M(
        "ALTER INDEX shop.customers_lower_email_idx ALTER COLUMN 1 SET STATISTICS 100", "index", "customers_lower_email_idx"
    ),
    "index_on_matview_drop": M("DROP INDEX shop.product_sales_product_idx", "index", "product_sales_product_idx"),
    "index_on_matview_add": M(
        "CREATE INDEX product_sales_revenue_idx ON shop.product_sales (revenue DESC)", "index", "product_sales_revenue_idx"
    ),
    "index_on_partitioned_add": M(
        "CREATE INDEX events_payload_idx ON shop.events USING gin (payload)", "index", "shop.events.events_payload_idx"
    ),
    "index_comment_change": M("COMMENT ON INDEX shop.orders_open_idx IS 'Open orders.'", "index", "orders_open_idx"),
    "index_comment_add": M(
        "COMMENT ON INDEX shop.customers_lower_email_idx IS 'Case-insensitive login.'", "index", "customers_lower_email_idx"
    ),
    # --- views and materialized views
    "view_body": M(CUSTOMER_ORDERS.format(extra="", where=" AND o.total > 0"), "view", "shop.customer_orders"),
    "view_column_added": M(CUSTOMER_ORDERS.format(extra=", c.email", where=""), "view", "shop.customer_orders"),
    "view_security_barrier_off": M(
        "ALTER VIEW shop.customer_orders SET (security_barrier = false)", "view", "shop.customer_orders"
    ),
    "view_security_invoker": M("ALTER VIEW shop.customer_orders SET (security_invoker = true)", "view", "shop.customer_orders",
                               pg=">= 15"),  # a view option of PostgreSQL 15
    "view_check_option_local": M("ALTER VIEW blog.published_posts SET (check_option = local)", "view", "blog.published_posts"),
    "view_check_option_drop": M("ALTER VIEW blog.published_posts RESET (check_option)", "view", "blog.published_posts"),
    "view_rename_column": M(
        "ALTER VIEW shop.customer_orders RENAME COLUMN total TO order_total", "view", "shop.customer_orders"
    ),
    "view_add": M("CREATE VIEW blog.drafts AS SELECT id, title FROM blog.posts WHERE state = 'draft'", "view", "blog.drafts"),
    "view_drop": M("DROP VIEW blog.published_posts", "view", "blog.published_posts"),
    "view_rename": M("ALTER VIEW blog.published_posts RENAME TO live_posts", "view", "blog.live_posts"),
    "view_comment_drop": M("COMMENT ON VIEW shop.customer_orders IS NULL", "view", "shop.customer_orders"),
    "view_comment_add": M("COMMENT ON VIEW blog.published_posts IS 'What readers see.'", "view", "blog.published_posts"),
    "view_grant": M("GRANT INSERT ON blog.published_posts TO mut_writer", "view", "blog.published_posts"),
    "view_revoke": M("REVOKE SELECT ON blog.published_posts FROM PUBLIC", "view", "blog.published_posts"),
    "view_column_comment": M(
        "COMMENT ON COLUMN shop.customer_orders.total IS 'Order total.'", "column", "shop.customer_orders.total"
    ),
    "view_column_default": M(
        "ALTER VIEW blog.published_posts ALTER COLUMN state SET DEFAULT 'published'",
        "column", "blog.published_posts.state",
    ),
    "matview_body": M(  # two statements: a materialized view cannot be replaced
        "DROP MATERIALIZED VIEW shop.product_sales; CREATE MATERIALIZED VIEW shop.product_sales AS "
        "SELECT product_id, sum(quantity) AS units FROM shop.order_lines GROUP BY product_id",
        "view", "shop.product_sales",
    ),
    "matview_drop": M("DROP MATERIALIZED VIEW shop.product_sales", "view", "shop.product_sales"),
    "matview_comment": M(
        "COMMENT ON MATERIALIZED VIEW shop.product_sales IS 'Refreshed hourly.'", "view", "shop.product_sales"
    ),
    "matview_revoke": M("REVOKE SELECT ON shop.product_sales FROM mut_reader", "view", "shop.product_sales"),
    "matview_reloptions": M(
        "ALTER MATERIALIZED VIEW shop.product_sales SET (fillfactor = 50)", "view", "shop.product_sales"
    ),
    # --- functions
    "function_body": M(
        ORDER_TOTAL.format(ORDER_TOTAL_BODY.replace("), 0)", "), 0.0)")), "function", "shop.order_total(bigint)"
    ),
    "function_body_whitespace": M(
        ORDER_TOTAL.format(ORDER_TOTAL_BODY.replace("FROM", " FROM")), "function", "shop.order_total(bigint)"
    ),
    # normalized_dump drops blank lines, even inside a body: the oracle cannot see this one
    "function_body_trailing_newline": M(
        ORDER_TOTAL.format(ORDER_TOTAL_BODY + "\n"), "function", "shop.order_total(bigint)", dump=False
    ),
    "function_volatility": M("ALTER FUNCTION shop.order_total(bigint) VOLATILE", "function", "shop.order_total"),
    "function_immutable_to_stable": M("ALTER FUNCTION shop.slugify(text, text) STABLE", "function", "shop.slugify"),
    "function_not_strict": M(
        "ALTER FUNCTION shop.order_total(bigint) CALLED ON NULL INPUT", "function", "shop.order_total"
    ),
    "function_security_invoker": M("ALTER FUNCTION blog.can_edit(text) SECURITY INVOKER", "function", "blog.can_edit"),
    "function_security_definer": M(
        "ALTER FUNCTION shop.order_total(bigint) SECURITY DEFINER", "function", "shop.order_total"
    ),
    "function_config_add": M("ALTER FUNCTION shop.order_total(bigint) SET work_mem = '64MB'", "function", "shop.order_total"),
    "function_config_change": M(
        "ALTER FUNCTION blog.can_edit(text) SET search_path = pg_catalog", "function", "blog.can_edit"
    ),
    "function_config_reset": M("ALTER FUNCTION blog.can_edit(text) RESET search_path", "function", "blog.can_edit"),
    "function_language": M(
        "CREATE OR REPLACE FUNCTION shop.order_total(p_order bigint) RETURNS numeric LANGUAGE plpgsql STABLE STRICT "
        "AS $$ BEGIN RETURN (" + ORDER_TOTAL_BODY + "); END $$",
        "function", "shop.order_total",
    ),
    "function_return_type": M(  # two statements: CREATE OR REPLACE cannot change the result type
        "DROP FUNCTION shop.slugify(text, text); " + SLUGIFY.format(default="'-'", result="varchar").replace(" OR REPLACE", ""),
        "function", "shop.slugify",
    ),
    "function_argument_default": M(SLUGIFY.format(default="'_'", result="text"), "function", "shop.slugify"),
    "function_argument_name": M(  # two statements: CREATE OR REPLACE cannot rename a parameter
        "DROP FUNCTION shop.slugify(text, text); "
        + SLUGIFY.format(default="'-'", result="text").replace("txt", "input").replace(" OR REPLACE", ""),
        "function", "shop.slugify",
    ),
    "function_leakproof": M("ALTER FUNCTION shop.slugify(text, text) LEAKPROOF", "function", "shop.slugify"),
    "function_parallel": M("ALTER FUNCTION shop.slugify(text, text) PARALLEL RESTRICTED", "function", "shop.slugify"),
    "function_cost": M("ALTER FUNCTION shop.order_total(bigint) COST 500", "function", "shop.order_total"),
    "function_overload_add": M(
        "CREATE FUNCTION shop.order_total(p_order bigint, p_rate numeric) RETURNS numeric LANGUAGE sql STABLE "
        "AS $$ SELECT shop.order_total(p_order) * p_rate $$",
        "function", "shop.order_total(bigint, numeric)",
    ),
    "function_drop": M("DROP FUNCTION shop.slugify(text, text)", "function", "shop.slugify"),
    "function_rename": M("ALTER FUNCTION shop.slugify(text, text) RENAME TO make_slug", "function", "shop.make_slug"),
    "function_move_schema": M("ALTER FUNCTION shop.slugify(text, text) SET SCHEMA blog", "function", "blog.slugify"),
    "function_comment_change": M(
        "COMMENT ON FUNCTION shop.order_total(bigint) IS 'Order sum.'", "function", "shop.order_total"
    ),
    "function_comment_add": M("COMMENT ON FUNCTION shop.slugify(text, text) IS 'URL-safe text.'", "function", "shop.slugify"),
    "function_grant": M("GRANT EXECUTE ON FUNCTION blog.can_edit(text) TO mut_reader", "function", "blog.can_edit"),
    "function_revoke_public": M(
        "REVOKE EXECUTE ON FUNCTION shop.slugify(text, text) FROM PUBLIC", "function", "shop.slugify"
    ),
    "function_revoke": M("REVOKE EXECUTE ON FUNCTION shop.order_total(bigint) FROM mut_reader", "function", "shop.order_total"),
    "function_window_add": M(  # a window function (C only: here, the built-in rank's)
        "CREATE FUNCTION shop.my_rank() RETURNS bigint LANGUAGE internal WINDOW IMMUTABLE AS 'window_rank'",
        "function", "shop.my_rank()"),
    "procedure_body": M(CLOSE_STALE.format(days="30", cond="IN ('new')"), "function", "shop.close_stale_orders"),
    "procedure_argument_default": M(CLOSE_STALE.format(days="60", cond="= 'new'"), "function", "shop.close_stale_orders"),
    "procedure_config": M(
        "ALTER PROCEDURE shop.close_stale_orders(integer) SET lock_timeout = '5s'", "function", "shop.close_stale_orders"
    ),
    "procedure_security_definer": M(
        "ALTER PROCEDURE shop.close_stale_orders(integer) SECURITY DEFINER", "function", "shop.close_stale_orders"
    ),
    "procedure_add": M("CREATE PROCEDURE blog.noop() LANGUAGE sql AS $$ SELECT 1 $$", "function", "blog.noop"),
    "procedure_drop": M("DROP PROCEDURE shop.close_stale_orders(integer)", "function", "shop.close_stale_orders"),
    "procedure_comment_drop": M(
        "COMMENT ON PROCEDURE shop.close_stale_orders(integer) IS NULL", "function", "shop.close_stale_orders"
    ),
    "procedure_revoke_public": M(
        "REVOKE EXECUTE ON PROCEDURE shop.close_stale_orders(integer) FROM PUBLIC", "function", "shop.close_stale_orders"
    ),
    # --- triggers
    "trigger_timing": M(TOUCH.format(timing="AFTER UPDATE", when=TOUCH_WHEN), "trigger", "orders_touch"),
    "trigger_update_of": M(TOUCH.format(timing="BEFORE UPDATE OF status, total", when=TOUCH_WHEN), "trigger", "orders_touch"),
    "trigger_when_change": M(
        TOUCH.format(timing="BEFORE UPDATE", when="WHEN (OLD.status IS DISTINCT FROM NEW.status)"), "trigger", "orders_touch"
    ),
    "trigger_when_drop": M(TOUCH.format(timing="BEFORE UPDATE", when=""), "trigger", "orders_touch"),
    "trigger_event": M(
        LOG.format(event="AFTER INSERT OR DELETE", level="STATEMENT", fn="shop.log_order_insert()"), "trigger", "orders_log"
    ),
    "trigger_level": M(LOG.format(event="AFTER INSERT", level="ROW", fn="shop.log_order_insert()"), "trigger", "orders_log"),
    "trigger_function": M(LOG.format(event="AFTER INSERT", level="STATEMENT", fn="shop.touch_updated()"), "trigger", "orders_log"),
    "trigger_arguments": M(
        LOG.format(event="AFTER INSERT", level="STATEMENT", fn="shop.log_order_insert('audit')"), "trigger", "orders_log"
    ),
    "trigger_enable": M("ALTER TABLE blog.posts ENABLE TRIGGER posts_touch", "trigger", "posts_touch"),
    "trigger_disable": M("ALTER TABLE shop.orders DISABLE TRIGGER orders_log", "trigger", "orders_log"),
    "trigger_enable_replica": M("ALTER TABLE shop.orders ENABLE REPLICA TRIGGER orders_log", "trigger", "orders_log"),
    "trigger_enable_always": M("ALTER TABLE shop.orders ENABLE ALWAYS TRIGGER orders_touch", "trigger", "orders_touch"),
    "trigger_add": M(
        "CREATE TRIGGER posts_log AFTER DELETE ON blog.posts FOR EACH STATEMENT EXECUTE FUNCTION shop.log_order_insert()",
        "trigger", "blog.posts.posts_log",
    ),
    "trigger_add_on_partitioned": M(
        "CREATE TRIGGER events_log AFTER INSERT ON shop.events FOR EACH ROW EXECUTE FUNCTION shop.log_order_insert()",
        "trigger", "shop.events.events_log",
    ),
    "trigger_constraint_add": M(
        "CREATE CONSTRAINT TRIGGER orders_deferred_log AFTER INSERT ON shop.orders DEFERRABLE INITIALLY DEFERRED "
        "FOR EACH ROW EXECUTE FUNCTION shop.log_order_insert()",
        "trigger", "orders_deferred_log",
    ),
    "trigger_drop": M("DROP TRIGGER orders_log ON shop.orders", "trigger", "orders_log"),
    "trigger_rename": M("ALTER TRIGGER orders_log ON shop.orders RENAME TO orders_audit", "trigger", "orders_audit"),
    "trigger_comment_change": M(
        "COMMENT ON TRIGGER orders_touch ON shop.orders IS 'updated_at.'", "trigger", "orders_touch"
    ),
    "trigger_comment_add": M("COMMENT ON TRIGGER orders_log ON shop.orders IS 'Audit.'", "trigger", "orders_log"),
    # --- policies
    "policy_using": M(
        "ALTER POLICY posts_read ON blog.posts USING (state IN ('published', 'archived'))", "policy", "posts_read"
    ),
    "policy_with_check": M(
        "ALTER POLICY posts_own ON blog.posts WITH CHECK (author = SESSION_USER)", "policy", "posts_own"
    ),
    "policy_roles_add": M("ALTER POLICY posts_read ON blog.posts TO mut_reader, mut_writer", "policy", "posts_read"),
    "policy_roles_public_to_named": M("ALTER POLICY posts_own ON blog.posts TO mut_writer", "policy", "posts_own"),
    "policy_restrictive": M(  # two statements: permissiveness cannot be altered
        "DROP POLICY posts_read ON blog.posts; CREATE POLICY posts_read ON blog.posts AS RESTRICTIVE FOR SELECT "
        "TO mut_reader USING (state = 'published')",
        "policy", "posts_read",
    ),
    "policy_command": M(  # two statements: the command cannot be altered
        "DROP POLICY posts_read ON blog.posts; CREATE POLICY posts_read ON blog.posts FOR ALL "
        "TO mut_reader USING (state = 'published')",
        "policy", "posts_read",
    ),
    "policy_add": M(
        "CREATE POLICY posts_insert ON blog.posts AS RESTRICTIVE FOR INSERT TO mut_writer WITH CHECK (state = 'draft')",
        "policy", "blog.posts.posts_insert",
    ),
    "policy_drop": M("DROP POLICY posts_read ON blog.posts", "policy", "posts_read"),
    "policy_rename": M("ALTER POLICY posts_read ON blog.posts RENAME TO posts_public", "policy", "posts_public"),
    "policy_comment_drop": M("COMMENT ON POLICY posts_own ON blog.posts IS NULL", "policy", "posts_own"),
    "policy_comment_add": M(
        "COMMENT ON POLICY posts_read ON blog.posts IS 'Readers see published posts.'", "policy", "posts_read"
    ),
    # --- statistics, rules, collations, event triggers: mutation_cases_objects.py
    **OBJECT_MUTATIONS,
}


#: The CREATE OR REPLACE / DROP+ADD templates above, filled with rich_schema.sql's own values:
#: each must change nothing, which shows that a mutation built from them changes only what it says.
TEMPLATES_AT_BASE: dict[str, str] = {
    "order_total": ORDER_TOTAL.format(ORDER_TOTAL_BODY),
    "slugify": SLUGIFY.format(default="'-'", result="text"),
    "close_stale_orders": CLOSE_STALE.format(days="30", cond="= 'new'"),
    "orders_touch": TOUCH.format(timing="BEFORE UPDATE", when=TOUCH_WHEN),
    "orders_log": LOG.format(event="AFTER INSERT", level="STATEMENT", fn="shop.log_order_insert()"),
    "customer_orders": CUSTOMER_ORDERS.format(extra="", where=""),
    "orders_total_check": TOTAL_CHECK.format("CHECK (total >= 0)"),
    "order_lines_order_fk": ORDER_FK.format("FOREIGN KEY (order_id) REFERENCES shop.orders (id) ON DELETE CASCADE"),
    "customers_email_key": EMAIL_KEY.format("UNIQUE (email)"),
    **OBJECT_TEMPLATES_AT_BASE,
}
