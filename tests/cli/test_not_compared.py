"""Nothing is skipped silently: objects of kinds pgcanon does not model are counted by kind and said
(a note in the text report, ``not_compared`` in JSON), and ``--strict-kinds`` makes them an error."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from fix_sources import run_cli

# Two table access methods and a conversion: two kinds the snapshot does not model.
UNMODELLED = """
    CREATE TABLE t (a int);
    CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler;
    CREATE ACCESS METHOD heap3 TYPE TABLE HANDLER heap_tableam_handler;
    CREATE CONVERSION latin_to_utf8 FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
"""


@pytest.fixture
def sql(tmp_path: Path):
    def write(name: str, text: str) -> str:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text))
        return str(path)

    return write


def test_the_text_report_notes_what_is_not_compared(sql) -> None:
    a = sql("a.sql", UNMODELLED)
    code, out, err = run_cli("diff", a, a)
    assert (code, err) == (0, "")
    assert out.splitlines() == [f"{a} and {a} are identical", "  not compared: 2 access methods, 1 conversion"]


def test_sides_that_hold_other_numbers_say_both(sql) -> None:
    a = sql("a.sql", UNMODELLED)
    b = sql("b.sql", UNMODELLED.replace("CREATE ACCESS METHOD heap3", "-- CREATE ACCESS METHOD heap3"))
    code, out, _ = run_cli("diff", a, b)
    # the access methods differ, and the diff cannot see it: the note is where a reader learns it
    assert code == 0
    assert f"  not compared: access methods ({a}: 2, {b}: 1), 1 conversion" in out.splitlines()


def test_the_json_report_lists_them(sql) -> None:
    a = sql("a.sql", UNMODELLED)
    code, out, _ = run_cli("diff", a, a, "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert report["not_compared"] == [{"kind": "access method", "old": 2, "new": 2},
                                      {"kind": "conversion", "old": 1, "new": 1}]
    assert report["equal"] is True


def test_strict_kinds_makes_them_an_error(sql) -> None:
    a = sql("a.sql", UNMODELLED)
    code, out, err = run_cli("diff", a, a, "--strict-kinds")
    assert code == 2 and out == ""
    assert err.startswith("pgcanon: error: not compared: 2 access methods, 1 conversion: pgcanon cannot say")
    assert "drop --strict-kinds" in err


def test_nothing_unmodelled_no_note_and_strict_passes(sql) -> None:
    # an extension's own operators and operator classes are the extension's: not counted one by one
    a = sql("a.sql", "CREATE EXTENSION IF NOT EXISTS btree_gist; CREATE TABLE t (a int);")
    assert run_cli("diff", a, a, "--strict-kinds") == (0, f"{a} and {a} are identical\n", "")
    code, out, _ = run_cli("diff", a, a, "--format", "json")
    assert "not_compared" not in json.loads(out)


# -- every command that compares or plans says it, not only diff's report ------------------------------

CONVERSION = "CREATE CONVERSION latin_to_utf8 FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;\n"


def test_the_plan_says_what_it_leaves_out(sql) -> None:
    a = sql("a.sql", CONVERSION)
    b = sql("b.sql", CONVERSION + "CREATE TABLE t (a int);")
    code, out, err = run_cli("diff", a, b, "--format", "sql")
    assert (code, err) == (1, "")
    assert out.splitlines()[1] == "-- not compared: 1 conversion: not in this plan"
    assert "CREATE TABLE public.t" in out
    code, out, _ = run_cli("diff", a, a, "--format", "sql")
    assert (code, out.splitlines()[1:]) == (0, ["-- not compared: 1 conversion: not in this plan"])
    code, out, _ = run_cli("diff", a, b, "--format", "sql-json")
    assert json.loads(out)["not_compared"] == [{"kind": "conversion", "old": 1, "new": 1}]
    code, out, err = run_cli("diff", a, b, "--format", "sql", "--strict-kinds")
    assert (code, out) == (2, "") and "not compared: 1 conversion" in err


def test_a_plan_without_them_has_no_note(sql) -> None:
    a = sql("a.sql", "CREATE TABLE t (a int);")
    code, out, _ = run_cli("diff", a, a, "--format", "sql")
    assert out == f"-- {a} and {a} are identical: nothing to do\n"
    code, out, _ = run_cli("diff", a, a, "--format", "sql-json")
    assert "not_compared" not in json.loads(out)


def test_a_comparison_with_the_models_says_it(project_copy: Path, pg_url: str,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGCANON_DATABASE_URL", pg_url)  # the test server, not an embedded one of the copy's
    with (project_copy / "schema" / "create_schema.sql").open("a") as f:
        f.write("\n" + CONVERSION)
    code, out, err = run_cli("diff", "schema", "orm", cwd=project_copy)
    assert (code, err) == (0, ""), out
    assert "  not compared: conversions (schema: 1, orm: 0)" in out.splitlines(), out


def test_a_revision_says_it(project_copy: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGCANON_DATABASE_URL", pg_url)
    with (project_copy / "schema" / "create_schema.sql").open("a") as f:
        f.write("\n" + CONVERSION)
    versions = sorted((project_copy / "migrations" / "versions").glob("*.py"))
    code, out, err = run_cli("revision", "-m", "a conversion", cwd=project_copy)
    assert (code, err) == (0, ""), out
    # the conversion is all that changed, and no plan can hold it: nothing is written, and that is said
    assert out.splitlines() == ["schema and migrations@head are identical: no revision written",
                                "  not compared: conversions (migrations@head: 0, schema: 1)"]
    assert sorted((project_copy / "migrations" / "versions").glob("*.py")) == versions


# A publication is compared; a subscription is only counted: it names a publisher to connect to, which a
# scratch build never does (connect = false declares it only). Both statements warn (wal_level is not
# logical; the subscription is not connected): warnings, which neither stop the build nor reach stderr.
PUBLISHED = """
    CREATE TABLE t (a int PRIMARY KEY);
    CREATE PUBLICATION pub FOR TABLE t WITH (publish = 'insert');
    CREATE SUBSCRIPTION sub CONNECTION 'dbname=nowhere' PUBLICATION pub WITH (connect = false);
"""


def test_publications_are_compared_subscriptions_only_counted(sql) -> None:
    a = sql("a.sql", PUBLISHED)
    code, out, err = run_cli("diff", a, a)
    assert (code, err) == (0, "")
    assert out.splitlines() == [f"{a} and {a} are identical", "  not compared: 1 subscription"]
    b = sql("b.sql", PUBLISHED.replace("publish = 'insert'", "publish = 'insert, update'"))
    code, out, err = run_cli("diff", a, b)
    assert (code, err) == (1, "")
    assert f"publication pub: publish insert ({a}) vs insert, update ({b})" in out.splitlines()
