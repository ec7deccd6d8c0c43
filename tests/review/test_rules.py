"""Each rule fires on a migration that should fire it and stays quiet on its safer form; where squawk has
the same rule, squawk (an independent implementation) must agree on the same offline SQL."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pglast
import pytest
from review_project import make_project

from pgcanon.review import Rule, review
from pgcanon.review import rules as rules_mod
from pgcanon.review.offline import Statement, offline_sql, steps

if TYPE_CHECKING:
    from pgcanon.server import Server

SETUP = [
    "CREATE TABLE parent (id bigint PRIMARY KEY)",
    "CREATE TABLE t (id bigint PRIMARY KEY, a int, v varchar(50), p bigint, name text)",
    "CREATE INDEX t_name_idx ON t (name)",
]


@dataclass(frozen=True)
class Case:
    rule: Rule
    fires: list[str]
    quiet: list[str]
    peer: bool = True  # compare with squawk's counterpart (when the rule has one)


CASES = [
    Case(Rule.ADDING_REQUIRED_FIELD, ["ALTER TABLE t ADD COLUMN b text NOT NULL"],
         ["ALTER TABLE t ADD COLUMN b text NOT NULL DEFAULT 'x'"]),
    Case(Rule.ADDING_NOT_NULLABLE_FIELD, ["ALTER TABLE t ALTER COLUMN a SET NOT NULL"],
         ["ALTER TABLE t ADD CONSTRAINT t_a_not_null CHECK (a IS NOT NULL) NOT VALID"]),
    Case(Rule.ADDING_FIELD_WITH_VOLATILE_DEFAULT, ["ALTER TABLE t ADD COLUMN r float8 DEFAULT random()"],
         ["ALTER TABLE t ADD COLUMN c timestamptz DEFAULT now()"]),
    Case(Rule.ADDING_STORED_GENERATED_FIELD, ["ALTER TABLE t ADD COLUMN g int GENERATED ALWAYS AS (a + 1) STORED"],
         ["ALTER TABLE t ADD COLUMN g int"]),
    Case(Rule.CHANGING_COLUMN_TYPE, ["ALTER TABLE t ALTER COLUMN a TYPE bigint"],
         ["ALTER TABLE t ALTER COLUMN a SET DEFAULT 0"]),
    Case(Rule.CONSTRAINT_MISSING_NOT_VALID, ["ALTER TABLE t ADD CONSTRAINT t_a_check CHECK (a > 0)"],
         ["ALTER TABLE t ADD CONSTRAINT t_a_check CHECK (a > 0) NOT VALID"]),
    Case(Rule.CONSTRAINT_MISSING_NOT_VALID,
         ["ALTER TABLE t ADD CONSTRAINT t_p_fkey FOREIGN KEY (p) REFERENCES parent (id)"],
         ["ALTER TABLE t ADD CONSTRAINT t_p_fkey FOREIGN KEY (p) REFERENCES parent (id) NOT VALID"]),
    Case(Rule.DISALLOWED_UNIQUE_CONSTRAINT, ["ALTER TABLE t ADD CONSTRAINT t_v_key UNIQUE (v)"],
         ["AUTOCOMMIT CREATE UNIQUE INDEX CONCURRENTLY t_v_key ON t (v)",
          "ALTER TABLE t ADD CONSTRAINT t_v_key UNIQUE USING INDEX t_v_key"]),
    Case(Rule.REQUIRE_CONCURRENT_INDEX_CREATION, ["CREATE INDEX t_a_idx ON t (a)"],
         ["AUTOCOMMIT CREATE INDEX CONCURRENTLY t_a_idx ON t (a)"]),
    Case(Rule.REQUIRE_CONCURRENT_INDEX_DELETION, ["DROP INDEX t_name_idx"],
         ["AUTOCOMMIT DROP INDEX CONCURRENTLY t_name_idx"]),
    Case(Rule.BAN_CONCURRENT_INDEX_CREATION_IN_TRANSACTION, ["CREATE INDEX CONCURRENTLY t_a_idx ON t (a)"],
         ["AUTOCOMMIT CREATE INDEX CONCURRENTLY t_a_idx ON t (a)"]),
    Case(Rule.BAN_DROP_COLUMN, ["ALTER TABLE t DROP COLUMN name"], ["ALTER TABLE t ADD COLUMN n2 text"]),
    Case(Rule.BAN_DROP_TABLE, ["DROP TABLE t"], ["CREATE TABLE t2 (id bigint)"]),
    # A table created earlier in the same revision is invisible to others until COMMIT: dropping it is harmless.
    Case(Rule.BAN_DROP_TABLE, ["DROP TABLE t"], ["CREATE TABLE t2 (id bigint)", "DROP TABLE t2"], peer=False),
    Case(Rule.REQUIRE_CONCURRENT_INDEX_CREATION, ["CREATE INDEX t_a_idx ON t (a)"],
         ["CREATE TABLE t2 (a bigint)", "CREATE INDEX t2_a_idx ON t2 (a)"], peer=False),
    Case(Rule.RENAMING_COLUMN, ["ALTER TABLE t RENAME COLUMN name TO title"], ["COMMENT ON COLUMN t.name IS 'x'"]),
    Case(Rule.RENAMING_TABLE, ["ALTER TABLE t RENAME TO t_old"], ["COMMENT ON TABLE t IS 'x'"]),
    Case(Rule.REWRITES_TABLE, ["CLUSTER t USING t_pkey"], ["ANALYZE t"]),
    Case(Rule.STATEMENT_FAILED, ["ALTER TABLE t ADD CONSTRAINT t_a_neg CHECK (a < 0)"],
         ["ALTER TABLE t ADD CONSTRAINT t_a_pos CHECK (a > 0)"]),
]


def _id(case: Case) -> str:
    return case.rule.code + ("" if case.peer else "-ours")


def squawk_rules(sql: str, tmp: Path) -> set[str] | None:
    """The rule names squawk reports on *sql*, or None when squawk is not runnable here."""
    exe = shutil.which("squawk") or str(Path(sys.executable).parent / "squawk")
    path = tmp / "migration.sql"
    path.write_text(sql, encoding="utf-8")
    try:
        done = subprocess.run([exe, "--reporter", "json", "--pg-version", "18.0", str(path)],
                              capture_output=True, text=True, timeout=60)
    except OSError:
        return None
    if done.returncode not in (0, 1):
        return None
    return {v["rule_name"] for v in json.loads(done.stdout or "[]")}


def _fired(tmp: Path, server: Server, statements: list[str]) -> tuple[set[Rule], str]:
    settings = make_project(tmp, [SETUP, statements])
    reports = review(settings, "r2", server=server)
    sql = offline_sql(settings, steps(settings, "r2")[0])
    return {f.rule for r in reports for f in r.findings}, sql


def _check(case: Case, fired: set[Rule], sql: str, expect: bool, tmp: Path) -> None:
    assert (case.rule in fired) is expect, f"{case.rule.code} expected {'' if expect else 'not '}to fire: {fired}"
    if case.peer and case.rule.squawk:
        peer = squawk_rules(sql, tmp)
        if peer is None:
            pytest.skip("squawk is not runnable here")
        assert (case.rule.squawk in peer) is expect, f"squawk disagrees on {case.rule.squawk}: {sorted(peer)}\n{sql}"


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_rule_fires(case: Case, tmp_path: Path, pg_server: Server) -> None:
    fired, sql = _fired(tmp_path, pg_server, case.fires)
    _check(case, fired, sql, True, tmp_path)


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_rule_quiet_on_safer_form(case: Case, tmp_path: Path, pg_server: Server) -> None:
    fired, sql = _fired(tmp_path, pg_server, case.quiet)
    _check(case, fired, sql, False, tmp_path)


class _OldServer:
    """A Context as on PostgreSQL 11 (the embedded server is newer); enum types exist, nothing else."""

    def __init__(self, version: int) -> None:
        self.server_version = version

    def existing(self, names: tuple[str, ...]) -> str | None:
        return None

    def volatile(self, names: tuple[str, ...]) -> bool:
        return False


def _stmt(sql: str, *, in_transaction: bool) -> Statement:
    return Statement(sql, pglast.parse_sql(sql)[0].stmt, in_transaction)


@pytest.mark.parametrize(
    ("version", "in_transaction", "expect"),
    [(110000, True, True), (110000, False, False), (120000, True, False)],
)
def test_enum_add_value_in_transaction_before_12(version: int, in_transaction: bool, expect: bool) -> None:
    stmt = _stmt("ALTER TYPE mood ADD VALUE 'meh'", in_transaction=in_transaction)
    hits = rules_mod.check(stmt, _OldServer(version))
    assert (Rule.BAN_ALTER_ENUM_ADD_VALUE_IN_TRANSACTION in {h.rule for h in hits}) is expect
    assert rules_mod.transactional(stmt.node, version) is (version >= 120000)


def test_every_rule_has_a_case() -> None:
    covered = {c.rule for c in CASES} | {Rule.BAN_ALTER_ENUM_ADD_VALUE_IN_TRANSACTION}
    assert covered == set(Rule)
    for rule in Rule:
        assert rule.explanation and rule.safer and rule.hazards, rule
