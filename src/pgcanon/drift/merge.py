"""Shard reports back into one: the JSON documents of ``pgcanon drift --shard K/N --format json``.

The merged report is built from the same :class:`~pgcanon.drift.model.Result` objects a
single run would have made, so its lines, grouping and exit code are that run's. Shard
reports must be every shard of one split, each once: a shard given twice (and so another
left out) or a shard whose job never wrote its report would otherwise give a clean report
of part of the fleet.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pgcanon.drift.model import Result
from pgcanon.drift.report import Report
from pgcanon.drift.targets import parse_shard
from pgcanon.errors import ConfigError

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence


def _load(path: Path) -> dict[str, Any]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the drift report: {exc}") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}:{exc.lineno}:{exc.colno}: not a JSON drift report: {exc.msg}") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("targets"), list):
        raise ConfigError(f"{path}: not a drift report (pgcanon drift --format json): no \"targets\" list")
    return doc


def _check_shards(shards: Mapping[Path, object]) -> None:
    """Refuse sharded reports that are not shards 1..N of one N, each given once."""
    sharded = {path: s for path, s in shards.items() if s is not None}
    if not sharded:
        return  # unsharded reports (of different fleets, say) merge as they are
    if len(sharded) < len(shards):
        plain = ", ".join(str(p) for p, s in shards.items() if s is None)
        raise ConfigError(f"drift merge: {plain} {'is' if plain.count(',') == 0 else 'are'} not a shard report, "
                          "the others are: merge the reports of one sharded run")
    given: dict[tuple[int, int], list[Path]] = {}
    for path, text in sharded.items():
        try:
            given.setdefault(parse_shard(str(text)), []).append(path)
        except ConfigError:
            raise ConfigError(f"{path}: \"shard\": {text!r} is not K/N") from None
    splits = sorted({n for _, n in given})
    if len(splits) > 1:
        raise ConfigError("drift merge: the reports are shards of different splits ("
                          + ", ".join(f"of {n}" for n in splits) + "): merge the K/N reports of one N")
    (n,) = splits
    for (k, _), paths in sorted(given.items()):
        if len(paths) > 1:
            raise ConfigError(f"drift merge: shard {k}/{n} is given {len(paths)} times ("
                              + ", ".join(str(p) for p in paths) + "): give each shard's report once")
    missing = [f"{k}/{n}" for k in range(1, n + 1) if (k, n) not in given]
    if missing:
        raise ConfigError(f"drift merge: shard{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
                          f"missing: merge the reports of all {n} shards (a shard with no targets writes one too)")


def merge(paths: Sequence[Path], *, allow_behind: bool | None = None) -> Report:
    """One report of every target in the shard reports at *paths*.

    :param allow_behind: overrides what the shards were run with (they must agree otherwise).
    :raises ConfigError: on a file that is not a drift report, reports of different heads, shard
        reports that are not each shard of one split once, or one target in two reports with
        different verdicts.
    """
    if not paths:
        raise ConfigError("drift merge: give the JSON reports to merge")
    results: dict[str, Result] = {}
    heads, allowed = set(), set()
    shards: dict[Path, object] = {}
    for i, path in enumerate(paths):
        doc = _load(path)
        # keyed by position too: the same file given twice is a shard given twice
        shards[path if path not in shards else Path(f"{path} (#{i + 1})")] = doc.get("shard")
        heads.add(doc.get("head"))
        allowed.add(bool(doc.get("allow_behind")))
        for item in doc["targets"]:
            try:
                result = Result.from_dict(item)
            except (KeyError, TypeError, ValueError) as exc:
                raise ConfigError(f"{path}: a target entry is not in the drift report's shape: {exc!r}") from None
            seen = results.get(result.target)
            if seen is not None and seen != result:
                raise ConfigError(f"{result.target} is in two reports with different verdicts ({path}); "
                                  "merge the reports of one run")
            results[result.target] = result
    _check_shards(shards)
    if len(heads) > 1:
        raise ConfigError("the reports were made at different heads ("
                          + ", ".join(sorted(str(h) for h in heads)) + "): merge the reports of one run")
    if allow_behind is None:
        if len(allowed) > 1:
            raise ConfigError("some reports were made with --allow-behind and some without: "
                              "say which with drift merge [--allow-behind | --no-allow-behind]")
        allow_behind = allowed.pop()
    return Report.of(list(results.values()), head=heads.pop(), allow_behind=allow_behind)
