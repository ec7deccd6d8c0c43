"""Schemas, extensions, enums, domains, composite types and sequences."""

from __future__ import annotations

from pgcanon.catalog import CompositeType, Domain, Enum, Sequence


def test_enum_labels_in_sort_order_after_add_value_before(snapshot_of):
    snap = snapshot_of(
        "CREATE TYPE mood AS ENUM ('sad', 'happy');"
        "ALTER TYPE mood ADD VALUE 'ok' BEFORE 'happy';"
        "ALTER TYPE mood ADD VALUE 'meh' AFTER 'sad';"
    )
    assert snap.enums == (Enum(schema="public", name="mood", labels=("sad", "meh", "ok", "happy"), comment=None),)


def test_domain(snapshot_of):
    snap = snapshot_of(
        "CREATE DOMAIN pos AS int DEFAULT 1 NOT NULL CONSTRAINT pos_check CHECK (VALUE > 0)"
        " CONSTRAINT pos_small CHECK (VALUE < 100);"
    )
    assert snap.domains == (
        Domain(schema="public", name="pos", base_type="integer", collation=None, default="1", not_null=True,
               checks=("pos_check: CHECK ((VALUE > 0))", "pos_small: CHECK ((VALUE < 100))"), comment=None),
    )


def test_composite_type(snapshot_of):
    snap = snapshot_of('CREATE TYPE pair AS (x int, y text COLLATE "C", z int); ALTER TYPE pair DROP ATTRIBUTE z;')
    assert snap.composite_types == (
        CompositeType(schema="public", name="pair", attributes=("x integer", 'y text COLLATE "C"'), comment=None),
    )


def test_sequences_serial_owned_by(snapshot_of):
    snap = snapshot_of("CREATE TABLE t (id serial); CREATE SEQUENCE s AS smallint INCREMENT 2 CYCLE;")
    assert [s.name for s in snap.sequences] == ["s", "t_id_seq"]
    s, t = snap.sequences
    assert s == Sequence(schema="public", name="s", data_type="smallint", start=1, increment=2, min_value=1,
                         max_value=32767, cache=1, cycle=True, owned_by=None, comment=None, privileges=s.privileges)
    assert t.owned_by == "public.t.id" and t.data_type == "integer"


def test_extension_objects_are_excluded(snapshot_of):
    snap = snapshot_of("CREATE EXTENSION pg_trgm WITH VERSION '1.5'; CREATE SCHEMA app;")
    assert [(e.name, e.schema, e.version) for e in snap.extensions] == [("pg_trgm", "public", "1.5")]
    # pg_trgm brings functions, types and operators: none of them is the schema's own
    assert snap.functions == () and snap.composite_types == ()
    assert [s.name for s in snap.schemas] == ["app", "public"]


def test_schema_privileges_relative_to_owner(snapshot_of):
    snap = snapshot_of("CREATE SCHEMA app; GRANT USAGE ON SCHEMA app TO PUBLIC;")
    app = snap.schemas[0]
    assert app.privileges == ("(owner):CREATE", "(owner):USAGE", "PUBLIC:USAGE")


def test_range_types(snapshot_of):
    snap = snapshot_of(
        "CREATE SCHEMA other; CREATE FUNCTION f8diff(a float8, b float8) RETURNS float8 LANGUAGE sql IMMUTABLE "
        "AS 'SELECT a - b';"
        "CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = f8diff);"
        "COMMENT ON TYPE floatrange IS 'floats'; REVOKE USAGE ON TYPE floatrange FROM PUBLIC;"
        # the default operator class and the subtype's own collation are not read, as pg_dump prints them
        "CREATE TYPE plain AS RANGE (subtype = text, subtype_opclass = text_ops, collation = \"default\");"
        "CREATE TYPE patterns AS RANGE (subtype = text, subtype_opclass = text_pattern_ops, collation = \"C\","
        " multirange_type_name = other.pattern_sets);"
        # a canonical function takes the range type itself: a shell type first (a C or internal function)
        "CREATE TYPE ints; CREATE FUNCTION ints_canonical(ints) RETURNS ints LANGUAGE internal IMMUTABLE STRICT"
        " AS 'int4range_canonical'; CREATE TYPE ints AS RANGE (subtype = int4, canonical = ints_canonical);"
    )
    got = [(r.name, r.subtype, r.subtype_opclass, r.collation, r.canonical, r.subtype_diff, r.multirange, r.comment,
            r.privileges) for r in snap.ranges]
    assert got == [
        ("floatrange", "double precision", None, None, None, "public.f8diff", "public.floatmultirange", "floats",
         ("(owner):USAGE",)),
        ("ints", "integer", None, None, "public.ints_canonical", None, "public.ints_multirange", None,
         ("(owner):USAGE", "PUBLIC:USAGE")),
        ("patterns", "text", "text_pattern_ops", '"C"', None, None, "other.pattern_sets", None,
         ("(owner):USAGE", "PUBLIC:USAGE")),
        ("plain", "text", None, None, None, None, "public.plain_multirange", None, ("(owner):USAGE", "PUBLIC:USAGE")),
    ]
    assert snap.not_compared == ()  # the multiranges, the arrays and the casts between them are the ranges'


def test_casts(snapshot_of):
    snap = snapshot_of(
        "CREATE SCHEMA other; CREATE TYPE other.mood AS ENUM ('sad', 'glad');"
        "CREATE FUNCTION other.mood_int(other.mood, integer, boolean) RETURNS int LANGUAGE sql IMMUTABLE"
        " AS 'SELECT 1';"
        "CREATE CAST (other.mood AS int) WITH FUNCTION other.mood_int(other.mood, integer, boolean) AS ASSIGNMENT;"
        "CREATE CAST (other.mood AS text) WITH INOUT AS IMPLICIT; COMMENT ON CAST (other.mood AS text) IS 'label';"
        "CREATE CAST (xid AS int) WITHOUT FUNCTION;"
        # the casts a range type makes between itself and its multirange are the range type's
        "CREATE TYPE span AS RANGE (subtype = int8);"
    )
    got = [(c.qualname, c.method, c.context, c.comment) for c in snap.casts]
    assert got == [
        ("(other.mood AS integer)", "WITH FUNCTION other.mood_int(other.mood,integer,boolean)", "assignment", None),
        ("(other.mood AS text)", "WITH INOUT", "implicit", "label"),
        ("(xid AS integer)", "WITHOUT FUNCTION", "explicit", None),
    ]


def test_operators(snapshot_of):
    snap = snapshot_of(
        "CREATE SCHEMA other; CREATE FUNCTION other.eq(int, int) RETURNS boolean LANGUAGE sql IMMUTABLE"
        " AS 'SELECT $1 = $2'; CREATE FUNCTION neg(int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT -$1';"
        "CREATE OPERATOR other.=== (FUNCTION = other.eq, LEFTARG = int, RIGHTARG = int,"
        " COMMUTATOR = OPERATOR(other.===), NEGATOR = OPERATOR(other.!==), RESTRICT = eqsel, JOIN = eqjoinsel,"
        " HASHES, MERGES);"
        "COMMENT ON OPERATOR other.=== (int, int) IS 'equal';"
        "CREATE OPERATOR ~~~ (FUNCTION = neg, RIGHTARG = int);"
    )
    got = [(o.qualname, o.function, o.commutator, o.negator, o.restrict, o.join, o.hashes, o.merges, o.comment)
           for o in snap.operators]
    # other.!== is a shell (named as a negator, never defined): left out, as pg_dump leaves it out
    assert got == [
        ("other.===(integer, integer)", "other.eq", "other.===", "other.!==", "eqsel", "eqjoinsel", True, True,
         "equal"),
        ("public.~~~(NONE, integer)", "public.neg", None, None, None, None, False, False, None),
    ]
    assert snap.not_compared == ()


def test_operator_families_and_classes(snapshot_of):
    snap = snapshot_of(
        "CREATE SCHEMA other; CREATE FUNCTION other.rev(int, int) RETURNS int LANGUAGE sql IMMUTABLE"
        " AS 'SELECT btint4cmp($2, $1)';"
        "CREATE OPERATOR FAMILY other.fam USING btree;"
        "CREATE OPERATOR CLASS rev_ops FOR TYPE int USING btree FAMILY other.fam AS OPERATOR 1 >, OPERATOR 2 >=,"
        " OPERATOR 3 =, OPERATOR 4 <=, OPERATOR 5 <, FUNCTION 1 other.rev(int, int);"
        "COMMENT ON OPERATOR CLASS rev_ops USING btree IS 'reversed';"
        # loose members (ALTER OPERATOR FAMILY … ADD) are the family's; a class's own are the class's
        "ALTER OPERATOR FAMILY other.fam USING btree ADD OPERATOR 3 = (int, bigint),"
        " FUNCTION 1 btint48cmp(int, bigint);"
        "CREATE TYPE mood AS ENUM ('sad', 'glad');"
        "CREATE OPERATOR CLASS mood_ops DEFAULT FOR TYPE mood USING hash AS OPERATOR 1 = (anyenum, anyenum),"
        " FUNCTION 1 hashenum(anyenum);"
    )
    families = [(f.qualname, f.operators, f.functions) for f in snap.operator_families]
    assert families == [
        ("other.fam USING btree", ("OPERATOR 3 =(integer,bigint)",),
         ("FUNCTION 1 (integer, bigint) btint48cmp(integer,bigint)",)),
        # made by CREATE OPERATOR CLASS, of the class's name; members over other types than the class's
        # (anyenum) are the family's, loose, as hash's amadjustmembers makes them
        ("public.mood_ops USING hash", ("OPERATOR 1 =(anyenum,anyenum)",),
         ("FUNCTION 1 (anyenum, anyenum) hashenum(anyenum)",)),
    ]
    classes = [(c.qualname, c.data_type, c.default_class, c.family, c.storage, c.functions, c.comment)
               for c in snap.operator_classes]
    assert classes == [
        ("public.mood_ops USING hash", "public.mood", True, "public.mood_ops", None, (), None),
        ("public.rev_ops USING btree", "integer", False, "other.fam", None,
         ("FUNCTION 1 (integer, integer) other.rev(integer,integer)",), "reversed"),
    ]
    assert snap.operator_classes[1].operators[0] == "OPERATOR 1 >(integer,integer)"
    assert snap.not_compared == ()
