"""The drift report a DBA reads in one look: a line per target, shared drift grouped, a summary last.

Text:

.. code-block:: text

    ok       postgresql://app:***@db1/tenant_001  at 0006_scene_thumbnail_key (head)
    behind   postgresql://app:***@db1/tenant_002  at 0004_people: 2 revisions behind, 0005_search → 0006_scene_thumbnail_key pending
    drifted  postgresql://app:***@db1/tenant_003  at 0006_scene_thumbnail_key: 1 difference from migrations@0006_scene_thumbnail_key
    error    postgresql://app:***@db9/tenant_004  connection refused

    drift:
      37 of 40 targets lack index public.jobs.jobs_video_id_idx: tenant_003, tenant_005, … and 29 more
      1 of 40 targets has an extra column public.videos.note: tenant_017

    41 targets: 1 ok, 1 behind, 38 drifted, 1 could not be read

JSON (``--format json``), one document, also what ``drift merge`` reads:

.. code-block:: text

    {
      "head": "0006_…" | null,          # the migrations' head
      "shard": "2/8" | null,            # the share of the targets this run checked
      "allow_behind": false,
      "targets": [{"target", "name", "state": "ok|behind|drifted|error", "revision", "versioned",
                   "compared_with", "pending": [...], "message", "changes": [<change>, ...]}],
      "groups": [{"change", "what", "description", "count", "of", "targets": [name, ...]}],
      "summary": {"targets", "ok", "behind", "drifted", "error"},
      "exit_code": 0 | 1 | 2
    }

A ``<change>`` is :mod:`pgcanon.render.json`'s, sides named ``expected`` (the reference) and
``found`` (the target), plus ``what``, the object it names. ``--format github`` prints the
text report with workflow-command annotations (``::error title=…::…``) before it.
"""  # noqa: E501 - the text example shows report lines verbatim, and a report line is not wrapped

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pgcanon.drift.model import Result, State
from pgcanon.errors import EXIT_DIFF, EXIT_OK, EXIT_USAGE
from pgcanon.render import github

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pgcanon.drift.model import Finding

#: Names listed after a group line; the rest are counted.
LISTED = 8


@dataclass(frozen=True, slots=True)
class Group:
    """One drift and the targets that share it."""

    finding: Finding
    names: tuple[str, ...]
    of: int

    @property
    def count(self) -> int:
        return len(self.names)

    def line(self) -> str:
        f, n = self.finding, self.count
        one = n == 1
        if f.change == "removed":
            phrase = f"{'lacks' if one else 'lack'} {f.what}"
        elif f.change == "added":
            phrase = f"{'has' if one else 'have'} an extra {f.what}"
        else:
            phrase = f"{'differs' if one else 'differ'}: {f.description}"
        shown = ", ".join(self.names[:LISTED])
        if n > LISTED:
            shown += f", … and {n - LISTED} more"
        return f"{n} of {self.of} target{'' if self.of == 1 else 's'} {phrase}: {shown}"


@dataclass(frozen=True, slots=True)
class Report:
    """The results of a run (or of merged runs), in target order."""

    results: tuple[Result, ...]
    head: str | None = None
    shard: str | None = None
    allow_behind: bool = False

    @classmethod
    def of(cls, results: Sequence[Result], **kwargs: Any) -> Report:
        return cls(tuple(sorted(results, key=lambda r: r.target)), **kwargs)

    def count(self, state: State) -> int:
        return sum(1 for r in self.results if r.state is state)

    def groups(self) -> list[Group]:
        """Every distinct finding with the targets that have it, most shared first."""
        read = sum(1 for r in self.results if r.state is not State.ERROR)
        names: dict[tuple[str, str, str], list[str]] = {}
        first: dict[tuple[str, str, str], Finding] = {}
        for r in self.results:
            for f in r.findings:
                names.setdefault(f.key, []).append(r.name)
                first.setdefault(f.key, f)
        groups = [Group(first[k], tuple(sorted(v)), read) for k, v in names.items()]
        return sorted(groups, key=lambda g: (-g.count, g.finding.key))

    @property
    def exit_code(self) -> int:
        """2 when a target could not be read, else 1 when one drifted (or is behind, unless allowed), else 0."""
        if self.count(State.ERROR):
            return EXIT_USAGE
        if self.count(State.DRIFTED) or (self.count(State.BEHIND) and not self.allow_behind):
            return EXIT_DIFF
        return EXIT_OK

    def summary(self) -> str:
        n = len(self.results)
        parts = [f"{self.count(State.OK)} ok", f"{self.count(State.BEHIND)} behind",
                 f"{self.count(State.DRIFTED)} drifted"]
        errors = self.count(State.ERROR)
        parts.append(f"{errors} could not be read" if errors else "0 errors")
        text = f"{n} target{'' if n == 1 else 's'}: " + ", ".join(parts)
        if self.shard:
            text += f" (shard {self.shard})"
        if self.count(State.BEHIND) and not self.allow_behind and not self.count(State.DRIFTED) and not errors:
            text += "; behind fails the run without --allow-behind"
        return text


def detail(r: Result) -> str:
    """What a target's line says after its state and name."""
    if r.state is State.ERROR:
        return r.message
    at = f"at {r.revision or 'base'}" if r.versioned else "no alembic_version"
    if r.state is State.OK:
        return f"{at} (head)" if r.versioned else f"{at}; matches {r.compared_with}"
    if r.state is State.BEHIND:
        n = len(r.pending)
        span = r.pending[0] if n == 1 else f"{r.pending[0]} → {r.pending[-1]}"
        return f"{at}: {n} revision{'' if n == 1 else 's'} behind, {span} pending"
    n = len(r.findings)
    return f"{at}: {n} difference{'' if n == 1 else 's'} from {r.compared_with}"


def render_text(report: Report) -> str:
    lines = [f"{r.state.value:<8} {r.target}  {detail(r)}" for r in report.results]
    groups = report.groups()
    if groups:
        lines += ["", "drift:"] + [f"  {g.line()}" for g in groups]
    lines += ["", report.summary()] if lines else [report.summary()]
    return "\n".join(lines) + "\n"


def to_dict(report: Report) -> dict[str, Any]:
    return {
        "head": report.head,
        "shard": report.shard,
        "allow_behind": report.allow_behind,
        "targets": [r.to_dict() for r in report.results],
        "groups": [
            {"change": g.finding.change, "what": g.finding.what, "description": g.finding.description,
             "count": g.count, "of": g.of, "targets": list(g.names)}
            for g in report.groups()
        ],
        "summary": {"targets": len(report.results), **{s.value: report.count(s) for s in State}},
        "exit_code": report.exit_code,
    }


def render_json(report: Report) -> str:
    return json.dumps(to_dict(report), indent=2, ensure_ascii=False) + "\n"


def _annotation(level: str, title: str, message: str) -> str:
    return github.annotation(level, message, title=title)


def render_github(report: Report) -> str:
    """Annotations first (GitHub shows only the first few per step: one per drift, not per target), then the text."""
    lines = []
    for g in report.groups():
        lines.append(_annotation("error", f"drift in {g.count} of {g.of} targets", g.line()))
    errors = [r for r in report.results if r.state is State.ERROR]
    for message, count in Counter(r.message for r in errors).most_common():
        names = ", ".join(r.name for r in errors if r.message == message)
        lines.append(_annotation("error", f"{count} target{'' if count == 1 else 's'} could not be read",
                                 f"{message}: {names}"))
    behind = [r for r in report.results if r.state is State.BEHIND]
    if behind:
        level = "warning" if report.allow_behind else "error"
        lines.append(_annotation(level, f"{len(behind)} target{'' if len(behind) == 1 else 's'} behind",
                                 "\n".join(f"{r.name}: {detail(r)}" for r in behind)))
    lines.append(_annotation("notice", "pgcanon drift", report.summary()))
    return "\n".join(lines) + "\n" + render_text(report)


RENDERERS = {"text": render_text, "json": render_json, "github": render_github}


def render(report: Report, fmt: str) -> str:
    """*report* in *fmt* (text, json, github)."""
    return RENDERERS[fmt](report)
