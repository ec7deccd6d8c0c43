"""--format github: workflow-command annotations at the DDL line, then the usual report for the log."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from fix_sources import run_cli

from pgcanon.render.github import annotation, place


def test_annotations_escape_what_github_reads_as_syntax() -> None:
    assert annotation("error", "50%\nnext", title="a: b, c", file="s.sql", line=3) == (
        "::error file=s.sql,line=3,title=a%3A b%2C c::50%25%0Anext")
    assert place("column x (schema/create_schema.sql:95): y") == ("schema/create_schema.sql", 95)
    assert place("no place here") == (None, None)


def test_diff_annotates_the_line_that_declares_the_missing_object(tmp_path: Path) -> None:
    old = tmp_path / "old.sql"
    new = tmp_path / "new.sql"
    old.write_text("CREATE TABLE public.t (a int);\n")
    new.write_text(textwrap.dedent("""\
        CREATE TABLE public.t (a int);

        CREATE TABLE public.u (b int);
    """))
    code, out, err = run_cli("diff", str(old), str(new), "--format", "github")
    assert (code, err) == (1, "")
    first, *rest = out.splitlines()
    assert re.fullmatch(rf"::error file={re.escape(str(new))},line=3,title=pgcanon%3A .*::.* lacks table public\.u .*",
                        first), first
    assert any(line.endswith("lacks table public.u (" + str(new) + ":3)") for line in rest)


def test_check_annotations_come_before_the_report() -> None:
    code, out, _ = run_cli("--format", "github", "check")
    assert code == 0
    assert not any(line.startswith("::") for line in out.splitlines())
    assert out.splitlines()[0] == "ok   schema = migrations@head"


def test_review_annotates_the_revision_file() -> None:
    code, out, _ = run_cli("review", "0003_video_metadata", "--format", "github")
    annotations = [line for line in out.splitlines() if line.startswith("::")]
    assert annotations, out
    assert all("file=migrations/versions/0003_video_metadata.py" in a for a in annotations)
    assert code == (1 if any(a.startswith("::error") for a in annotations) else 0)
