"""Constraints, indexes, views, functions, triggers and policies."""

from __future__ import annotations

import pytest


def test_constraints_by_name(snapshot_of):
    snap = snapshot_of(
        "CREATE TABLE p (id int PRIMARY KEY);"
        "CREATE TABLE c (id int, p_id int REFERENCES p ON DELETE CASCADE DEFERRABLE, n int);"
        "ALTER TABLE c ADD CONSTRAINT c_n_check CHECK (n > 0) NOT VALID;"
    )
    got = {(k.table, k.name): (k.constraint_type, k.definition) for k in snap.constraints}
    assert got == {
        ("c", "c_n_check"): ("check", "CHECK ((n > 0)) NOT VALID"),
        ("c", "c_p_id_fkey"): ("foreign key", "FOREIGN KEY (p_id) REFERENCES public.p(id) ON DELETE CASCADE DEFERRABLE"),
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


def test_triggers_and_policies_read(snapshot_of, pg_server):
    import psycopg
    from psycopg import sql

    role = 'pgcanon "reader" role'
    with psycopg.connect(pg_server.conninfo(), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role]).fetchone():
            conn.execute(sql.SQL("CREATE ROLE {}").format(sql.Identifier(role)))
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
