"""The seed's bugs, reintroduced in a copy of the models on purpose: each fails `pgcanon check`
with a line naming the model attribute and the DDL object; the untouched models pass."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fix_sources import ROOT, url_of

if TYPE_CHECKING:
    from pgcanon.server import Server

VIDEO = "src/videodb/models/video.py"
BASE = "src/videodb/models/base.py"
DDL = "schema/create_schema.sql"
REPR = "    def __repr__(self) -> str:\n        return f\"<Video"


def ddl_line(text: str) -> int:
    """The line of the canonical DDL that holds *text* (so expectations follow edits of the DDL)."""
    for number, line in enumerate((ROOT / DDL).read_text().splitlines(), 1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {DDL}")


@pytest.fixture
def orm_project(project_copy: Path) -> Path:
    shutil.copytree(ROOT / "src" / "videodb", project_copy / "src" / "videodb",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return project_copy


def check(project: Path, server: Server) -> subprocess.CompletedProcess[str]:
    # A subprocess: the edited models must be imported fresh, shadowing the installed videodb.
    env = {**os.environ, "PYTHONPATH": str(project / "src"), "DATABASE_URL": url_of(server.conninfo()),
           "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "pgcanon", "check"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=300)


def edit(project: Path, path: str, old: str, new: str, count: int = 1) -> None:
    file = project / path
    text = file.read_text()
    assert text.count(old) >= count, f"{path} no longer contains {old!r}: update this test"
    file.write_text(text.replace(old, new, count))


CASES = [
    pytest.param(
        VIDEO, REPR,
        "    filename: Mapped[str | None] = mapped_column(String(512))\n"
        "    title: Mapped[str | None] = mapped_column(String(512))\n"
        "    description: Mapped[str | None] = mapped_column(Text)\n\n" + REPR,
        [r"column videos\.filename: declared by videodb\.models\.video\.Video\.filename, "
         r"no such column in schema/create_schema\.sql",
         r"alembic: column videos\.title: declared by videodb\.models\.video\.Video\.title, no such column"],
        id="seed-metadata-columns-on-video",
    ),
    pytest.param(
        VIDEO, "            values_callable=lambda e: [m.value for m in e],\n", "",
        [r"enum video_state: videodb\.models\.video\.Video\.state stores member names \(UPLOADING, PROCESSING, "
         r"READY, FAILED\), the database has their values \(uploading, processing, ready, failed\): "
         r"map it with values_callable"],
        id="enum-stores-member-names",
    ),
    pytest.param(
        VIDEO, "    created_at: Mapped[dt.datetime] = created_at_column()\n    updated_at",
        "    created_at: Mapped[dt.datetime] = mapped_column(\n"
        "        DateTime(timezone=True), nullable=False, server_default=\"CURRENT_TIMESTAMP\"\n    )\n"
        "    updated_at",
        [r"column video_metadata\.created_at: server_default='CURRENT_TIMESTAMP' in "
         r"videodb\.models\.video\.VideoMetadata\.created_at is a string literal .*"
         r"write server_default=text\('CURRENT_TIMESTAMP'\)"],
        id="server-default-as-string",
    ),
    pytest.param(
        VIDEO, "    title: Mapped[str | None] = mapped_column(String(255))",
        "    title: Mapped[str | None] = mapped_column(String(512))",
        [r"column video_metadata\.title: type character varying\(255\) \(schema/create_schema\.sql:{title}\) "
         r"vs character varying\(512\) \(videodb\.models\.video\.VideoMetadata\.title\)",
         r"alembic: column video_metadata\.title: type VARCHAR\(255\) in schema/create_schema\.sql:{title} "
         r"vs VARCHAR\(512\) in videodb\.models\.video\.VideoMetadata\.title"],
        id="varchar-length",
    ),
    pytest.param(
        VIDEO, "    mime_type: Mapped[str | None] = mapped_column(String(127))",
        "    mime_type: Mapped[str] = mapped_column(String(127), nullable=False)",
        [r"column videos\.mime_type: NOT NULL no \(schema/create_schema\.sql:{mime}\) vs yes "
         r"\(videodb\.models\.video\.Video\.mime_type\)"],
        id="nullable",
    ),
    pytest.param(
        VIDEO, '        ForeignKey("videos.video_id", ondelete="CASCADE"),\n        primary_key=True,',
        '        ForeignKey("videos.video_id"),\n        primary_key=True,',
        [r"constraint video_metadata\.video_metadata_video_id_fkey: .*ON DELETE CASCADE.*"
         r"\(schema/create_schema\.sql:{fk}\) vs .*\(videodb\.models\.video\.VideoMetadata\.video_id\)"],
        id="fk-on-delete-cascade",
    ),
    pytest.param(
        VIDEO, '        Index("videos_user_id_created_at_idx", "user_id", "created_at"),\n', "",
        [r"index videos\.videos_user_id_created_at_idx \(schema/create_schema\.sql:{idx}\): "
         r"not declared by videodb\.models\.video\.Video",
         r"alembic: index videos\.videos_user_id_created_at_idx \(schema/create_schema\.sql:{idx}\): not declared"],
        id="missing-index",
    ),
    pytest.param(
        DDL, "-- Views\n",
        "-- Views\n\nCREATE TABLE audit_log (entry_id BIGINT PRIMARY KEY, body TEXT);\n\n",
        [r"table audit_log \(schema/create_schema\.sql:\d+\): no model maps it",
         r"alembic: table audit_log \(schema/create_schema\.sql:\d+\): no model maps it"],
        id="table-without-model",
    ),
]


@pytest.mark.parametrize(("path", "old", "new", "expected"), CASES)
def test_model_bug_fails_check_naming_attribute_and_ddl(
    orm_project: Path, pg_server: Server, path: str, old: str, new: str, expected: list[str]
) -> None:
    edit(orm_project, path, old, new)
    result = check(orm_project, pg_server)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "FAIL schema = orm" in result.stdout
    lines = {"title": ddl_line("    title VARCHAR(255),"), "mime": ddl_line("    mime_type VARCHAR(127),"),
             "fk": ddl_line("CONSTRAINT video_metadata_video_id_fkey"),
             "idx": ddl_line("CREATE INDEX videos_user_id_created_at_idx")}
    for pattern in expected:
        assert re.search(pattern.format(**lines), result.stdout), f"{pattern}\n--- output:\n{result.stdout}"


def test_enum_label_order_is_seen_where_autogenerate_is_blind(orm_project: Path, pg_server: Server) -> None:
    # Alembic's autogenerate does not compare enum labels; the catalog diff of schema = orm must.
    edit(orm_project, VIDEO, '    READY = "ready"\n    FAILED = "failed"', '    FAILED = "failed"\n    READY = "ready"')
    result = check(orm_project, pg_server)
    assert result.returncode == 1
    assert "FAIL schema = orm: 1 difference" in result.stdout
    assert "ok   schema = alembic autogenerate" in result.stdout
    assert re.search(r"enum video_state: labels "
                     r"\(schema/create_schema\.sql:\d+: uploading, processing, ready, failed\) "
                     r"vs \(videodb\.models\.video\.Video\.state \(enum video_state\): uploading, processing, failed, "
                     r"ready\)", result.stdout), result.stdout


def test_untouched_models_pass(orm_project: Path, pg_server: Server) -> None:
    result = check(orm_project, pg_server)
    assert result.returncode == 0, result.stdout + result.stderr
    assert [line for line in result.stdout.splitlines() if not line.startswith("  ")][:3] == [
        "ok   schema = migrations@head", "ok   schema = orm", "ok   schema = alembic autogenerate"]


def test_attribute_named_metadata_is_a_clear_error(orm_project: Path, pg_server: Server) -> None:
    edit(orm_project, VIDEO, "    video_metadata: Mapped[", "    metadata: Mapped[")
    result = check(orm_project, pg_server)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert re.search(r"(models/video\.py:\d+: Video has|videodb\.models\.video\.Video\.metadata:) an attribute "
                     r"named 'metadata', which SQLAlchemy reserves", result.stderr), result.stderr
    assert "rename it" in result.stderr
