-- fills: the reader's choice of queries (pgcanon.catalog.reader), not a model class.
-- Which kinds the database may hold, read first: a kind whose column is false cannot have a single
-- row, and its query (whose planning costs more than running it, on a small database) is not sent.
-- Each test over-approximates its kind's query and never under-approximates it: every object a
-- user makes has an oid of FirstNormalObjectId (16384) or more, initdb's own are below, and an
-- extension's members pass too (the kind's query leaves them out). Each EXISTS is a range scan
-- of the catalog's oid index. A kind not named here is always read.
-- Names are qualified: the census runs before the reader pins search_path.
-- relations counts the database's own relations, to choose how many connections read it.
SELECT
    (SELECT count(*) FROM pg_catalog.pg_class WHERE oid >= 16384)::int AS relations,
    EXISTS (SELECT FROM pg_catalog.pg_extension WHERE oid >= 16384) AS extensions,
    EXISTS (SELECT FROM pg_catalog.pg_foreign_data_wrapper WHERE oid >= 16384) AS foreign_data_wrappers,
    EXISTS (SELECT FROM pg_catalog.pg_foreign_server WHERE oid >= 16384) AS foreign_servers,
    EXISTS (SELECT FROM pg_catalog.pg_user_mappings WHERE umid >= 16384) AS user_mappings,
    EXISTS (SELECT FROM pg_catalog.pg_collation WHERE oid >= 16384) AS collations,
    EXISTS (SELECT FROM pg_catalog.pg_ts_dict WHERE oid >= 16384) AS text_search_dictionaries,
    EXISTS (SELECT FROM pg_catalog.pg_ts_config WHERE oid >= 16384) AS text_search_configurations,
    EXISTS (SELECT FROM pg_catalog.pg_type WHERE oid >= 16384 AND typtype = 'e') AS enums,
    EXISTS (SELECT FROM pg_catalog.pg_type WHERE oid >= 16384 AND typtype = 'd') AS domains,
    EXISTS (SELECT FROM pg_catalog.pg_class WHERE oid >= 16384 AND relkind = 'c') AS composite_types,
    EXISTS (SELECT FROM pg_catalog.pg_range WHERE rngtypid >= 16384) AS ranges,
    EXISTS (SELECT FROM pg_catalog.pg_class WHERE oid >= 16384 AND relkind = 'S') AS sequences,
    EXISTS (SELECT FROM pg_catalog.pg_class WHERE oid >= 16384 AND relkind IN ('r', 'p')) AS tables,
    EXISTS (SELECT FROM pg_catalog.pg_class WHERE oid >= 16384 AND relkind IN ('r', 'p')) AS columns,
    EXISTS (SELECT FROM pg_catalog.pg_class WHERE oid >= 16384 AND relkind = 'f') AS foreign_tables,
    EXISTS (SELECT FROM pg_catalog.pg_class WHERE oid >= 16384 AND relkind = 'f') AS foreign_columns,
    EXISTS (SELECT FROM pg_catalog.pg_constraint WHERE oid >= 16384 AND conrelid <> 0) AS constraints,
    EXISTS (SELECT FROM pg_catalog.pg_index WHERE indexrelid >= 16384) AS indexes,
    EXISTS (SELECT FROM pg_catalog.pg_class WHERE oid >= 16384 AND relkind IN ('v', 'm')) AS views,
    EXISTS (SELECT FROM pg_catalog.pg_class WHERE oid >= 16384 AND relkind IN ('v', 'm')) AS view_columns,
    EXISTS (SELECT FROM pg_catalog.pg_proc WHERE oid >= 16384) AS functions,
    EXISTS (SELECT FROM pg_catalog.pg_trigger WHERE oid >= 16384 AND NOT tgisinternal) AS triggers,
    EXISTS (SELECT FROM pg_catalog.pg_policy WHERE oid >= 16384) AS policies,
    EXISTS (SELECT FROM pg_catalog.pg_statistic_ext WHERE oid >= 16384) AS statistics,
    EXISTS (SELECT FROM pg_catalog.pg_rewrite WHERE oid >= 16384 AND rulename <> '_RETURN') AS rules,
    EXISTS (SELECT FROM pg_catalog.pg_event_trigger WHERE oid >= 16384) AS event_triggers,
    EXISTS (SELECT FROM pg_catalog.pg_publication WHERE oid >= 16384) AS publications,
    EXISTS (SELECT FROM pg_catalog.pg_cast WHERE oid >= 16384) AS casts,
    EXISTS (SELECT FROM pg_catalog.pg_operator WHERE oid >= 16384) AS operators,
    EXISTS (SELECT FROM pg_catalog.pg_opfamily WHERE oid >= 16384) AS operator_families,
    EXISTS (SELECT FROM pg_catalog.pg_opclass WHERE oid >= 16384) AS operator_classes,
    EXISTS (SELECT FROM pg_catalog.pg_default_acl) AS default_privileges,
    EXISTS (SELECT FROM pg_catalog.pg_ts_template WHERE oid >= 16384) AS text_search_templates,
    EXISTS (SELECT FROM pg_catalog.pg_ts_parser WHERE oid >= 16384) AS text_search_parsers,
    -- the catalogs not_compared.sql counts objects of
    EXISTS (SELECT FROM pg_catalog.pg_conversion WHERE oid >= 16384)
    -- not the array type PostgreSQL makes for every type (each table's row type has one): its element
    -- names it as typarray. Looked up by the element's oid (an index probe per type): pg_type has no
    -- index on typarray, and a search by it was a nested loop over every type per type (2 s at 5,000 tables).
    OR EXISTS (
        SELECT FROM pg_catalog.pg_type AS t WHERE t.oid >= 16384 AND t.typtype = 'b'
            AND NOT EXISTS (SELECT FROM pg_catalog.pg_type AS el WHERE el.oid = t.typelem AND el.typarray = t.oid)
    )
    -- a subscription is the cluster's (a shared catalog) but belongs to one database
    OR EXISTS (
        SELECT FROM pg_catalog.pg_subscription
        WHERE subdbid = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())
    )
    OR EXISTS (SELECT FROM pg_catalog.pg_language WHERE oid >= 16384)
    OR EXISTS (SELECT FROM pg_catalog.pg_transform WHERE oid >= 16384)
    OR EXISTS (SELECT FROM pg_catalog.pg_am WHERE oid >= 16384)
    OR EXISTS (SELECT FROM pg_catalog.pg_seclabel WHERE objoid >= 16384) AS not_compared
