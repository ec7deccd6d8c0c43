-- rich_schema.sql with its statements in another order: functions before the tables they read
-- (with body checks off, as pg_dump does), tables in reverse, foreign keys added at the end,
-- grants and comments before the objects' other parts.  Must compare equal to rich_schema.sql.
SET check_function_bodies = off;

CREATE SCHEMA blog;
CREATE SCHEMA shop;
CREATE COLLATION blog.bytewise (provider = libc, lc_collate = 'C', lc_ctype = 'C');
CREATE COLLATION shop.caseless (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
COMMENT ON COLLATION shop.caseless IS 'Compares letters without case.';
GRANT USAGE, CREATE ON SCHEMA blog TO mut_writer;
GRANT USAGE ON SCHEMA shop TO mut_writer, mut_reader;
COMMENT ON SCHEMA blog IS 'Posts and their comments.';
COMMENT ON SCHEMA shop IS 'Products, customers, orders.';
CREATE TEXT SEARCH TEMPLATE shop.plain_template (INIT = dsimple_init, LEXIZE = dsimple_lexize);
CREATE TEXT SEARCH DICTIONARY blog.plain_words (TEMPLATE = simple, stopwords = english, accept = true);
CREATE TEXT SEARCH CONFIGURATION blog.titles (PARSER = default);
ALTER TEXT SEARCH CONFIGURATION blog.titles ADD MAPPING FOR word, asciiword WITH simple;
CREATE TEXT SEARCH DICTIONARY shop.product_stems (TEMPLATE = snowball, language = english);
COMMENT ON TEXT SEARCH DICTIONARY shop.product_stems IS 'English stems.';
CREATE TEXT SEARCH CONFIGURATION shop.product_words (COPY = english);
COMMENT ON TEXT SEARCH CONFIGURATION shop.product_words IS 'Product titles.';
ALTER TEXT SEARCH CONFIGURATION shop.product_words ALTER MAPPING FOR word WITH shop.product_stems, simple;
ALTER TEXT SEARCH CONFIGURATION shop.product_words ALTER MAPPING FOR asciiword WITH shop.product_stems, simple;
CREATE TEXT SEARCH PARSER shop.word_parser (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end,
    LEXTYPES = prsd_lextype, HEADLINE = prsd_headline);
-- a publication FOR ALL TABLES names none: it can come first, before the tables it will publish
CREATE PUBLICATION everything FOR ALL TABLES WITH (publish = 'insert, truncate');
CREATE TYPE blog.title_span AS RANGE (SUBTYPE = text, COLLATION = "C");
CREATE FUNCTION shop.numeric_diff(a numeric, b numeric) RETURNS double precision
LANGUAGE sql IMMUTABLE
AS $$SELECT (a - b)::float8$$;
CREATE TYPE shop.price_band AS RANGE (SUBTYPE = numeric, SUBTYPE_DIFF = shop.numeric_diff);
GRANT USAGE ON TYPE shop.price_band TO mut_reader;
COMMENT ON TYPE shop.price_band IS 'Prices from, to.';
CREATE FOREIGN DATA WRAPPER mut_files;
CREATE SERVER warehouse FOREIGN DATA WRAPPER mut_files OPTIONS (host 'warehouse.example', port '5432');
CREATE USER MAPPING FOR PUBLIC SERVER warehouse OPTIONS (user 'guest');
CREATE USER MAPPING FOR mut_reader SERVER warehouse OPTIONS (user 'reader', password 'rich-schema-secret');
CREATE FOREIGN TABLE shop.stock (
    sku text OPTIONS (column_name 'item_sku') NOT NULL,
    on_hand integer DEFAULT 0,
    updated_at timestamptz
) SERVER warehouse OPTIONS (table_name 'stock');
GRANT SELECT ON shop.stock TO mut_reader;
COMMENT ON FOREIGN TABLE shop.stock IS 'Stock levels, in the warehouse.';
COMMENT ON SERVER warehouse IS 'The stock database.';

CREATE EXTENSION btree_gist WITH SCHEMA public;
CREATE EXTENSION pg_trgm WITH SCHEMA public VERSION '1.5';

CREATE PROCEDURE shop.close_stale_orders(p_days integer DEFAULT 30)
LANGUAGE plpgsql
AS $$
BEGIN
    UPDATE shop.orders SET status = 'cancelled'
    WHERE status = 'new' AND placed_at < now() - make_interval(days => p_days);
END
$$;
COMMENT ON PROCEDURE shop.close_stale_orders(integer) IS 'Cancel orders nobody paid for.';

-- casts and operators: the operators before the casts, the commutator pair's second member first
-- (no COMMUTATOR: the first one's CREATE sets its link), the shell of !== made by === and filled
CREATE TYPE shop.box AS (length_mm int, width_mm int, height_mm int);
CREATE FUNCTION shop.box_same(a shop.box, b shop.box) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT
AS $$SELECT a = b$$;
CREATE FUNCTION shop.box_differ(a shop.box, b shop.box) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT
AS $$SELECT a <> b$$;
CREATE FUNCTION shop.box_holds(a shop.box, b shop.box) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT
AS $$SELECT b.length_mm <= a.length_mm AND b.width_mm <= a.width_mm AND b.height_mm <= a.height_mm$$;
CREATE FUNCTION shop.box_fits(a shop.box, b shop.box) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT
AS $$SELECT a.length_mm <= b.length_mm AND a.width_mm <= b.width_mm AND a.height_mm <= b.height_mm$$;
CREATE OPERATOR shop.=== (
    FUNCTION = shop.box_same, LEFTARG = shop.box, RIGHTARG = shop.box,
    COMMUTATOR = OPERATOR(shop.===), NEGATOR = OPERATOR(shop.!==), RESTRICT = eqsel, JOIN = eqjoinsel
);
CREATE OPERATOR shop.!== (
    PROCEDURE = shop.box_differ, LEFTARG = shop.box, RIGHTARG = shop.box,
    COMMUTATOR = OPERATOR(shop.!==), NEGATOR = OPERATOR(shop.===), RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR shop.@@> (
    FUNCTION = shop.box_holds, LEFTARG = shop.box, RIGHTARG = shop.box,
    RESTRICT = contsel, JOIN = contjoinsel
);
CREATE OPERATOR shop.<@@ (
    FUNCTION = shop.box_fits, LEFTARG = shop.box, RIGHTARG = shop.box,
    COMMUTATOR = OPERATOR(shop.@@>), RESTRICT = contsel, JOIN = contjoinsel
);
COMMENT ON OPERATOR shop.<@@ (shop.box, shop.box) IS 'Fits inside.';
CREATE CAST (shop.box AS text) WITH INOUT;
CREATE FUNCTION shop.box_volume(shop.box) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT
AS $$SELECT $1.length_mm::bigint * $1.width_mm * $1.height_mm$$;
CREATE CAST (shop.box AS int8) WITH FUNCTION shop.box_volume(shop.box) AS ASSIGNMENT;
COMMENT ON CAST (shop.box AS bigint) IS 'Volume in cubic millimetres.';
-- the operator class's family made by name first, the class naming it, its operators' types spelled out
CREATE OPERATOR FAMILY shop.int8_rev_ops USING btree;
CREATE FUNCTION shop.rev_cmp(bigint, bigint) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT
AS $$SELECT btint8cmp($2, $1)$$;
CREATE OPERATOR CLASS shop.int8_rev_ops FOR TYPE int8 USING btree FAMILY shop.int8_rev_ops AS
OPERATOR 5 < (int8, int8), OPERATOR 4 <= (int8, int8), OPERATOR 3 = (int8, int8), OPERATOR 2 >= (int8, int8),
OPERATOR 1 > (int8, int8), FUNCTION 1 (int8, int8) shop.rev_cmp(int8, int8);
COMMENT ON OPERATOR CLASS shop.int8_rev_ops USING btree IS 'Largest first.';
CREATE FUNCTION blog.can_edit(p_author text) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, blog
AS $$
BEGIN
    RETURN p_author = current_user;
END
$$;
GRANT EXECUTE ON FUNCTION blog.can_edit(text) TO mut_writer;
REVOKE EXECUTE ON FUNCTION blog.can_edit(text) FROM PUBLIC;

CREATE FUNCTION shop.log_order_insert() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO shop.events (kind, occurred_at) VALUES ('orders_inserted', now());
    RETURN NULL;
END
$$;

CREATE FUNCTION shop.touch_updated() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

CREATE FUNCTION shop.slugify(txt text, sep text DEFAULT '-') RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT trim(BOTH sep FROM regexp_replace(lower(txt), '[^a-z0-9]+', sep, 'g'))
$$;

-- the aggregate's comment after it, its function before it
CREATE FUNCTION shop.money_add(total numeric, amount numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$SELECT total + amount$$;
CREATE AGGREGATE shop.money_sum(numeric) (STYPE = numeric, PARALLEL = SAFE, SFUNC = shop.money_add, INITCOND = '0');
COMMENT ON AGGREGATE shop.money_sum(numeric) IS 'Amounts summed from 0.';

CREATE FUNCTION shop.order_total(p_order bigint) RETURNS numeric
LANGUAGE sql STABLE STRICT
AS $$
    SELECT coalesce(sum(quantity * unit_price), 0) FROM shop.order_lines WHERE order_id = p_order
$$;
GRANT EXECUTE ON FUNCTION shop.order_total(bigint) TO mut_reader;
COMMENT ON FUNCTION shop.order_total(bigint) IS 'Sum of the lines of one order.';

CREATE TYPE shop.address AS (street text, city varchar(80), zip varchar(10) COLLATE "C", country char(2));
COMMENT ON TYPE shop.address IS 'A postal address.';
CREATE TYPE shop.dimensions AS (length_mm int, width_mm int, height_mm int, note text COLLATE shop.caseless);
CREATE DOMAIN shop.sku AS text COLLATE "C" CONSTRAINT sku_format CHECK (VALUE ~ '^[A-Z0-9-]+$');
CREATE DOMAIN shop.price AS numeric(12, 2) DEFAULT 0 CONSTRAINT price_nonnegative CHECK (VALUE >= 0);
COMMENT ON DOMAIN shop.price IS 'An amount of money, two decimals.';
CREATE TYPE blog.post_state AS ENUM ('draft', 'published', 'archived');
CREATE TYPE shop.order_status AS ENUM ('new', 'paid', 'shipped', 'cancelled');
COMMENT ON TYPE shop.order_status IS 'Lifecycle of an order.';

CREATE SEQUENCE blog.comments_id_seq AS integer;
CREATE SEQUENCE shop.invoice_no AS bigint
    START WITH 1000 INCREMENT BY 10 MINVALUE 1000 MAXVALUE 99999999 CACHE 5;
GRANT SELECT ON SEQUENCE shop.invoice_no TO mut_reader;
GRANT USAGE ON SEQUENCE shop.invoice_no TO mut_writer;
COMMENT ON SEQUENCE shop.invoice_no IS 'Invoice numbers, in steps of ten.';

CREATE TABLE blog.reactions (
    post_id bigint NOT NULL,
    emoji text NOT NULL,
    reacted_at timestamptz NOT NULL DEFAULT now()
) PARTITION BY LIST (emoji);
CREATE TABLE blog.reactions_other PARTITION OF blog.reactions DEFAULT;
CREATE TABLE blog.reactions_common PARTITION OF blog.reactions FOR VALUES IN ('like', 'love');

CREATE TABLE blog.comments (
    id integer NOT NULL DEFAULT nextval('blog.comments_id_seq'),
    post_id bigint NOT NULL,
    parent_id integer,
    body text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
ALTER SEQUENCE blog.comments_id_seq OWNED BY blog.comments.id;
ALTER TABLE blog.comments ADD CONSTRAINT comments_pkey PRIMARY KEY (id);
CREATE INDEX comments_post_idx ON blog.comments (post_id, created_at);

CREATE TABLE blog.posts (
    id bigint GENERATED ALWAYS AS IDENTITY,
    author text NOT NULL DEFAULT CURRENT_USER,
    state blog.post_state NOT NULL DEFAULT 'draft',
    slug varchar(120) NOT NULL,
    title text NOT NULL,
    body text,
    tags text[],
    meta jsonb,
    published_at timestamptz,
    updated_at timestamptz
);
COMMENT ON TABLE blog.posts IS 'Articles, row-level secured.';
GRANT SELECT ON blog.posts TO mut_reader WITH GRANT OPTION;
GRANT SELECT, INSERT, UPDATE, DELETE ON blog.posts TO mut_writer;
CREATE POLICY posts_own ON blog.posts USING (author = CURRENT_USER) WITH CHECK (author = CURRENT_USER);
COMMENT ON POLICY posts_own ON blog.posts IS 'Authors manage their own posts.';
CREATE POLICY posts_read ON blog.posts FOR SELECT TO mut_reader USING (state = 'published');
ALTER TABLE blog.posts FORCE ROW LEVEL SECURITY;
ALTER TABLE blog.posts ENABLE ROW LEVEL SECURITY;
ALTER TABLE blog.posts ADD PRIMARY KEY (id);
CREATE UNIQUE INDEX posts_slug_key ON blog.posts (lower(slug));
CREATE TRIGGER posts_touch BEFORE UPDATE ON blog.posts
FOR EACH ROW EXECUTE FUNCTION shop.touch_updated();
ALTER TABLE blog.posts DISABLE TRIGGER posts_touch;

CREATE VIEW blog.published_posts AS
SELECT id, author, state, slug, title, published_at
FROM blog.posts
WHERE state = 'published'
WITH CASCADED CHECK OPTION;
GRANT SELECT ON blog.published_posts TO PUBLIC;

CREATE TABLE shop.events (
    kind text NOT NULL,
    occurred_at timestamptz NOT NULL,
    payload jsonb
) PARTITION BY RANGE (occurred_at);
CREATE INDEX events_kind_idx ON shop.events (kind, occurred_at);
CREATE TABLE shop.events_2025 PARTITION OF shop.events
    FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2026-01-01 00:00:00+00');
CREATE TABLE shop.events_2024 PARTITION OF shop.events
    FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00');

CREATE TABLE shop.reservations (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id integer NOT NULL,
    during tstzrange NOT NULL,
    CONSTRAINT reservations_no_overlap EXCLUDE USING gist (product_id WITH =, during WITH &&)
);
CREATE INDEX reservations_during_idx ON shop.reservations USING gist (during) WITH (fillfactor = 70);

CREATE UNLOGGED TABLE shop.cart_sessions (
    token text PRIMARY KEY,
    customer_id bigint,
    data jsonb,
    expires_at timestamptz NOT NULL
);

CREATE TABLE shop.shipments (
    order_id bigint NOT NULL PRIMARY KEY,
    carrier text,
    service text,
    tracking varchar(64),
    weight_kg numeric(8, 3)
);

CREATE TABLE shop.carrier_services (
    carrier text NOT NULL,
    service text NOT NULL,
    PRIMARY KEY (carrier, service)
);

CREATE TABLE shop.order_lines (
    order_id bigint NOT NULL,
    line_no smallint NOT NULL,
    product_id integer,
    quantity integer NOT NULL DEFAULT 1 CONSTRAINT order_lines_quantity_check CHECK (quantity > 0),
    unit_price numeric(12, 2) NOT NULL,
    PRIMARY KEY (order_id, line_no)
);
CREATE INDEX order_lines_product_idx ON shop.order_lines (product_id) INCLUDE (quantity, unit_price);
COMMENT ON PUBLICATION everything IS NULL;
CREATE PUBLICATION shop_orders FOR TABLE shop.order_lines WITH (publish = 'update, insert, delete');
COMMENT ON PUBLICATION shop_orders IS 'Orders, for the warehouse.';

CREATE TABLE shop.orders (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL,
    status shop.order_status NOT NULL DEFAULT 'new',
    total numeric(12, 2) NOT NULL DEFAULT 0 CONSTRAINT orders_total_check CHECK (total >= 0),
    note varchar(200),
    invoice_no bigint DEFAULT nextval('shop.invoice_no'),
    ship_to shop.address,
    placed_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz
);
ALTER PUBLICATION shop_orders ADD TABLE shop.shipments, shop.orders;
COMMENT ON COLUMN shop.orders.note IS 'Free text from the customer.';
COMMENT ON TABLE shop.orders IS 'One purchase.';
GRANT SELECT, INSERT, UPDATE ON shop.orders TO mut_writer;
CREATE INDEX orders_customer_placed_idx ON shop.orders (customer_id, placed_at DESC NULLS LAST);
CREATE INDEX orders_open_idx ON shop.orders (placed_at) WHERE status IN ('new', 'paid');
COMMENT ON INDEX shop.orders_open_idx IS 'Orders still being worked on.';
CREATE TRIGGER orders_log AFTER INSERT ON shop.orders
FOR EACH STATEMENT EXECUTE FUNCTION shop.log_order_insert();
CREATE TRIGGER orders_touch BEFORE UPDATE ON shop.orders
FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION shop.touch_updated();
COMMENT ON TRIGGER orders_touch ON shop.orders IS 'Keeps updated_at current.';

CREATE TABLE shop.products (
    id integer GENERATED BY DEFAULT AS IDENTITY
        (START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE 1000000 CACHE 10) PRIMARY KEY,
    sku shop.sku NOT NULL,
    barcode varchar(32),
    title varchar(200) NOT NULL,
    price shop.price NOT NULL,
    weight_g integer,
    ratings smallint[],
    attrs jsonb NOT NULL DEFAULT '{}'::jsonb,
    search_title text GENERATED ALWAYS AS (lower(title)) STORED,
    discontinued boolean NOT NULL DEFAULT false,
    price_band shop.price_band
) WITH (fillfactor = 80, autovacuum_enabled = true);
COMMENT ON COLUMN shop.products.search_title IS 'Lower-cased title, for search.';
ALTER TABLE shop.products ADD CONSTRAINT products_barcode_key UNIQUE NULLS NOT DISTINCT (barcode);
ALTER TABLE shop.products ADD CONSTRAINT products_sku_key UNIQUE (sku);
ALTER TABLE shop.products ADD CONSTRAINT products_weight_check CHECK (weight_g > 0) NOT VALID;
CREATE INDEX products_title_fts_idx ON shop.products USING gin (to_tsvector('shop.product_words'::regconfig, title));
CREATE INDEX products_title_trgm_idx ON shop.products USING gin (title public.gin_trgm_ops);
CREATE INDEX products_attrs_idx ON shop.products USING gin (attrs jsonb_path_ops);

CREATE TABLE shop.customers (
    id bigint GENERATED ALWAYS AS IDENTITY (START WITH 100 INCREMENT BY 1 CACHE 1),
    email varchar(254) NOT NULL CONSTRAINT customers_email_key UNIQUE,
    name text COLLATE "C" NOT NULL,
    phone varchar(20),
    tags text[] NOT NULL DEFAULT '{}',
    address shop.address,
    created_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE shop.customers ADD PRIMARY KEY (id);
ALTER TABLE shop.customers ADD CONSTRAINT customers_email_check CHECK (position('@' IN email) > 1);
COMMENT ON CONSTRAINT customers_email_check ON shop.customers IS 'A cheap sanity check, not validation.';
COMMENT ON COLUMN shop.customers.email IS 'Login and contact address.';
COMMENT ON TABLE shop.customers IS 'People who buy.';
GRANT UPDATE (phone), SELECT (name, id) ON shop.customers TO mut_writer;
CREATE INDEX customers_lower_email_idx ON shop.customers (lower(email));

GRANT SELECT ON shop.products, shop.order_lines, shop.orders, shop.customers TO mut_reader;

CREATE MATERIALIZED VIEW shop.product_sales AS
SELECT product_id, sum(quantity) AS units, sum(quantity * unit_price) AS revenue
FROM shop.order_lines
GROUP BY product_id;
COMMENT ON MATERIALIZED VIEW shop.product_sales IS 'Refreshed nightly.';
GRANT SELECT ON shop.product_sales TO mut_reader;
CREATE UNIQUE INDEX product_sales_product_idx ON shop.product_sales (product_id);

CREATE VIEW shop.customer_orders WITH (security_barrier = true) AS
SELECT c.id AS customer_id, c.name, o.id AS order_id, o.status, o.total
FROM shop.customers AS c
JOIN shop.orders AS o ON o.customer_id = c.id
WHERE o.status <> 'cancelled';
GRANT SELECT ON shop.customer_orders TO mut_reader;
COMMENT ON VIEW shop.customer_orders IS 'Live orders per customer.';

ALTER TABLE blog.comments ADD CONSTRAINT comments_parent_fk
    FOREIGN KEY (parent_id) REFERENCES blog.comments (id) ON DELETE SET NULL;
ALTER TABLE blog.comments ADD CONSTRAINT comments_post_fk
    FOREIGN KEY (post_id) REFERENCES blog.posts (id) ON DELETE CASCADE;
ALTER TABLE shop.reservations ADD CONSTRAINT reservations_product_id_fkey
    FOREIGN KEY (product_id) REFERENCES shop.products (id) ON DELETE CASCADE;
ALTER TABLE shop.shipments ADD CONSTRAINT shipments_service_fk
    FOREIGN KEY (carrier, service) REFERENCES shop.carrier_services MATCH FULL ON UPDATE CASCADE;
ALTER TABLE shop.shipments ADD CONSTRAINT shipments_order_fk
    FOREIGN KEY (order_id) REFERENCES shop.orders (id) ON DELETE CASCADE;
ALTER TABLE shop.order_lines ADD CONSTRAINT order_lines_product_fk
    FOREIGN KEY (product_id) REFERENCES shop.products (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE shop.order_lines ADD CONSTRAINT order_lines_order_fk
    FOREIGN KEY (order_id) REFERENCES shop.orders (id) ON DELETE CASCADE;
ALTER TABLE shop.orders ADD CONSTRAINT orders_customer_fk
    FOREIGN KEY (customer_id) REFERENCES shop.customers (id) ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE RULE published_posts_delete AS ON DELETE TO blog.published_posts
DO INSTEAD UPDATE blog.posts SET state = 'archived' WHERE id = OLD.id;
COMMENT ON RULE published_posts_delete ON blog.published_posts IS 'Deleting a published post archives it.';
CREATE RULE cart_sessions_keep_live AS ON DELETE TO shop.cart_sessions
WHERE OLD.expires_at > now() DO INSTEAD NOTHING;

CREATE FUNCTION shop.note_ddl() RETURNS event_trigger
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM 1;
END
$$;
CREATE EVENT TRIGGER shop_drops ON sql_drop EXECUTE FUNCTION shop.note_ddl();
ALTER EVENT TRIGGER shop_drops DISABLE;
CREATE EVENT TRIGGER shop_ddl_end ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE')
EXECUTE FUNCTION shop.note_ddl();
COMMENT ON EVENT TRIGGER shop_ddl_end IS 'Notes table changes.';

-- statistics last, their comment and target first
CREATE STATISTICS blog.posts_author_state ON author, state, lower(slug) FROM blog.posts;
CREATE STATISTICS shop.orders_customer_status (ndistinct, dependencies) ON customer_id, status FROM shop.orders;
COMMENT ON STATISTICS shop.orders_customer_status IS 'Customers order in few states.';
ALTER STATISTICS shop.orders_customer_status SET STATISTICS 200;

ALTER TYPE blog.post_state OWNER TO mut_writer;
CREATE PUBLICATION shop_events FOR TABLE shop.events WITH (publish = 'insert', publish_via_partition_root = true);

-- default privileges, last: they change what the objects created after them are granted (none of the
-- database owner's everywhere: an extension a plan creates would take them, and pgcanon does not read an
-- extension's members; the golden case default_privileges has those)
ALTER DEFAULT PRIVILEGES IN SCHEMA blog GRANT SELECT ON TABLES TO mut_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE mut_writer REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

RESET check_function_bodies;
