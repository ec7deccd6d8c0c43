-- A generic shop + blog schema that uses every object kind pgcanon reads.
-- The mutation suite builds it once into a template database and applies one change per case.
-- Needs the roles mut_reader and mut_writer (created by the suite) and PostgreSQL 15+
-- (UNIQUE NULLS NOT DISTINCT on shop.products).
-- Keep keywords upper-case and function bodies free of the words the equivalence cases rewrite.

CREATE SCHEMA shop;
CREATE SCHEMA blog;
COMMENT ON SCHEMA shop IS 'Products, customers, orders.';
COMMENT ON SCHEMA blog IS 'Posts and their comments.';
GRANT USAGE ON SCHEMA shop TO mut_reader, mut_writer;
GRANT USAGE, CREATE ON SCHEMA blog TO mut_writer;

-- pg_trgm at a version that is not the default (1.6), so that an update is a mutation.
CREATE EXTENSION pg_trgm WITH SCHEMA public VERSION '1.5';
CREATE EXTENSION btree_gist WITH SCHEMA public;

-- collations --------------------------------------------------------------------------------

CREATE COLLATION shop.caseless (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
COMMENT ON COLLATION shop.caseless IS 'Compares letters without case.';
CREATE COLLATION blog.bytewise (provider = libc, lc_collate = 'C', lc_ctype = 'C');

-- types -------------------------------------------------------------------------------------

CREATE TYPE shop.order_status AS ENUM ('new', 'paid', 'shipped', 'cancelled');
COMMENT ON TYPE shop.order_status IS 'Lifecycle of an order.';
CREATE TYPE blog.post_state AS ENUM ('draft', 'published', 'archived');

CREATE DOMAIN shop.price AS numeric(12, 2) DEFAULT 0 CONSTRAINT price_nonnegative CHECK (VALUE >= 0);
COMMENT ON DOMAIN shop.price IS 'An amount of money, two decimals.';
CREATE DOMAIN shop.sku AS text COLLATE "C" CONSTRAINT sku_format CHECK (VALUE ~ '^[A-Z0-9-]+$');

CREATE TYPE shop.address AS (street text, city varchar(80), zip varchar(10) COLLATE "C", country char(2));
COMMENT ON TYPE shop.address IS 'A postal address.';
-- a composite type no table uses (ALTER ATTRIBUTE TYPE refuses types that columns use)
CREATE TYPE shop.dimensions AS (length_mm integer, width_mm integer, height_mm integer, note text COLLATE shop.caseless);

-- range types: shop.price_band is used by shop.products, blog.title_span by nothing ---------------

CREATE FUNCTION shop.numeric_diff(a numeric, b numeric) RETURNS double precision
LANGUAGE sql IMMUTABLE
AS $$SELECT (a - b)::float8$$;
CREATE TYPE shop.price_band AS RANGE (SUBTYPE = numeric, SUBTYPE_DIFF = shop.numeric_diff);
COMMENT ON TYPE shop.price_band IS 'Prices from, to.';
CREATE TYPE blog.title_span AS RANGE (SUBTYPE = text, COLLATION = "C");

-- text search: shop.product_words (mapping to shop.product_stems) is used by an index of shop.products;
-- blog.plain_words and blog.titles by nothing. The parser and template are not compared (they name C
-- functions): they are here so that a configuration's parser and a dictionary's template can change.

CREATE TEXT SEARCH PARSER shop.word_parser (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end,
    LEXTYPES = prsd_lextype, HEADLINE = prsd_headline);
CREATE TEXT SEARCH TEMPLATE shop.plain_template (INIT = dsimple_init, LEXIZE = dsimple_lexize);
CREATE TEXT SEARCH DICTIONARY shop.product_stems (TEMPLATE = snowball, language = english);
COMMENT ON TEXT SEARCH DICTIONARY shop.product_stems IS 'English stems.';
CREATE TEXT SEARCH DICTIONARY blog.plain_words (TEMPLATE = simple, stopwords = english, accept = true);
CREATE TEXT SEARCH CONFIGURATION shop.product_words (COPY = english);
ALTER TEXT SEARCH CONFIGURATION shop.product_words ALTER MAPPING FOR asciiword, word WITH shop.product_stems, simple;
COMMENT ON TEXT SEARCH CONFIGURATION shop.product_words IS 'Product titles.';
CREATE TEXT SEARCH CONFIGURATION blog.titles (PARSER = default);
ALTER TEXT SEARCH CONFIGURATION blog.titles ADD MAPPING FOR asciiword, word WITH simple;

-- sequences -----------------------------------------------------------------------------------

CREATE SEQUENCE shop.invoice_no AS bigint
    INCREMENT BY 10 MINVALUE 1000 MAXVALUE 99999999 START WITH 1000 CACHE 5 NO CYCLE;
COMMENT ON SEQUENCE shop.invoice_no IS 'Invoice numbers, in steps of ten.';
GRANT USAGE ON SEQUENCE shop.invoice_no TO mut_writer;
GRANT SELECT ON SEQUENCE shop.invoice_no TO mut_reader;

-- what "serial" would create, written out (the equivalence suite writes it as serial)
CREATE SEQUENCE blog.comments_id_seq AS integer;

-- tables --------------------------------------------------------------------------------------

CREATE TABLE shop.customers (
    id bigint GENERATED ALWAYS AS IDENTITY (START WITH 100 INCREMENT BY 1 CACHE 1) PRIMARY KEY,
    email varchar(254) NOT NULL,
    name text COLLATE "C" NOT NULL,
    phone varchar(20),
    tags text[] NOT NULL DEFAULT '{}',
    address shop.address,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT customers_email_key UNIQUE (email),
    CONSTRAINT customers_email_check CHECK (position('@' IN email) > 1)
);
COMMENT ON TABLE shop.customers IS 'People who buy.';
COMMENT ON COLUMN shop.customers.email IS 'Login and contact address.';
COMMENT ON CONSTRAINT customers_email_check ON shop.customers IS 'A cheap sanity check, not validation.';

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
    price_band shop.price_band,
    CONSTRAINT products_sku_key UNIQUE (sku),
    CONSTRAINT products_barcode_key UNIQUE NULLS NOT DISTINCT (barcode)
) WITH (fillfactor = 80, autovacuum_enabled = true);
-- NOT VALID only sticks when added to an existing table (CREATE TABLE validates the empty table)
ALTER TABLE shop.products ADD CONSTRAINT products_weight_check CHECK (weight_g > 0) NOT VALID;
COMMENT ON COLUMN shop.products.search_title IS 'Lower-cased title, for search.';

CREATE TABLE shop.orders (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL,
    status shop.order_status NOT NULL DEFAULT 'new',
    total numeric(12, 2) NOT NULL DEFAULT 0,
    note varchar(200),
    invoice_no bigint DEFAULT nextval('shop.invoice_no'),
    ship_to shop.address,
    placed_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz,
    CONSTRAINT orders_total_check CHECK (total >= 0),
    CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES shop.customers (id)
        ON DELETE RESTRICT ON UPDATE CASCADE
);
COMMENT ON TABLE shop.orders IS 'One purchase.';
COMMENT ON COLUMN shop.orders.note IS 'Free text from the customer.';

CREATE TABLE shop.order_lines (
    order_id bigint NOT NULL,
    line_no smallint NOT NULL,
    product_id integer,
    quantity integer NOT NULL DEFAULT 1,
    unit_price numeric(12, 2) NOT NULL,
    PRIMARY KEY (order_id, line_no),
    CONSTRAINT order_lines_quantity_check CHECK (quantity > 0),
    CONSTRAINT order_lines_order_fk FOREIGN KEY (order_id) REFERENCES shop.orders (id) ON DELETE CASCADE,
    CONSTRAINT order_lines_product_fk FOREIGN KEY (product_id) REFERENCES shop.products (id)
        ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE shop.carrier_services (
    carrier text NOT NULL,
    service text NOT NULL,
    CONSTRAINT carrier_services_pkey PRIMARY KEY (carrier, service)
);

CREATE TABLE shop.shipments (
    order_id bigint NOT NULL,
    carrier text,
    service text,
    tracking varchar(64),
    weight_kg numeric(8, 3),
    CONSTRAINT shipments_pkey PRIMARY KEY (order_id),
    CONSTRAINT shipments_order_fk FOREIGN KEY (order_id) REFERENCES shop.orders (id) ON DELETE CASCADE,
    CONSTRAINT shipments_service_fk FOREIGN KEY (carrier, service) REFERENCES shop.carrier_services
        MATCH FULL ON UPDATE CASCADE
);

CREATE UNLOGGED TABLE shop.cart_sessions (
    token text PRIMARY KEY,
    customer_id bigint,
    data jsonb,
    expires_at timestamptz NOT NULL
);

CREATE TABLE shop.reservations (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id integer NOT NULL REFERENCES shop.products (id) ON DELETE CASCADE,
    during tstzrange NOT NULL,
    CONSTRAINT reservations_no_overlap EXCLUDE USING gist (product_id WITH =, during WITH &&)
);

-- range partitioning
CREATE TABLE shop.events (
    kind text NOT NULL,
    occurred_at timestamptz NOT NULL,
    payload jsonb
) PARTITION BY RANGE (occurred_at);
CREATE TABLE shop.events_2024 PARTITION OF shop.events
    FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00');
CREATE TABLE shop.events_2025 PARTITION OF shop.events
    FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2026-01-01 00:00:00+00');
CREATE INDEX events_kind_idx ON shop.events (kind, occurred_at);

CREATE TABLE blog.posts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
ALTER TABLE blog.posts ENABLE ROW LEVEL SECURITY;
ALTER TABLE blog.posts FORCE ROW LEVEL SECURITY;
COMMENT ON TABLE blog.posts IS 'Articles, row-level secured.';

CREATE TABLE blog.comments (
    id integer NOT NULL DEFAULT nextval('blog.comments_id_seq'),
    post_id bigint NOT NULL,
    parent_id integer,
    body text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT comments_pkey PRIMARY KEY (id),
    CONSTRAINT comments_post_fk FOREIGN KEY (post_id) REFERENCES blog.posts (id) ON DELETE CASCADE,
    CONSTRAINT comments_parent_fk FOREIGN KEY (parent_id) REFERENCES blog.comments (id) ON DELETE SET NULL
);
ALTER SEQUENCE blog.comments_id_seq OWNED BY blog.comments.id;

-- list partitioning, with a default partition
CREATE TABLE blog.reactions (
    post_id bigint NOT NULL,
    emoji text NOT NULL,
    reacted_at timestamptz NOT NULL DEFAULT now()
) PARTITION BY LIST (emoji);
CREATE TABLE blog.reactions_common PARTITION OF blog.reactions FOR VALUES IN ('like', 'love');
CREATE TABLE blog.reactions_other PARTITION OF blog.reactions DEFAULT;

-- policies ------------------------------------------------------------------------------------

CREATE POLICY posts_read ON blog.posts FOR SELECT TO mut_reader USING (state = 'published');
-- no TO clause: PUBLIC (the equivalence suite spells it out)
CREATE POLICY posts_own ON blog.posts USING (author = CURRENT_USER) WITH CHECK (author = CURRENT_USER);
COMMENT ON POLICY posts_own ON blog.posts IS 'Authors manage their own posts.';

-- indexes -------------------------------------------------------------------------------------

CREATE UNIQUE INDEX posts_slug_key ON blog.posts (lower(slug));
CREATE INDEX orders_open_idx ON shop.orders (placed_at) WHERE status IN ('new', 'paid');
CREATE INDEX customers_lower_email_idx ON shop.customers (lower(email));
CREATE INDEX orders_customer_placed_idx ON shop.orders (customer_id, placed_at DESC NULLS LAST);
CREATE INDEX order_lines_product_idx ON shop.order_lines (product_id) INCLUDE (quantity, unit_price);
CREATE INDEX products_attrs_idx ON shop.products USING gin (attrs jsonb_path_ops);
CREATE INDEX products_title_trgm_idx ON shop.products USING gin (title public.gin_trgm_ops);
CREATE INDEX products_title_fts_idx ON shop.products USING gin (to_tsvector('shop.product_words'::regconfig, title));
CREATE INDEX reservations_during_idx ON shop.reservations USING gist (during) WITH (fillfactor = 70);
CREATE INDEX comments_post_idx ON blog.comments (post_id, created_at);
COMMENT ON INDEX shop.orders_open_idx IS 'Orders still being worked on.';

-- extended statistics -------------------------------------------------------------------------

CREATE STATISTICS shop.orders_customer_status (ndistinct, dependencies) ON customer_id, status FROM shop.orders;
ALTER STATISTICS shop.orders_customer_status SET STATISTICS 200;
COMMENT ON STATISTICS shop.orders_customer_status IS 'Customers order in few states.';
CREATE STATISTICS blog.posts_author_state ON author, state, lower(slug) FROM blog.posts;

-- views ---------------------------------------------------------------------------------------

CREATE VIEW shop.customer_orders WITH (security_barrier = true) AS
SELECT c.id AS customer_id, c.name, o.id AS order_id, o.status, o.total
FROM shop.customers AS c
JOIN shop.orders AS o ON o.customer_id = c.id
WHERE o.status <> 'cancelled';
COMMENT ON VIEW shop.customer_orders IS 'Live orders per customer.';

CREATE VIEW blog.published_posts AS
SELECT id, author, state, slug, title, published_at
FROM blog.posts
WHERE state = 'published'
WITH CASCADED CHECK OPTION;

CREATE MATERIALIZED VIEW shop.product_sales AS
SELECT product_id, sum(quantity) AS units, sum(quantity * unit_price) AS revenue
FROM shop.order_lines
GROUP BY product_id;
CREATE UNIQUE INDEX product_sales_product_idx ON shop.product_sales (product_id);
COMMENT ON MATERIALIZED VIEW shop.product_sales IS 'Refreshed nightly.';

-- rules ---------------------------------------------------------------------------------------

CREATE RULE cart_sessions_keep_live AS ON DELETE TO shop.cart_sessions
WHERE OLD.expires_at > now() DO INSTEAD NOTHING;
CREATE RULE published_posts_delete AS ON DELETE TO blog.published_posts
DO INSTEAD UPDATE blog.posts SET state = 'archived' WHERE id = OLD.id;
COMMENT ON RULE published_posts_delete ON blog.published_posts IS 'Deleting a published post archives it.';

-- functions, procedures, triggers -------------------------------------------------------------

CREATE FUNCTION shop.order_total(p_order bigint) RETURNS numeric
LANGUAGE sql STABLE STRICT
AS $$
    SELECT coalesce(sum(quantity * unit_price), 0) FROM shop.order_lines WHERE order_id = p_order
$$;
COMMENT ON FUNCTION shop.order_total(bigint) IS 'Sum of the lines of one order.';

CREATE FUNCTION shop.slugify(txt text, sep text DEFAULT '-') RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT trim(BOTH sep FROM regexp_replace(lower(txt), '[^a-z0-9]+', sep, 'g'))
$$;

CREATE FUNCTION shop.touch_updated() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

CREATE FUNCTION shop.log_order_insert() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO shop.events (kind, occurred_at) VALUES ('orders_inserted', now());
    RETURN NULL;
END
$$;

CREATE FUNCTION blog.can_edit(p_author text) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, blog
AS $$
BEGIN
    RETURN p_author = current_user;
END
$$;
REVOKE EXECUTE ON FUNCTION blog.can_edit(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION blog.can_edit(text) TO mut_writer;

CREATE PROCEDURE shop.close_stale_orders(p_days integer DEFAULT 30)
LANGUAGE plpgsql
AS $$
BEGIN
    UPDATE shop.orders SET status = 'cancelled'
    WHERE status = 'new' AND placed_at < now() - make_interval(days => p_days);
END
$$;
COMMENT ON PROCEDURE shop.close_stale_orders(integer) IS 'Cancel orders nobody paid for.';

CREATE TRIGGER orders_touch BEFORE UPDATE ON shop.orders
FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION shop.touch_updated();
COMMENT ON TRIGGER orders_touch ON shop.orders IS 'Keeps updated_at current.';

CREATE TRIGGER orders_log AFTER INSERT ON shop.orders
FOR EACH STATEMENT EXECUTE FUNCTION shop.log_order_insert();

CREATE TRIGGER posts_touch BEFORE UPDATE ON blog.posts
FOR EACH ROW EXECUTE FUNCTION shop.touch_updated();
ALTER TABLE blog.posts DISABLE TRIGGER posts_touch;

-- an aggregate over a function of its own: created after it, dropped before it
CREATE FUNCTION shop.money_add(total numeric, amount numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$SELECT total + amount$$;
CREATE AGGREGATE shop.money_sum(numeric) (SFUNC = shop.money_add, STYPE = numeric, INITCOND = '0', PARALLEL = SAFE);
COMMENT ON AGGREGATE shop.money_sum(numeric) IS 'Amounts summed from 0.';

-- casts and operators: over shop.box, a type of their own ------------------------------------

CREATE TYPE shop.box AS (length_mm integer, width_mm integer, height_mm integer);
CREATE FUNCTION shop.box_volume(shop.box) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT
AS $$SELECT $1.length_mm::bigint * $1.width_mm * $1.height_mm$$;
CREATE CAST (shop.box AS bigint) WITH FUNCTION shop.box_volume(shop.box) AS ASSIGNMENT;
COMMENT ON CAST (shop.box AS bigint) IS 'Volume in cubic millimetres.';
CREATE CAST (shop.box AS text) WITH INOUT;
CREATE FUNCTION shop.box_fits(a shop.box, b shop.box) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT
AS $$SELECT a.length_mm <= b.length_mm AND a.width_mm <= b.width_mm AND a.height_mm <= b.height_mm$$;
CREATE FUNCTION shop.box_holds(a shop.box, b shop.box) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT
AS $$SELECT b.length_mm <= a.length_mm AND b.width_mm <= a.width_mm AND b.height_mm <= a.height_mm$$;
CREATE FUNCTION shop.box_same(a shop.box, b shop.box) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT
AS $$SELECT a = b$$;
CREATE FUNCTION shop.box_differ(a shop.box, b shop.box) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT
AS $$SELECT a <> b$$;
CREATE OPERATOR shop.<@@ (
    FUNCTION = shop.box_fits, LEFTARG = shop.box, RIGHTARG = shop.box,
    COMMUTATOR = OPERATOR(shop.@@>), RESTRICT = contsel, JOIN = contjoinsel
);
CREATE OPERATOR shop.@@> (
    FUNCTION = shop.box_holds, LEFTARG = shop.box, RIGHTARG = shop.box,
    COMMUTATOR = OPERATOR(shop.<@@), RESTRICT = contsel, JOIN = contjoinsel
);
COMMENT ON OPERATOR shop.<@@ (shop.box, shop.box) IS 'Fits inside.';
CREATE OPERATOR shop.=== (
    FUNCTION = shop.box_same, LEFTARG = shop.box, RIGHTARG = shop.box,
    COMMUTATOR = OPERATOR(shop.===), NEGATOR = OPERATOR(shop.!==), RESTRICT = eqsel, JOIN = eqjoinsel
);
CREATE OPERATOR shop.!== (
    FUNCTION = shop.box_differ, LEFTARG = shop.box, RIGHTARG = shop.box,
    COMMUTATOR = OPERATOR(shop.!==), NEGATOR = OPERATOR(shop.===), RESTRICT = neqsel, JOIN = neqjoinsel
);

-- an operator class (and the family of its name PostgreSQL makes with it): bigint, largest first
CREATE FUNCTION shop.rev_cmp(bigint, bigint) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT
AS $$SELECT btint8cmp($2, $1)$$;
CREATE OPERATOR CLASS shop.int8_rev_ops FOR TYPE bigint USING btree AS
OPERATOR 1 >, OPERATOR 2 >=, OPERATOR 3 =, OPERATOR 4 <=, OPERATOR 5 <, FUNCTION 1 shop.rev_cmp(bigint, bigint);
COMMENT ON OPERATOR CLASS shop.int8_rev_ops USING btree IS 'Largest first.';

-- event triggers ------------------------------------------------------------------------------
-- no-ops: they fire on every mutation and plan the suites run on this schema

CREATE FUNCTION shop.note_ddl() RETURNS event_trigger
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM 1;
END
$$;

CREATE EVENT TRIGGER shop_ddl_end ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE')
EXECUTE FUNCTION shop.note_ddl();
COMMENT ON EVENT TRIGGER shop_ddl_end IS 'Notes table changes.';
CREATE EVENT TRIGGER shop_drops ON sql_drop EXECUTE FUNCTION shop.note_ddl();
ALTER EVENT TRIGGER shop_drops DISABLE;

-- publications (a subscription is not compared: it needs a publisher to connect to) -----------
-- only what PostgreSQL 14 has: column lists, row filters and TABLES IN SCHEMA are mutations (15+).
-- No UPDATE or DELETE published of a table without a replica identity (shop.events has no key):
-- PostgreSQL would refuse those statements on it.

CREATE PUBLICATION shop_orders FOR TABLE shop.orders, shop.order_lines, shop.shipments
WITH (publish = 'insert, update, delete');
COMMENT ON PUBLICATION shop_orders IS 'Orders, for the warehouse.';
CREATE PUBLICATION shop_events FOR TABLE shop.events WITH (publish = 'insert', publish_via_partition_root = true);
CREATE PUBLICATION everything FOR ALL TABLES WITH (publish = 'insert, truncate');

-- foreign data: a wrapper with no handler (plain SQL, no extension), its server, user mappings
-- (one holding a password: compared, never printed) and a foreign table ------------------------

CREATE FOREIGN DATA WRAPPER mut_files;
CREATE SERVER warehouse FOREIGN DATA WRAPPER mut_files OPTIONS (host 'warehouse.example', port '5432');
COMMENT ON SERVER warehouse IS 'The stock database.';
CREATE USER MAPPING FOR mut_reader SERVER warehouse OPTIONS (user 'reader', password 'rich-schema-secret');
CREATE USER MAPPING FOR PUBLIC SERVER warehouse OPTIONS (user 'guest');
CREATE FOREIGN TABLE shop.stock (
    sku text OPTIONS (column_name 'item_sku') NOT NULL,
    on_hand integer DEFAULT 0,
    updated_at timestamptz
) SERVER warehouse OPTIONS (table_name 'stock');
COMMENT ON FOREIGN TABLE shop.stock IS 'Stock levels, in the warehouse.';

-- privileges ----------------------------------------------------------------------------------

GRANT SELECT ON shop.customers, shop.orders, shop.order_lines, shop.products TO mut_reader;
GRANT SELECT, INSERT, UPDATE ON shop.orders TO mut_writer;
GRANT SELECT (id, name), UPDATE (phone) ON shop.customers TO mut_writer;
GRANT SELECT ON shop.customer_orders TO mut_reader;
GRANT SELECT ON shop.product_sales TO mut_reader;
GRANT EXECUTE ON FUNCTION shop.order_total(bigint) TO mut_reader;
GRANT SELECT, INSERT, UPDATE, DELETE ON blog.posts TO mut_writer;
GRANT SELECT ON blog.posts TO mut_reader WITH GRANT OPTION;
GRANT SELECT ON blog.published_posts TO PUBLIC;
GRANT USAGE ON TYPE shop.price_band TO mut_reader;
GRANT SELECT ON shop.stock TO mut_reader;


-- an owner other than the database's (the owner mutations move it, and others)
ALTER TYPE blog.post_state OWNER TO mut_writer;

-- default privileges, last: they change what the objects created after them are granted (none of the
-- database owner's everywhere: an extension a plan creates would take them, and pgcanon does not read an
-- extension's members; the golden case default_privileges has those)
ALTER DEFAULT PRIVILEGES IN SCHEMA blog GRANT SELECT ON TABLES TO mut_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE mut_writer REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
