"""Shard reports back into one: the JSON documents of ``pgcanon drift --shard K/N --format json``.

The merged report is built from the same :class:`~pgcanon.drift.model.Result` objects a
single run would have made, so its lines, grouping and exit code are that run's.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pgcanon.drift.model import Result
from pgcanon.drift.report import Report
from pgcanon.errors import ConfigError

if TYPE_CHECKING:
    from collections.abc import Sequence


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


def merge(paths: Sequence[Path], *, allow_behind: bool | None = None) -> Report:
    """One report of every target in the shard reports at *paths*.

    :param allow_behind: overrides what the shards were run with (they must agree otherwise).
    :raises ConfigError: on a file that is not a drift report, reports of different heads, or
        one target in two reports with different verdicts.
    """
    if not paths:
        raise ConfigError("drift merge: give the JSON reports to merge")
    results: dict[str, Result] = {}
    heads, allowed = set(), set()
    for path in paths:
        doc = _load(path)
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
    if len(heads) > 1:
        raise ConfigError("the reports were made at different heads ("
                          + ", ".join(sorted(str(h) for h in heads)) + "): merge the reports of one run")
    if allow_behind is None:
        if len(allowed) > 1:
            raise ConfigError("some reports were made with --allow-behind and some without: "
                              "say which with drift merge [--allow-behind | --no-allow-behind]")
        allow_behind = allowed.pop()
    return Report.of(list(results.values()), head=heads.pop(), allow_behind=allow_behind)
