"""``pgcanon revision -m MSG``: the Alembic revision that takes ``migrations@head`` to ``schema``.

The order of work is the order of safety: plan both directions from the catalogs, refuse data loss,
write the file through Alembic, prove it on a scratch database, and only then keep it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, TextIO

import psycopg

from pgcanon.build import built, ensure_roles
from pgcanon.catalog import read_snapshot
from pgcanon.diff import uncompared
from pgcanon.errors import EXIT_OK, PlanError, RevisionError, UnprovenRevision
from pgcanon.migrations import upgrade
from pgcanon.plan import Plan, plan
from pgcanon.revision import renames as rn
from pgcanon.revision.prove import prove
from pgcanon.revision.write import next_rev_id, write_revision
from pgcanon.scratch import scratch_database
from pgcanon.server import scratch_server
from pgcanon.sources import DdlSource

if TYPE_CHECKING:
    from pgcanon.catalog import Snapshot
    from pgcanon.config import Settings
    from pgcanon.diff import DiffOptions


def revision(
    settings: Settings,
    out: TextIO,
    *,
    message: str,
    options: DiffOptions,
    rev_id: str | None = None,
    renames: tuple[str, ...] = (),
    allow_data_loss: bool = False,
    keep_unverified: bool = False,
    online: bool = True,
    roles: tuple[str, ...] = (),
    fmt: str = "text",
) -> int:
    """Write the next Alembic revision from the edit to schema/, proven on a scratch database."""
    options = settings.diff_options(options)
    server = scratch_server(settings)
    ensure_roles(server, (*settings.roles, *roles))
    schema = DdlSource((settings.need_schema("pgcanon revision"),), label="schema", root=settings.root)
    with built(schema, server) as conninfo:
        new = read_snapshot(conninfo)
    with scratch_database(server) as conninfo:
        upgrade(settings, conninfo, "head")
        old = read_snapshot(conninfo)
        resolved = [rn.resolve(spec, old) for spec in renames]
        renamed = _renamed(conninfo, resolved) if resolved else old
    # kinds no snapshot models are not in the revision either: said below (or, --strict-kinds, refused)
    _, notes = uncompared.noted(old, new, options, "migrations@head", "schema")
    try:
        forward = plan(renamed, new, options, online=online)
    except PlanError as exc:
        hints = rn.look_alikes(renamed, new)
        if not hints:
            raise
        # A column renamed in place reads as one dropped and one added in the middle: say what fixes both.
        raise PlanError([*exc.problems, "if a column was renamed, say so: " + " ".join(hints)]) from None
    up = _with(forward, [r.statements()[0] for r in resolved], first=True)
    if up.empty:
        out.write("schema and migrations@head are identical: no revision written\n")
        out.writelines(f"  {note}\n" for note in notes)
        return EXIT_OK
    lost = up.data_loss()
    if lost and not allow_data_loss:
        raise RevisionError(_data_loss_message(lost, rn.look_alikes(old, new)))
    down, down_options = _downgrade(renamed, new, options, online)
    down = _with(down, [r.statements()[1] for r in reversed(resolved)], first=False)
    with scratch_database(server) as conninfo:
        new_id, path = write_revision(settings, conninfo, message, up, down, rev_id or next_rev_id(settings, message))
    try:
        failures = prove(settings, server, new, old, options, down_options)
    except BaseException:
        path.unlink(missing_ok=True)  # a revision that fails to run is never left behind
        raise
    if failures:
        kept = keep_unverified
        if not kept:
            path.unlink(missing_ok=True)
        where = f"kept, unverified, at {path}" if kept else "no file written (--keep-unverified keeps it)"
        raise UnprovenRevision("the generated revision does not rebuild schema/ exactly; " + where + "\n"
                               + "\n".join(failures))
    out.write(f"wrote {path} ({new_id}), proven: upgrade = schema, downgrade = migrations@head, upgrade again\n")
    for s in up.statements:
        if not s.sql.startswith(("SET ", "RESET ")):
            hazards = f"  [{', '.join(h.value for h in s.hazards)}]" if s.hazards else ""
            out.write(f"  {s.about}{hazards}\n")
    if down_options != options:
        out.write("  note: downgrade() restores the columns but not their physical order\n")
    out.writelines(f"  {note}: not in this revision; write their changes by hand\n" for note in notes)
    _review(settings, out, new_id)
    return EXIT_OK


def _review(settings: Settings, out: TextIO, new_id: str) -> None:
    """What ``pgcanon review`` says of the new revision: a DBA reads it before the code review does."""
    from pgcanon.review import render
    from pgcanon.review.run import review as run_review

    reports = run_review(settings, new_id)
    out.write("\npgcanon review " + new_id + ":\n" + render.review_text(reports))
    if any(f.blocking for r in reports for f in r.findings):
        out.write("  `make review` fails on these findings until the revision changes or accepts them "
                  "(pgcanon_review_accept)\n")


def _renamed(conninfo: str, resolved: list[rn.Rename]) -> Snapshot:
    """The old head with the renames applied: the plan starts from there, so data is kept."""
    with psycopg.connect(conninfo, autocommit=True) as conn:
        for r in resolved:
            try:
                conn.execute(r.forward.encode())
            except psycopg.Error as exc:
                raise RevisionError(f"--rename {r.old}={r.new}: {exc.diag.message_primary or exc}") from None
    return read_snapshot(conninfo)


def _with(p: Plan, extra: list, *, first: bool) -> Plan:
    if not extra:
        return p
    return replace(p, statements=(*extra, *p.statements) if first else (*p.statements, *extra))


def _downgrade(renamed: Snapshot, new: Snapshot, options: DiffOptions, online: bool) -> tuple[Plan, DiffOptions]:
    """The plan back to the old head. A column the upgrade dropped comes back at the end of its
    table (ALTER TABLE can only append), so that one relaxation is allowed for the way down."""
    try:
        return plan(new, renamed, options, online=online), options
    except PlanError as exc:
        relaxed = replace(options, ignore_column_order=True)
        if all("--ignore-column-order" in p for p in exc.problems):
            return plan(new, renamed, relaxed, online=online), relaxed
        raise


def _data_loss_message(lost: tuple, hints: list[str]) -> str:
    lines = [f"the upgrade would delete data in {len(lost)} statement(s); nothing written:"]
    lines += [f"  {s.about}: {s.sql.splitlines()[0]}" for s in lost]
    if hints:
        lines.append("  if this is a rename, say so and the data stays: " + " ".join(hints))
    lines.append("  or pass --allow-data-loss when the data may go")
    return "\n".join(lines)
