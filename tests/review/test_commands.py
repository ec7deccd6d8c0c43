"""``pgcanon sql`` and ``pgcanon review`` as the CLI calls them: output, exit codes, configuration."""

from __future__ import annotations

import dataclasses
import io
import json
from typing import TYPE_CHECKING

import pytest
from fix_sources import url_of
from review_project import make_project

from pgcanon import migrations
from pgcanon.errors import EXIT_DIFF, EXIT_OK, EXIT_USAGE, ConfigError, MigrationError
from pgcanon.review import commands
from pgcanon.review.offline import steps

if TYPE_CHECKING:
    from pathlib import Path

    from pgcanon.config import Settings

SETUP = ["CREATE TABLE t (id bigint PRIMARY KEY, a int)"]
FIRES = ["CREATE INDEX t_a_idx ON t (a)"]  # require-concurrent-index-creation on an existing table


def _run(func, settings: Settings, **kwargs: object) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    code = func(settings, out, **kwargs)
    return code, out.getvalue()


def test_sql_prints_one_readable_block_per_revision(settings: Settings) -> None:
    code, text = _run(commands.sql, settings, target="0004_people:head")
    assert code == EXIT_OK
    assert text.startswith("-- 0005_search: search: generated tsvector")
    assert "\n-- 0006_scene_thumbnail_key: add scenes.thumbnail_key (from 0005_search)\n" in text
    assert "CREATE INDEX scenes_transcript_tsv_idx\n  ON scenes USING gin (transcript_tsv);" in text  # pglast layout


def test_sql_json(settings: Settings) -> None:
    code, text = _run(commands.sql, settings, target="0006_scene_thumbnail_key", fmt="json")
    [block] = json.loads(text)
    assert code == EXIT_OK
    assert block["revision"] == "0006_scene_thumbnail_key" and block["down_revision"] == "0005_search"
    assert "ADD COLUMN thumbnail_key VARCHAR(512)" in block["raw"]


def test_sql_without_database_url_is_the_head_revision(settings: Settings) -> None:
    _, text = _run(commands.sql, settings)
    assert text.startswith("-- 0006_scene_thumbnail_key:") and "-- 0005" not in text


def test_pending_revisions_of_database_url(settings: Settings, empty_db: str) -> None:
    migrations.upgrade(settings, empty_db, "0004_people")
    pending = steps(dataclasses.replace(settings, database_url=url_of(empty_db)), None)
    assert [s.revision for s in pending] == ["0005_search", "0006_scene_thumbnail_key"]
    migrations.upgrade(settings, empty_db, "head")
    assert steps(dataclasses.replace(settings, database_url=url_of(empty_db)), None) == []


@pytest.mark.parametrize("func", [commands.sql, commands.review])
def test_unknown_revision_is_named(func, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    kw = "target" if func is commands.sql else "revision"
    with pytest.raises(MigrationError) as err:
        _run(func, settings, **{kw: "0042_nope"})
    assert err.value.revision == "0042_nope" and "0042_nope" in str(err.value)
    assert err.value.exit_code == EXIT_USAGE


def test_a_range_whose_lower_end_is_above_the_upper_is_named(settings: Settings) -> None:
    # The one walk over a revision range (pgcanon.migrations.revision_range) refuses it, for sql and review alike.
    with pytest.raises(MigrationError, match="bad revision range '0006_scene_thumbnail_key:0004_people'") as err:
        steps(settings, "0006_scene_thumbnail_key:0004_people")
    assert err.value.revision == "0006_scene_thumbnail_key:0004_people"
    assert [s.revision for s in steps(settings, "0004_people:head")] == ["0005_search", "0006_scene_thumbnail_key"]


def test_this_repositorys_history_reviews_clean(settings: Settings) -> None:
    code, text = _run(commands.review, settings, revision="base:head")
    assert code == EXIT_OK, text
    assert text.rstrip().endswith("0 errors, 0 warnings, 5 accepted")


def test_review_json_and_exit_1_on_an_error(tmp_path: Path, pg_url: str) -> None:
    settings = make_project(tmp_path, [SETUP, FIRES], database_url=pg_url)
    code, text = _run(commands.review, settings, revision="r2", fmt="json")
    doc = json.loads(text)
    assert code == EXIT_DIFF and doc["blocking"] == 1
    [finding] = doc["findings"]
    assert finding["rule"] == "require-concurrent-index-creation" and finding["target"] == "public.t"
    assert finding["level"] == "error" and finding["hazards"] == ["BLOCKS_WRITES"]
    [stmt] = doc["revisions"][0]["statements"]
    assert stmt["locks"] == [
        {"relation": "public.t", "kind": "table", "mode": "ShareLock", "new": False},
        {"relation": "public.t_a_idx", "kind": "index", "mode": "AccessExclusiveLock", "new": True},
    ]


def test_accepted_in_the_migration(tmp_path: Path, pg_url: str) -> None:
    reason = "t is empty in every environment: created by r1 in the same release"
    settings = make_project(tmp_path, [SETUP, FIRES], accept={2: {"require-concurrent-index-creation": reason}},
                            database_url=pg_url)
    code, text = _run(commands.review, settings, revision="r2")
    assert code == EXIT_OK
    assert f"accepted in the migration: {reason}" in text


@pytest.mark.parametrize("accept", [{"no-such-rule": "x"}, {"require-concurrent-index-creation": " "}])
def test_bad_acceptance_names_the_revision(accept: dict[str, str], tmp_path: Path, pg_url: str) -> None:
    settings = make_project(tmp_path, [SETUP, FIRES], accept={2: accept}, database_url=pg_url)
    with pytest.raises(MigrationError, match="revision r2 .*pgcanon_review_accept"):
        _run(commands.review, settings, revision="r2")


@pytest.mark.parametrize(
    ("section", "code", "reported"),
    [
        ('errors = ["ban-drop-table"]', EXIT_OK, True),  # reported as a warning
        ('ignore = ["require-concurrent-index-creation"]', EXIT_OK, False),
        ('errors = ["require-concurrent-index-creation"]', EXIT_DIFF, True),
    ],
)
def test_project_configuration(section: str, code: int, reported: bool, tmp_path: Path, pg_url: str) -> None:
    settings = make_project(tmp_path, [SETUP, FIRES], review_section=f"[tool.pgcanon.review]\n{section}\n",
                            database_url=pg_url)
    got, text = _run(commands.review, settings, revision="r2")
    assert got == code
    assert ("require-concurrent-index-creation public.t" in text) is reported


def test_unknown_rule_in_configuration(tmp_path: Path, pg_url: str) -> None:
    settings = make_project(tmp_path, [SETUP, FIRES], review_section='[tool.pgcanon.review]\nerrors = ["nope"]\n',
                            database_url=pg_url)
    with pytest.raises(ConfigError, match="unknown rule 'nope'"):
        _run(commands.review, settings, revision="r2")
