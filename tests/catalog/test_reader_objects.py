"""Constraints, indexes, views, functions, triggers and policies."""

from __future__ import annotations

import pytest

from pgcanon.plan import ddl


def test_constraints_by_name(snapshot_of):
    snap = snapshot_of(
        "CREATE TABLE p (id int PRIMARY KEY);"
        "CREATE TABLE c (id int, p_id int REFERENCES p ON DELETE CASCADE DEFERRABLE, n int);"
        "ALTER TABLE c ADD CONSTRAINT c_n_check CHECK (n > 0) NOT VALID;"
    )
    got = {(k.table, k.name): (k.constraint_type, k.definition) for k in snap.constraints}
    assert got == {
        ("c", "c_n_check"): ("check", "CHECK ((n > 0)) NOT VALID"),
        ("c", "c_p_id_fkey"): ("foreign key",
                               "FOREIGN KEY (p_id) REFERENCES public.p(id) ON DELETE CASCADE DEFERRABLE"),
        ("p", "p_pkey"): ("primary key", "PRIMARY KEY (id)"),
    }


@pytest.mark.pg(">= 15")
def test_unique_nulls_not_distinct(snapshot_of):
    snap = snapshot_of("CREATE TABLE t (n int, CONSTRAINT t_n_key UNIQUE NULLS NOT DISTINCT (n));")
    assert snap.constraints[0].definition == "UNIQUE NULLS NOT DISTINCT (n)"
    assert snap.indexes == ()  # the constraint's index is the constraint


def test_indexes_incl_matview(snapshot_of):
    snap = snapshot_of(
        "CREATE TABLE t (a int, b int); CREATE INDEX t_a ON t (a DESC) INCLUDE (b) WHERE a > 0;"
        "CREATE MATERIALIZED VIEW mv AS SELECT a FROM t; CREATE UNIQUE INDEX mv_a ON mv (a);"
    )
    assert [(i.table, i.name, i.definition) for i in snap.indexes] == [
        ("mv", "mv_a", "CREATE UNIQUE INDEX mv_a ON public.mv USING btree (a)"),
        ("t", "t_a", "CREATE INDEX t_a ON public.t USING btree (a DESC) INCLUDE (b) WHERE (a > 0)"),
    ]


def test_views(snapshot_of, pg_version):
    snap = snapshot_of(
        "CREATE TABLE t (a int); CREATE VIEW v WITH (security_barrier) AS SELECT a FROM t WITH CHECK OPTION;"
    )
    (v,) = snap.views
    # PostgreSQL 16 stopped qualifying the columns of a single-table view in pg_get_viewdef.
    column = "a" if pg_version >= 16 else "t.a"
    assert v.view_kind == "view" and v.definition == f" SELECT {column}\n   FROM public.t;"
    assert set(v.options) == {"security_barrier=true", "check_option=cascaded"}


def test_function_body_kept_byte_for_byte(snapshot_of):
    snap = snapshot_of(
        "CREATE FUNCTION f(x int, y text DEFAULT 'a') RETURNS int LANGUAGE sql STABLE STRICT"
        " SET search_path = public AS $fn$ SELECT  x $fn$;"
        "CREATE PROCEDURE p() LANGUAGE plpgsql AS $$BEGIN END$$;"
    )
    f, p = snap.functions
    assert (f.name, f.arguments, f.signature) == ("f", "integer, text", "x integer, y text DEFAULT 'a'::text")
    assert f.source == " SELECT  x " and f.volatility == "STABLE" and f.strict
    assert f.config == ("search_path=public",) and f.qualname == "public.f(integer, text)"
    assert p.routine_kind == "procedure" and p.result is None
    assert f.aggregate is None and p.aggregate is None


def test_aggregates_read_with_their_definition(snapshot_of):
    snap = snapshot_of(
        "CREATE SCHEMA s; CREATE FUNCTION s.add(a numeric, b numeric) RETURNS numeric LANGUAGE sql IMMUTABLE"
        " AS 'SELECT a + b'; CREATE FUNCTION s.half(numeric) RETURNS numeric LANGUAGE sql AS 'SELECT $1 / 2';"
        # built-in functions unqualified (visible on the pinned search_path), the others qualified
        "CREATE AGGREGATE s.total(numeric) (sfunc = s.add, stype = numeric, initcond = '0', finalfunc = s.half,"
        " combinefunc = s.add, parallel = safe);"
        "CREATE AGGREGATE s.biggest(numeric) (sfunc = numeric_larger, stype = numeric, sortop = >);"
        "CREATE AGGREGATE s.pct(float8 ORDER BY anyelement) (sfunc = ordered_set_transition, stype = internal,"
        " finalfunc = percentile_disc_final, finalfunc_extra);"
        "CREATE AGGREGATE s.rnk(VARIADIC \"any\" ORDER BY VARIADIC \"any\") (sfunc = ordered_set_transition_multi,"
        " stype = internal, finalfunc = rank_final, finalfunc_extra, hypothetical);"
    )
    got = {f.name: (f.routine_kind, f.signature, f.aggregate, f.parallel) for f in snap.functions
           if f.routine_kind == "aggregate"}
    assert got == {
        "biggest": ("aggregate", "numeric", "SFUNC = numeric_larger, STYPE = numeric, "
                    "SORTOP = OPERATOR(pg_catalog.>)", "UNSAFE"),
        "pct": ("aggregate", "double precision ORDER BY anyelement", "SFUNC = ordered_set_transition, "
                "STYPE = internal, FINALFUNC = percentile_disc_final, FINALFUNC_EXTRA, FINALFUNC_MODIFY = READ_WRITE",
                "UNSAFE"),
        "rnk": ("aggregate", 'VARIADIC "any" ORDER BY VARIADIC "any"', "SFUNC = ordered_set_transition_multi, "
                "STYPE = internal, FINALFUNC = rank_final, FINALFUNC_EXTRA, FINALFUNC_MODIFY = READ_WRITE, "
                "HYPOTHETICAL", "UNSAFE"),
        "total": ("aggregate", "numeric", "SFUNC = s.add, STYPE = numeric, FINALFUNC = s.half, "
                  "FINALFUNC_MODIFY = READ_ONLY, COMBINEFUNC = s.add, INITCOND = '0'", "SAFE"),
    }


def test_triggers_and_policies_read(snapshot_of, pg_server):
    from peer_cases import ensure_roles

    role = 'pgcanon "reader" role'
    ensure_roles(pg_server.conninfo(), [role])
    snap = snapshot_of(
        "CREATE TABLE t (a int);"
        "CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;"
        "CREATE TRIGGER t_ins BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION trg();"
        "ALTER TABLE t DISABLE TRIGGER t_ins;"
        'CREATE POLICY pol ON t AS RESTRICTIVE FOR UPDATE TO "pgcanon ""reader"" role"'
        " USING (a > 0) WITH CHECK (a < 10);"
        "COMMENT ON POLICY pol ON t IS 'p';"
    )
    (t,) = snap.triggers
    assert t.definition == "CREATE TRIGGER t_ins BEFORE INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION public.trg()"
    assert t.enabled == "DISABLE"
    (p,) = snap.policies
    assert (p.command, p.permissive, p.using, p.with_check, p.comment) == ("UPDATE", False, "(a > 0)", "(a < 10)", "p")
    assert p.roles == ('"pgcanon ""reader"" role"',)


def test_statistics_objects(snapshot_of):
    snap = snapshot_of(
        "CREATE SCHEMA st; CREATE TABLE t (a int, b int, c text);"
        "CREATE STATISTICS st.pair (mcv, ndistinct) ON b, a FROM t;"
        "CREATE STATISTICS one ON (lower(c)) FROM t; ALTER STATISTICS one SET STATISTICS 300;"
        "CREATE STATISTICS every ON a, lower(c) FROM t; COMMENT ON STATISTICS every IS 'all kinds';"
    )
    got = {s.qualname: (s.table_schema, s.table, s.kinds, s.columns, s.statistics, s.comment) for s in snap.statistics}
    assert got == {
        "public.every": ("public", "t", ("ndistinct", "dependencies", "mcv"), "a, lower(c)", None, "all kinds"),
        "public.one": ("public", "t", (), "lower(c)", 300, None),
        "st.pair": ("public", "t", ("ndistinct", "mcv"), "a, b", None, None),
    }


def test_rules_not_views_own(snapshot_of):
    snap = snapshot_of(
        "CREATE TABLE t (a int); CREATE VIEW v AS SELECT a FROM t;"
        "CREATE RULE t_keep AS ON DELETE TO t WHERE OLD.a > 0 DO INSTEAD NOTHING;"
        "ALTER TABLE t ENABLE REPLICA RULE t_keep; COMMENT ON RULE t_keep ON t IS 'kept';"
        "CREATE RULE v_ins AS ON INSERT TO v DO INSTEAD INSERT INTO t VALUES (NEW.a);"
    )
    # the view's own ON SELECT rule (_RETURN) is its definition, compared with the view
    assert [(r.qualname, r.enabled, r.comment) for r in snap.rules] == [
        ("public.t.t_keep", "ENABLE REPLICA", "kept"),
        ("public.v.v_ins", "ENABLE", None),
    ]
    assert snap.rules[0].definition == (
        "CREATE RULE t_keep AS\n    ON DELETE TO public.t\n   WHERE (old.a > 0) DO INSTEAD NOTHING;"
    )


def test_collations_by_provider(snapshot_of):
    snap = snapshot_of(
        "CREATE COLLATION caseless (provider = icu, locale = 'und-u-ks-level2', deterministic = false);"
        "CREATE COLLATION bytes (locale = 'C'); COMMENT ON COLLATION bytes IS 'memcmp';"
        "CREATE TABLE t (a text COLLATE caseless);"
    )
    got = {c.qualname: (c.provider, c.lc_collate, c.lc_ctype, c.locale, c.rules, c.deterministic, c.comment)
           for c in snap.collations}
    # only CREATE COLLATION's: the hundreds initdb imports into pg_catalog are not read
    assert got == {
        "public.bytes": ("libc", "C", "C", None, None, True, "memcmp"),
        "public.caseless": ("icu", None, None, "und-u-ks-level2", None, False, None),
    }
    assert snap.columns[0].collation == "public.caseless"


@pytest.mark.pg(">= 16")
def test_collation_icu_rules(snapshot_of):
    snap = snapshot_of("CREATE COLLATION tailored (provider = icu, locale = 'und', rules = '&a < g');")
    assert (snap.collations[0].locale, snap.collations[0].rules) == ("und", "&a < g")


def test_event_triggers(snapshot_of):
    snap = snapshot_of(
        "CREATE FUNCTION note() RETURNS event_trigger LANGUAGE plpgsql AS $$BEGIN END$$;"
        "CREATE EVENT TRIGGER et ON ddl_command_end WHEN TAG IN ('drop table', 'CREATE TABLE') EXECUTE FUNCTION note();"
        "CREATE EVENT TRIGGER every_drop ON sql_drop EXECUTE FUNCTION note(); ALTER EVENT TRIGGER every_drop DISABLE;"
        "COMMENT ON EVENT TRIGGER et IS 'tables';"
    )
    got = [(t.name, t.event, t.tags, t.tags_written, t.function, t.enabled, t.comment) for t in snap.event_triggers]
    assert got == [
        ("et", "ddl_command_end", ("CREATE TABLE", "DROP TABLE"), ("DROP TABLE", "CREATE TABLE"), "public.note",
         "ENABLE", "tables"),
        ("every_drop", "sql_drop", (), (), "public.note", "DISABLE", None),
    ]


def test_kinds_not_modelled_are_counted(snapshot_of):
    snap = snapshot_of(
        "CREATE EXTENSION IF NOT EXISTS btree_gist;"  # its operators and classes are the extension's
        "CREATE TYPE floatrange AS RANGE (subtype = float8);"  # its multirange and their casts come with it
        "CREATE FUNCTION to_range(int) RETURNS floatrange LANGUAGE sql AS 'SELECT floatrange($1, $1, ''[]'')';"
        "CREATE CAST (int AS floatrange) WITH FUNCTION to_range(int);"
        "CREATE TEXT SEARCH CONFIGURATION plain (COPY = simple);"
        "CREATE FOREIGN DATA WRAPPER nowhere; CREATE SERVER far FOREIGN DATA WRAPPER nowhere;"
        "CREATE USER MAPPING FOR CURRENT_USER SERVER far OPTIONS (password 'secret');"
        "CREATE FOREIGN TABLE remote (a int) SERVER far;"
        "CREATE PUBLICATION everything FOR ALL TABLES;"
        # a subscription names a publisher to connect to: declared only (connect = false), never compared
        "CREATE SUBSCRIPTION elsewhere CONNECTION 'dbname=nowhere' PUBLICATION everything WITH (connect = false);"
        "ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO PUBLIC;"
    )
    assert [(n.object_kind, n.count) for n in snap.not_compared] == [("subscription", 1)]
    assert [(d.qualname, d.privileges) for d in snap.default_privileges] == [  # compared, so no longer counted
        ("for (database owner) on tables", tuple(sorted(ddl.default_privileges("table", snap.server_version)
                                                        + ("PUBLIC:SELECT",))))]
    assert [r.name for r in snap.ranges] == ["floatrange"]  # compared, so no longer counted
    assert [c.name for c in snap.text_search_configurations] == ["plain"]  # the same
    assert [p.name for p in snap.publications] == ["everything"]  # the same
    assert [c.qualname for c in snap.casts] == ["(integer AS public.floatrange)"]  # the same
    assert (len(snap.foreign_data_wrappers), len(snap.foreign_servers), len(snap.user_mappings),
            len(snap.foreign_tables)) == (1, 1, 1, 1)  # the same
    # counted, never compared: snapshots that differ only there are equal, with equal digests
    fewer = snapshot_of("ALTER SUBSCRIPTION elsewhere DISABLE; ALTER SUBSCRIPTION elsewhere SET (slot_name = NONE);"
                        "DROP SUBSCRIPTION elsewhere;")
    assert "subscription" not in {n.object_kind for n in fewer.not_compared}
    assert fewer == snap and fewer.digest() == snap.digest()
