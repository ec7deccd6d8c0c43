"""Rewrites of ``rich_schema.sql`` that PostgreSQL stores identically: the diff must report nothing.

Most are small text transformations (:func:`sub`, :func:`outside_bodies`); whole
alternative files live in ``equivalent/<name>.sql``.  Every claim here was checked
on PostgreSQL 18.6 against pg_dump, which the suite also asserts per case.  Spellings
that look alike but are stored differently are *not* here: ``CHECK (0 <= total)``
vs ``CHECK (total >= 0)``, ``DEFAULT CURRENT_TIMESTAMP`` vs ``now()``, ``DEFAULT 0::numeric``
vs ``DEFAULT 0`` on a numeric(12,2) column, reloption ``on`` vs ``true`` (they are mutations instead, or
nowhere).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

Rewrite = Callable[[str], str]

EQUIVALENT_DIR = Path(__file__).parent / "equivalent"


def sub(*pairs: tuple[str, str]) -> Rewrite:
    """Replace each ``old`` by ``new`` (every occurrence); an ``old`` that is not there fails the case."""

    def rewrite(text: str) -> str:
        for old, new in pairs:
            assert old in text, f"rewrite target not in rich_schema.sql: {old!r}"
            text = text.replace(old, new)
        return text

    return rewrite


def outside_bodies(fn: Callable[[str], str]) -> Rewrite:
    """Apply *fn* to the text outside ``$$ … $$`` function bodies (prosrc is kept byte for byte)."""

    def rewrite(text: str) -> str:
        parts = text.split("$$")
        return "$$".join(fn(p) if i % 2 == 0 else p for i, p in enumerate(parts))

    return rewrite


_KEYWORDS = re.compile(
    r"\b(CREATE|TABLE|VIEW|INDEX|NOT|NULL|DEFAULT|PRIMARY|KEY|REFERENCES|ON|DELETE|UPDATE|CASCADE|CONSTRAINT|"
    r"CHECK|UNIQUE|USING|WITH|GRANT|SELECT|FROM|WHERE|JOIN|COMMENT|IS|AS|ALTER|GENERATED|ALWAYS|IDENTITY|TYPE|ENUM)\b"
)


def _lower_keywords(text: str) -> str:
    return _KEYWORDS.sub(lambda m: m[0].lower(), text)


def _comments_last(text: str) -> str:
    lines = text.splitlines(keepends=True)
    comments = [line for line in lines if line.startswith("COMMENT ON ")]
    assert len(comments) >= 10
    return "".join(line for line in lines if not line.startswith("COMMENT ON ")) + "\n" + "".join(reversed(comments))


CUSTOMER_ORDERS_VIEW = """CREATE VIEW shop.customer_orders WITH (security_barrier = true) AS
SELECT c.id AS customer_id, c.name, o.id AS order_id, o.status, o.total
FROM shop.customers AS c
JOIN shop.orders AS o ON o.customer_id = c.id
WHERE o.status <> 'cancelled';"""

SLUGIFY = """CREATE FUNCTION shop.slugify(txt text, sep text DEFAULT '-') RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$"""

EQUIVALENTS: dict[str, Rewrite] = {
    "int_spellings": sub(
        ("weight_g integer,", "weight_g int4,"),
        ("quantity integer NOT NULL", "quantity int NOT NULL"),
        ("product_id integer,", "product_id INTEGER,"),
        ("line_no smallint", "line_no int2"),
        ("customer_id bigint NOT NULL,", "customer_id int8 NOT NULL,"),
    ),
    "varchar_spelled_out": sub(
        ("varchar(200)", "character varying(200)"), ("varchar(254)", "CHARACTER VARYING (254)")
    ),
    "other_type_spellings": sub(
        ("created_at timestamptz NOT NULL", "created_at timestamp with time zone NOT NULL"),
        ("numeric(12, 2)", "decimal(12,2)"),
        ("discontinued boolean", "discontinued bool"),
        ("tags text[] NOT NULL", "tags text ARRAY NOT NULL"),
        ("ratings smallint[]", "ratings int2[]"),
        ("country char(2)", "country character(2)"),
    ),
    "lower_case_keywords": outside_bodies(_lower_keywords),
    "quoted_identifiers": sub(
        ("CREATE TABLE shop.orders (", 'CREATE TABLE "shop"."orders" ('),
        ("    customer_id bigint NOT NULL,\n    status", '    "customer_id" bigint NOT NULL,\n    "status"'),
        ("CREATE INDEX orders_open_idx ON shop.orders", 'CREATE INDEX "orders_open_idx" ON "shop"."orders"'),
        ("COMMENT ON COLUMN shop.orders.note", 'COMMENT ON COLUMN "shop"."orders"."note"'),
    ),
    "constraints_added_later": sub(
        ("    CONSTRAINT orders_total_check CHECK (total >= 0),\n", ""),
        (
            ",\n    CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES shop.customers (id)\n"
            "        ON DELETE RESTRICT ON UPDATE CASCADE\n);",
            "\n);",
        ),
        ("    PRIMARY KEY (order_id, line_no),\n", ""),
        (
            "GRANT SELECT ON blog.published_posts TO PUBLIC;\n",
            "GRANT SELECT ON blog.published_posts TO PUBLIC;\n"
            "ALTER TABLE shop.orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id)\n"
            "    REFERENCES shop.customers (id) ON DELETE RESTRICT ON UPDATE CASCADE;\n"
            "ALTER TABLE shop.orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);\n"
            "ALTER TABLE shop.order_lines ADD PRIMARY KEY (order_id, line_no);\n",
        ),
    ),
    "serial_column": sub(
        ("CREATE SEQUENCE blog.comments_id_seq AS integer;\n", ""),
        ("id integer NOT NULL DEFAULT nextval('blog.comments_id_seq'),", "id serial,"),
        ("ALTER SEQUENCE blog.comments_id_seq OWNED BY blog.comments.id;\n", ""),
    ),
    "sequence_defaults_spelled_out": sub(
        (
            "CREATE SEQUENCE blog.comments_id_seq AS integer;",
            "CREATE SEQUENCE blog.comments_id_seq AS integer START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE "
            "CACHE 1 "
            "NO CYCLE;",
        ),
    ),
    "identity_defaults_spelled_out": sub(
        (
            "id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,",
            "id bigint GENERATED BY DEFAULT AS IDENTITY\n"
            "        (START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1 NO CYCLE) PRIMARY KEY,",
        ),
    ),
    "index_defaults_spelled_out": sub(
        (
            "ON shop.orders (customer_id, placed_at DESC NULLS LAST)",
            "ON shop.orders USING btree (customer_id ASC NULLS LAST, placed_at DESC NULLS LAST)",
        ),
        ("ON blog.comments (post_id, created_at)", "ON blog.comments USING BTREE (post_id ASC, created_at ASC)"),
    ),
    "default_spellings": sub(
        ("DEFAULT now()", "DEFAULT now ( )"),
        ("attrs jsonb NOT NULL DEFAULT '{}'::jsonb", "attrs jsonb NOT NULL DEFAULT '{}'"),
        ("DEFAULT false", "DEFAULT 'f'"),
        ("DEFAULT 'new'", "DEFAULT 'new'::shop.order_status"),
        ("quantity integer NOT NULL DEFAULT 1", "quantity integer NOT NULL DEFAULT (1)"),
    ),
    "check_spellings": sub(
        ("CHECK (total >= 0)", "CHECK ((total >= 0::numeric))"),
        ("CHECK (quantity > 0)", "CHECK(quantity>0)"),
    ),
    "comments_moved_to_end": _comments_last,
    "grants_split_and_combined": sub(
        ("GRANT USAGE ON SCHEMA shop TO mut_reader, mut_writer;",
         "GRANT USAGE ON SCHEMA shop TO mut_writer;\nGRANT USAGE ON SCHEMA shop TO mut_reader;"),
        ("GRANT SELECT, INSERT, UPDATE ON shop.orders TO mut_writer;",
         "GRANT UPDATE ON shop.orders TO mut_writer;\nGRANT INSERT, SELECT ON TABLE shop.orders TO mut_writer;"),
        ("GRANT SELECT (id, name), UPDATE (phone) ON shop.customers TO mut_writer;",
         "GRANT SELECT (name) ON shop.customers TO mut_writer;\nGRANT SELECT (id), UPDATE (phone) "
         "ON shop.customers TO mut_writer;"),
        ("GRANT EXECUTE ON FUNCTION blog.can_edit(text) TO mut_writer;",
         "GRANT ALL ON FUNCTION blog.can_edit(text) TO mut_writer;"),
        ("GRANT USAGE, CREATE ON SCHEMA blog TO mut_writer;", "GRANT ALL PRIVILEGES ON SCHEMA blog TO mut_writer;"),
    ),
    "policy_defaults_spelled_out": sub(
        ("CREATE POLICY posts_own ON blog.posts USING",
         "CREATE POLICY posts_own ON blog.posts AS PERMISSIVE FOR ALL TO PUBLIC USING"),
    ),
    "view_spelling": sub(
        (
            CUSTOMER_ORDERS_VIEW,
            "create view shop.customer_orders with (security_barrier=true) as select\n"
            "  c.id customer_id,\n  c.name,\n  o.id order_id, o.status, o.total\n"
            "from shop.customers c inner join shop.orders o on (o.customer_id = c.id)\n"
            "where (o.status <> 'cancelled'::shop.order_status);",
        ),
    ),
    "enum_values_added_later": sub(
        (
            "CREATE TYPE shop.order_status AS ENUM ('new', 'paid', 'shipped', 'cancelled');",
            "CREATE TYPE shop.order_status AS ENUM ('new', 'cancelled');\n"
            "ALTER TYPE shop.order_status ADD VALUE 'paid' BEFORE 'cancelled';\n"
            "ALTER TYPE shop.order_status ADD VALUE 'shipped' AFTER 'paid';",
        ),
    ),
    "function_clauses_reordered": sub(
        (SLUGIFY, "CREATE FUNCTION shop.slugify(txt text, sep text = '-') RETURNS text\n"
                  "PARALLEL SAFE RETURNS NULL ON NULL INPUT IMMUTABLE LANGUAGE SQL\nAS $fn$"),
        ("regexp_replace(lower(txt), '[^a-z0-9]+', sep, 'g'))\n$$;",
         "regexp_replace(lower(txt), '[^a-z0-9]+', sep, 'g'))\n$fn$;"),
    ),
    "fk_defaults_spelled_out": sub(
        ("REFERENCES shop.customers (id)\n        ON DELETE RESTRICT ON UPDATE CASCADE",
         "REFERENCES shop.customers MATCH SIMPLE\n        ON UPDATE CASCADE ON DELETE RESTRICT"),
        ("ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED",
         "ON DELETE SET NULL ON UPDATE NO ACTION INITIALLY DEFERRED"),
    ),
    "reloptions_spelling": sub(
        ("WITH (fillfactor = 80, autovacuum_enabled = true)", "WITH (FILLFACTOR=80, autovacuum_enabled=true)"),
    ),
    "statistics_spellings": sub(
        # stxkeys keeps columns in attnum order and stxkind kinds in its own; no kinds means all of them
        ("(ndistinct, dependencies) ON customer_id, status FROM",
         "(dependencies, ndistinct) ON status, customer_id FROM"),
        ("ON author, state, lower(slug) FROM", "(mcv, ndistinct, dependencies) ON state, author, (lower(slug)) FROM"),
    ),
    "rule_spellings": sub(
        ("DO INSTEAD UPDATE blog.posts SET state = 'archived' WHERE id = OLD.id;",
         "DO INSTEAD (UPDATE blog.posts SET state = 'archived'::blog.post_state WHERE posts.id = old.id);"),
        ("WHERE OLD.expires_at > now() DO INSTEAD NOTHING;", "WHERE (old.expires_at > now()) DO INSTEAD NOTHING;"),
    ),
    "collation_spellings": sub(
        # a libc collation copied FROM "C" has LC_COLLATE and LC_CTYPE C; option values may be strings
        ("CREATE COLLATION blog.bytewise (provider = libc, lc_collate = 'C', lc_ctype = 'C');",
         'CREATE COLLATION blog.bytewise FROM "C";'),
        ("(provider = icu, locale = 'und-u-ks-level2', deterministic = false)",
         "(PROVIDER = 'icu', LOCALE = 'und-u-ks-level2', DETERMINISTIC = 'false')"),
    ),
    "event_trigger_spellings": sub(
        # tags are upper-cased; EXECUTE PROCEDURE is the older spelling of EXECUTE FUNCTION
        ("WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE')\nEXECUTE FUNCTION",
         "WHEN tag IN ('create table', 'Alter Table')\nEXECUTE PROCEDURE"),
    ),
    "range_spellings": sub(
        # the subtype's default operator class, and the multirange name PostgreSQL would choose, spelled out
        ('CREATE TYPE blog.title_span AS RANGE (SUBTYPE = text, COLLATION = "C");',
         "CREATE TYPE blog.title_span AS RANGE (subtype = pg_catalog.text, subtype_opclass = text_ops, "
         'collation = pg_catalog."C", multirange_type_name = blog.title_span_multirange);'),
        ("AS RANGE (SUBTYPE = numeric, SUBTYPE_DIFF = shop.numeric_diff)",
         "AS RANGE (subtype_diff = shop.numeric_diff, subtype = decimal)"),
    ),
    "text_search_spellings": sub(
        # option names and words are lower-cased and every value stored as a string; COPY = english is
        # the default parser and english's mappings, spelled out here
        ("(TEMPLATE = snowball, language = english)", "(Template = pg_catalog.snowball, LANGUAGE = 'english')"),
        ("(TEMPLATE = simple, stopwords = english, accept = true)",
         "(template = simple, StopWords = English, Accept = 'true')"),
        ("CREATE TEXT SEARCH CONFIGURATION shop.product_words (COPY = english);\n"
         "ALTER TEXT SEARCH CONFIGURATION shop.product_words ALTER MAPPING FOR asciiword, word WITH "
         "shop.product_stems, simple;",
         "CREATE TEXT SEARCH CONFIGURATION shop.product_words (PARSER = pg_catalog.\"default\");\n"
         "ALTER TEXT SEARCH CONFIGURATION shop.product_words ADD MAPPING FOR word, asciiword WITH "
         "shop.product_stems, pg_catalog.simple;\n"
         "ALTER TEXT SEARCH CONFIGURATION shop.product_words ADD MAPPING FOR asciihword, hword_asciipart, hword, "
         "hword_part WITH english_stem;\n"
         "ALTER TEXT SEARCH CONFIGURATION shop.product_words ADD MAPPING FOR email, url, host, sfloat, version, "
         "hword_numpart, numword, numhword, url_path, file, float, int, uint WITH simple;"),
    ),
    "publication_spellings": sub(
        # the operations in another order and spacing, a boolean as on or off (the default spelled out), and a
        # table added after CREATE (ONLY: it has no children) rather than named in it
        ("CREATE PUBLICATION shop_orders FOR TABLE shop.orders, shop.order_lines, shop.shipments\n"
         "WITH (publish = 'insert, update, delete');",
         "CREATE PUBLICATION shop_orders FOR TABLE shop.order_lines WITH (publish = ' delete,update ,insert', "
         "publish_via_partition_root = off);\n"
         "ALTER PUBLICATION shop_orders ADD TABLE ONLY shop.orders, shop.shipments;"),
        ("WITH (publish = 'insert', publish_via_partition_root = true);",
         "WITH (publish_via_partition_root = on, publish = 'insert');"),
        ("CREATE PUBLICATION everything FOR ALL TABLES WITH (publish = 'insert, truncate');",
         "CREATE PUBLICATION everything FOR ALL TABLES WITH (publish = 'truncate,insert');"),
    ),
    "aggregate_spellings": sub(
        # the options in another order, the state type by another name, the initial condition a number
        ("CREATE AGGREGATE shop.money_sum(numeric) (SFUNC = shop.money_add, STYPE = numeric, INITCOND = '0', "
         "PARALLEL = SAFE);",
         "CREATE AGGREGATE shop.money_sum(decimal) (parallel = safe, initcond = 0, stype = decimal, "
         "sfunc = shop.money_add);"),
    ),
    "cast_operator_spellings": sub(
        # another spelling of the types, the function's argument named, the estimators qualified, the
        # default flags spelled out, the old PROCEDURE keyword
        ("CREATE CAST (shop.box AS bigint) WITH FUNCTION shop.box_volume(shop.box) AS ASSIGNMENT;",
         "CREATE CAST (shop.box AS pg_catalog.int8) WITH FUNCTION shop.box_volume(b shop.box) AS ASSIGNMENT;"),
        ("    FUNCTION = shop.box_same, LEFTARG = shop.box, RIGHTARG = shop.box,",
         "    PROCEDURE = shop.box_same, LEFTARG = shop.box, RIGHTARG = shop.box, HASHES = false, MERGES = false,"),
        ("RESTRICT = eqsel, JOIN = eqjoinsel", "RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel"),
    ),
    "foreign_options_altered": sub(
        # options given in CREATE, or added by ALTER … OPTIONS (ADD …) in the same order: stored alike
        ("CREATE SERVER warehouse FOREIGN DATA WRAPPER mut_files OPTIONS (host 'warehouse.example', port '5432');",
         "CREATE SERVER warehouse FOREIGN DATA WRAPPER mut_files;\n"
         "ALTER SERVER warehouse OPTIONS (ADD host 'warehouse.example', port '5432');"),
        ("OPTIONS (user 'reader', password 'rich-schema-secret');",
         "OPTIONS (user 'reader');\nALTER USER MAPPING FOR mut_reader SERVER warehouse "
         "OPTIONS (ADD password 'rich-schema-secret');"),
        ("    sku text OPTIONS (column_name 'item_sku') NOT NULL,\n    on_hand integer DEFAULT 0,\n"
         "    updated_at timestamptz\n) SERVER warehouse OPTIONS (table_name 'stock');",
         "    sku text NOT NULL,\n    on_hand integer\n) SERVER warehouse;\n"
         "ALTER FOREIGN TABLE shop.stock OPTIONS (ADD table_name 'stock'), ALTER COLUMN sku OPTIONS (column_name "
         "'item_sku'), ALTER COLUMN on_hand SET DEFAULT 0, ADD COLUMN updated_at timestamp with time zone;"),
    ),
    "owner_by_set_role": sub(
        # made by its owner (mut_writer may create in blog) rather than given to it afterwards
        ("CREATE TYPE blog.post_state AS ENUM ('draft', 'published', 'archived');",
         "SET ROLE mut_writer;\nCREATE TYPE blog.post_state AS ENUM ('draft', 'published', 'archived');\nRESET ROLE;"),
        ("ALTER TYPE blog.post_state OWNER TO mut_writer;\n", ""),
    ),
    "default_privileges_in_steps": sub(
        # granted more, then less: the entry is what is left
        ("ALTER DEFAULT PRIVILEGES IN SCHEMA blog GRANT SELECT ON TABLES TO mut_reader;",
         "ALTER DEFAULT PRIVILEGES IN SCHEMA blog GRANT SELECT, INSERT ON TABLES TO mut_reader, mut_writer;\n"
         "ALTER DEFAULT PRIVILEGES IN SCHEMA blog REVOKE INSERT ON TABLES FROM mut_reader, mut_writer;\n"
         "ALTER DEFAULT PRIVILEGES IN SCHEMA blog REVOKE SELECT ON TABLES FROM mut_writer;"),
    ),
    "search_path_unqualified": sub(
        ("CREATE TABLE shop.reservations (", "SET search_path = shop, public;\nCREATE TABLE reservations ("),
        ("REFERENCES shop.products (id) ON DELETE CASCADE,\n    during",
         "REFERENCES products (id) ON DELETE CASCADE,\n    during"),
        ("-- range partitioning\n", "RESET search_path;\n-- range partitioning\n"),
    ),
}


def equivalent_files() -> dict[str, Path]:
    """The whole-file equivalents, by name."""
    return {p.stem: p for p in sorted(EQUIVALENT_DIR.glob("*.sql"))}
