"""`pgcanon drift --shard K/N` and `drift merge`: three shards of the fleet merge back into the unsharded report."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

import fleet as fm
import pytest
from fix_sources import run_cli

if TYPE_CHECKING:
    from pathlib import Path

    from conftest import FullRun

# Under pytest -n, one worker runs every test that reads the fleet, so it is built once.
pytestmark = pytest.mark.xdist_group("drift-fleet")

N = 3


@dataclass(frozen=True)
class Shard:
    k: int
    code: int
    doc: dict
    path: Path  # the JSON report, as a CI job would upload it

    @property
    def labels(self) -> set[str]:
        return {t["target"] for t in self.doc["targets"]}


@pytest.fixture(scope="module")
def shards(targets_file: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Shard]:
    out_dir = tmp_path_factory.mktemp("shards")
    found = []
    for k in range(1, N + 1):
        code, out, err = run_cli("drift", "--targets", str(targets_file), "--shard", f"{k}/{N}",
                                 "--format", "json", "-j", "4")
        assert err == "", err
        path = out_dir / f"shard-{k}.json"
        path.write_text(out)
        found.append(Shard(k, code, json.loads(out), path))
    return found


def merge(*paths: Path, fmt: str = "json") -> tuple[int, str, str]:
    return run_cli("drift", "merge", *(str(p) for p in paths), "--format", fmt)


def test_shards_are_disjoint_and_cover_the_fleet(shards: list[Shard], full_run: FullRun) -> None:
    every = {t["target"] for t in full_run.doc["targets"]}
    assert len(every) == 45
    for a in shards:
        assert a.doc["shard"] == f"{a.k}/{N}"
        # 45 targets over 3 shards by a hash: an empty shard would mean the hash does not spread
        assert a.labels, f"shard {a.k} is empty"
        for b in shards:
            if a.k < b.k:
                assert not a.labels & b.labels, (a.k, b.k)
    assert set().union(*(s.labels for s in shards)) == every
    assert sum(s.doc["summary"]["targets"] for s in shards) == 45


def test_each_shard_judges_its_targets_as_the_full_run(shards: list[Shard], full_run: FullRun) -> None:
    full = {t["target"]: t for t in full_run.doc["targets"]}
    for s in shards:
        for t in s.doc["targets"]:
            assert t == full[t["target"]]
        states = {state: sum(1 for t in s.doc["targets"] if t["state"] == state)
                  for state in ("ok", "behind", "drifted", "error")}
        assert s.doc["summary"] == {"targets": len(s.doc["targets"]), **states}
        # each shard's own exit code, from its own targets only
        expected = 2 if states["error"] else 1 if states["drifted"] or states["behind"] else 0
        assert (s.code, s.doc["exit_code"]) == (expected, expected), s.k


def test_merged_shards_are_the_full_run(shards: list[Shard], full_run: FullRun,
                                        full_text: tuple[int, str, str]) -> None:
    # merged in an order that is not the shards' own: the report does not depend on it
    paths = [s.path for s in reversed(shards)]
    code, out, err = merge(*paths)
    assert (code, err) == (full_run.code, "")
    merged = json.loads(out)
    assert merged["targets"] == full_run.doc["targets"]
    assert merged["groups"] == full_run.doc["groups"]
    assert merged["summary"] == full_run.doc["summary"]
    assert merged == full_run.doc  # head, shard (none), allow_behind and exit code too
    code, text, err = merge(*paths, fmt="text")
    assert (code, text, err) == full_text


def test_merge_needs_no_checkout(shards: list[Shard], full_run: FullRun, tmp_path: Path) -> None:
    """The merging CI job downloads the reports only: it runs where no pyproject.toml is."""
    code, out, err = run_cli("drift", "merge", *(str(s.path) for s in shards), "--format", "json", cwd=tmp_path)
    assert (code, err) == (full_run.code, "")
    assert json.loads(out) == full_run.doc


def test_shard_membership_does_not_depend_on_the_listing_order(
    fleet: fm.Fleet, shards: list[Shard], tmp_path: Path
) -> None:
    reordered = tmp_path / "reversed.txt"
    reordered.write_text("\n".join(reversed(list(fleet.urls))) + "\n")
    code, out, err = run_cli("drift", "--targets", str(reordered), "--shard", f"2/{N}", "-j", "4")
    assert (code, err) == (shards[1].code, "")
    lines = out.splitlines()
    listed = {line.split(None, 1)[1].split("  ", 1)[0] for line in lines
              if line.split(" ", 1)[0] in ("ok", "behind", "drifted", "error")}
    assert listed == shards[1].labels
    n = len(shards[1].labels)
    assert lines[-1].startswith(f"{n} targets: ") and lines[-1].endswith(f" (shard 2/{N})"), lines[-1]


@pytest.mark.parametrize("spec", ["0/3", "4/3", "x", "3/0", "1/", "-1/3", ""])
def test_a_bad_shard_is_a_usage_error_before_any_server_is_asked(fleet: fm.Fleet, spec: str) -> None:
    # --databases-like would list databases on both servers first; the refused one would fail that,
    # so only a check made before listing gives the --shard message.
    refused = f"postgresql://{fm.READER}@127.0.0.1:{fm.closed_port()}/postgres?connect_timeout=3"
    code, out, err = run_cli("drift", "--target", fleet.reader_url("postgres"), "--target", refused,
                             "--databases-like", f"{fm.PREFIX}ok\\_%", f"--shard={spec}")  # = lets -1/3 through
    assert (code, out) == (2, "")
    assert err == (f"pgcanon: error: --shard {spec!r}: expected K/N with 1 <= K <= N, e.g. --shard 2/8\n")


def test_merge_refuses_a_shard_given_twice(shards: list[Shard]) -> None:
    one, two, three = (s.path for s in shards)
    code, out, err = merge(one, two, two)
    assert (code, out) == (2, "")
    assert err == (f"pgcanon: error: drift merge: shard 2/{N} is given 2 times ({two}, {two} (#3)): "
                   "give each shard's report once\n")
    # a copy under another name is the same shard
    copy = one.with_name("copy-of-1.json")
    copy.write_text(one.read_text())
    code, out, err = merge(one, copy, two, three)
    assert (code, out) == (2, "")
    assert f"shard 1/{N} is given 2 times ({one}, {copy})" in err


def test_merge_refuses_a_missing_shard(shards: list[Shard], full_run: FullRun, tmp_path: Path) -> None:
    code, out, err = merge(shards[0].path, shards[2].path)
    assert (code, out) == (2, "")
    assert f"shard 2/{N} missing: merge the reports of all {N} shards" in err
    whole = tmp_path / "full.json"
    whole.write_text(full_run.out)
    code, out, err = merge(whole, shards[0].path)
    assert (code, out) == (2, "")
    assert f"{whole} is not a shard report, the others are" in err


def test_merge_refuses_one_target_with_two_verdicts(shards: list[Shard], tmp_path: Path) -> None:
    # shard 1 again, with one target's verdict changed: as if it were re-run after a migration
    doc = json.loads(shards[0].path.read_text())
    changed = doc["targets"][0]
    changed["state"] = "drifted" if changed["state"] != "drifted" else "ok"
    other = tmp_path / "shard-1-rerun.json"
    other.write_text(json.dumps(doc))
    code, out, err = merge(shards[0].path, other, shards[1].path, shards[2].path)
    assert (code, out) == (2, "")
    assert f"{changed['target']} is in two reports with different verdicts ({other})" in err
    for secret in ("WRONG-SECRET-PW", "RIGHTPW", "NOPE-refused", "NOPE-http"):
        assert secret not in err
