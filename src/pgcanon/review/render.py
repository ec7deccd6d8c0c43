"""Text and JSON renderings of review results; the JSON shapes are a stable interface.

``pgcanon review --format json``:

.. code-block:: text

    {
      "revisions": [
        {
          "revision": "0005_search", "message": "…", "down_revision": "0004_people" | null,
          "statements": [
            {
              "index": 1,                            # 1-based, bookkeeping (alembic_version) left out
              "sql": "ALTER TABLE scenes …",         # as Alembic renders it
              "command": "AlterTableStmt",           # PostgreSQL's parse node
              "transactional": true,                 # false: cannot run inside a transaction block
              "in_transaction": true,                # the revision runs it inside BEGIN … COMMIT
              "locks": [{"relation": "public.scenes", "kind": "table",
                         "mode": "AccessExclusiveLock", "new": false}],   # locks it added
              "locks_measured": true,
              "rewritten": ["public.scenes", …],     # relfilenode changed
              "scanned": ["public.scenes"],          # seq_scan rose (pg_stat_xact_user_tables)
              "validates": ["public.scenes"],        # must read every row to validate (parse tree)
              "findings": [<finding>, …],
              "error": "server message" | null      # the statement failed; the review stops there
            }
          ],
          "held_until_commit": [<lock>, …],          # strongest lock per existing relation
          "seed_notes": ["public.t: row 2 not seeded: …"]
        }
      ],
      "findings": [
        {"rule": "require-concurrent-index-creation", "revision": "0005_search", "statement": 3,
         "target": "public.scenes", "explanation": "…", "safer": "…",
         "hazards": ["BLOCKS_WRITES"], "detail": "measured: …", "level": "error" | "warning",
         "accepted": "reason" | null, "blocking": false}
      ],
      "blocking": 0                                  # findings that make the exit code 1
    }

``pgcanon sql --format json``: ``[{"revision", "message", "down_revision", "sql", "raw"}]``, where
``sql`` is the prettified text and ``raw`` what Alembic's offline mode printed.
"""

from __future__ import annotations

import dataclasses
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pgcanon.review.model import Finding, Lock, RevisionReport
    from pgcanon.review.offline import Step

_WIDTH = 100


def finding_json(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule.code, "revision": f.revision, "statement": f.statement, "target": f.target,
        "explanation": f.rule.explanation, "safer": f.rule.safer, "hazards": [h.name for h in f.rule.hazards],
        "detail": f.detail, "level": "error" if f.error else "warning", "accepted": f.accepted,
        "blocking": f.blocking,
    }


def _lock_json(lock: Lock) -> dict[str, Any]:
    return dataclasses.asdict(lock)


def review_json(reports: Sequence[RevisionReport]) -> str:
    revisions = []
    for r in reports:
        statements = []
        for s in r.statements:
            d = {k.name: getattr(s, k.name) for k in dataclasses.fields(s)}
            d["locks"] = [_lock_json(lk) for lk in s.locks]
            d["findings"] = [finding_json(f) for f in s.findings]
            for key in ("rewritten", "scanned", "validates"):
                d[key] = list(d[key])
            statements.append(d)
        revisions.append({
            "revision": r.revision, "message": r.message, "down_revision": r.down_revision,
            "statements": statements, "held_until_commit": [_lock_json(lk) for lk in r.held_until_commit],
            "seed_notes": list(r.seed_notes),
        })
    findings = [f for r in reports for f in r.findings]
    doc = {"revisions": revisions, "findings": [finding_json(f) for f in findings],
           "blocking": sum(f.blocking for f in findings)}
    return json.dumps(doc, indent=2, ensure_ascii=False)


def _first_line(sql: str) -> str:
    text = " ".join(sql.split())
    return text if len(text) <= _WIDTH else text[: _WIDTH - 1] + "…"


def _locks(locks: Sequence[Lock]) -> str:
    return ", ".join(str(lk) for lk in locks if not lk.new)


def review_text(reports: Sequence[RevisionReport]) -> str:
    lines: list[str] = []
    for r in reports:
        lines.append(f"{r.revision} ({r.message}), from {r.down_revision or 'base'}")
        lines.extend(f"  seed: {note}" for note in r.seed_notes)
        for s in r.statements:
            lines.append(f"  #{s.index} {_first_line(s.sql)}")
            if s.error is not None:
                lines.append(f"     FAILED: {s.error}")
            if not s.transactional:
                lines.append("     cannot run in a transaction: applied on its own (as in autocommit_block)")
            if not s.locks_measured:
                lines.append("     locks: not observed (the statement never waited)")
            elif _locks(s.locks):
                lines.append(f"     locks: {_locks(s.locks)}")
            if s.rewritten:
                lines.append(f"     rewrote: {', '.join(s.rewritten)}")
            if s.validates or s.scanned:
                lines.append(f"     scans: {', '.join(sorted(set(s.validates) | set(s.scanned)))}"
                             + ("" if s.scanned else " (not seen in pg_stat)"))
            for f in s.findings:
                level = "accepted" if f.accepted else ("error" if f.error else "warning")
                lines.append(f"     {level} {f.rule.code} {f.target}: {f.rule.explanation}")
                if f.detail:
                    lines.append(f"       {f.detail}")
                lines.append(f"       safer: {f.rule.safer}")
                if f.accepted:
                    lines.append(f"       accepted in the migration: {f.accepted}")
        if r.held_until_commit:
            lines.append(f"  holds until commit: {_locks(r.held_until_commit)}")
    findings = [f for r in reports for f in r.findings]
    errors = sum(f.blocking for f in findings)
    warnings = sum(not f.error and not f.accepted for f in findings)
    accepted = sum(f.accepted is not None for f in findings)
    statements = sum(len(r.statements) for r in reports)
    lines.append(
        f"reviewed {len(reports)} revision{'s' if len(reports) != 1 else ''}, {statements} statements: "
        f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}, "
        f"{accepted} accepted"
    )
    return "\n".join(lines) + "\n"


def sql_text(blocks: Sequence[tuple[Step, str, str]]) -> str:
    out = []
    for step, pretty, _raw in blocks:
        out.append(f"-- {step.revision}: {step.message} (from {step.down or 'base'})\n{pretty.rstrip()}\n")
    return "\n".join(out)


def sql_json(blocks: Sequence[tuple[Step, str, str]]) -> str:
    return json.dumps(
        [{"revision": s.revision, "message": s.message, "down_revision": s.down, "sql": pretty, "raw": raw}
         for s, pretty, raw in blocks],
        indent=2, ensure_ascii=False,
    )
