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
