"""The ``pgcanon`` command line: argparse wiring only; the work is in :mod:`pgcanon.commands`.

``run(argv, out, err)`` returns the exit code, so tests call it in-process.
Exit codes: 0 equal / success, 1 differences found, 2 bad input or environment.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import traceback
from typing import TYPE_CHECKING, TextIO

from pgcanon import commands
from pgcanon.config import RELAXATIONS, load_settings, redact
from pgcanon.errors import EXIT_OK, PgcanonError
from pgcanon.review import commands as review_commands

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence


def _help(func: Callable[..., object]) -> str:
    return (func.__doc__ or "").strip().splitlines()[0]


def _global_options(parser: argparse.ArgumentParser, *, default: object) -> None:
    # Accepted before or after the subcommand: the subcommand's copies default to SUPPRESS, so a value
    # given before it is not overwritten by the subcommand's default.
    parser.add_argument("--debug", action="store_true", default=default, help="show tracebacks")
    parser.add_argument("--no-color", action="store_true", default=default, help="never colour the report")
    if default is not argparse.SUPPRESS:
        parser.add_argument("--format", dest="fmt", choices=("text", "json", "github", "sql", "sql-json"),
                            default=argparse.SUPPRESS,
                            help="report format of the commands that report (text, json)")


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, default=argparse.SUPPRESS)
    return common


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pgcanon",
        description="Database-first schema toolkit for PostgreSQL: the canonical DDL is the one truth.",
        epilog="Exit codes: 0 equal or success, 1 differences found, 2 bad input or environment.",
    )
    _global_options(parser, default=False)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = _common()

    server = sub.add_parser("server", help="manage the embedded dev server", parents=[common])
    server_sub = server.add_subparsers(dest="action", required=True, metavar="ACTION")
    for name, func in (
        ("start", commands.server_start),
        ("stop", commands.server_stop),
        ("status", commands.server_status),
        ("url", commands.server_url),
    ):
        server_sub.add_parser(name, help=_help(func), parents=[common]).set_defaults(func=func)

    migrate = sub.add_parser("migrate", help=_help(commands.migrate), parents=[common])
    migrate.add_argument("revision", nargs="?", default="head", help="target revision (default: head)")
    migrate.add_argument("--format", dest="fmt", choices=("text", "json"), default=argparse.SUPPRESS,
                         help="report format (default: text)")
    migrate.set_defaults(func=commands.migrate)

    diff = sub.add_parser("diff", help=_help(commands.diff), parents=[common])
    diff.add_argument("old", help="the reference source, e.g. schema")
    diff.add_argument("new", help="the source compared with it, e.g. migrations@head")
    diff.add_argument("--format", dest="fmt", choices=("text", "json", "github", "sql", "sql-json"),
                      default=argparse.SUPPRESS,
                      help="text, json or github (annotations): the differences; sql: the psql script that turns "
                           "OLD into NEW; sql-json: that plan as data (default: text)")
    diff.add_argument("--no-online", dest="online", action="store_false",
                      help="with --format sql: plain DDL (no CONCURRENTLY, NOT VALID, lock_timeout)")
    diff.set_defaults(func=commands.diff)
    check = sub.add_parser("check", help=_help(commands.check), parents=[common])
    check.set_defaults(func=commands.check)
    check.add_argument("--format", dest="fmt", choices=("text", "json", "github"), default=argparse.SUPPRESS,
                       help="report format; github adds workflow-command annotations (default: text)")
    check.add_argument("--no-cache", action="store_true",
                       help="build every source again, even when nothing changed since the last check "
                            "(PGCANON_NO_CACHE=1 does the same)")
    init = sub.add_parser("init", help="adopt pgcanon in this Alembic project: write [tool.pgcanon] (and schema/)",
                          parents=[common])
    init.add_argument("--schema-from", default=None, metavar="SOURCE",
                      help="also write schema/create_schema.sql from SOURCE (migrations, or a postgresql:// URL)")
    init.add_argument("--force", action="store_true",
                      help="overwrite an existing [tool.pgcanon] section or schema file")
    init.set_defaults(func=_init)
    revision = sub.add_parser("revision", help="write the next Alembic revision from the edit to schema/, proven "
                              "on a scratch database", parents=[common])
    revision.add_argument("-m", "--message", required=True, help="the revision's message")
    revision.add_argument("--rev-id", default=None, help="the revision id (default: the next 00NN_message when "
                          "every revision is numbered so, else Alembic's)")
    revision.add_argument("--rename", dest="renames", action="append", default=[], metavar="OLD=NEW",
                          help="a rename, not a drop and an add: videos.title=videos.name, videos=clips, "
                               "video_state.ready=video_state.done (repeatable)")
    revision.add_argument("--allow-data-loss", action="store_true",
                          help="write an upgrade that drops tables, columns, types or labels, or narrows a type")
    revision.add_argument("--keep-unverified", action="store_true", help="keep the file when the proof fails")
    revision.add_argument("--no-online", dest="online", action="store_false",
                          help="plain DDL (no CONCURRENTLY, NOT VALID, lock_timeout)")
    revision.set_defaults(func=_revision)
    for p in (diff, check, revision):
        p.add_argument("--role", dest="roles", action="append", default=[], metavar="NAME",
                       help="a role the schema's grants need; created first on the embedded server (repeatable)")
        p.add_argument("--ignore-column-order", action="store_true",
                       help="compare columns as a set, not in physical order")
        p.add_argument("--ignore-comments", action="store_true", help="do not compare COMMENT ON")
        p.add_argument("--ignore-privileges", action="store_true", help="do not compare GRANT/REVOKE")
        p.add_argument("--ignore-owners", action="store_true",
                       help="do not compare OWNER TO (the database's owner always compares as itself)")
        p.add_argument("--ignore-extension-versions", action="store_true",
                       help="compare extensions by name and schema only")
        if p is not revision:
            p.add_argument("--strict-kinds", action="store_true",
                           help="objects of kinds pgcanon does not compare (operators, casts…) are an error (exit 2)")

    sql_cmd = sub.add_parser("sql", help=_help(review_commands.sql), parents=[common])
    sql_cmd.add_argument("target", nargs="?", default=None, metavar="[FROM:]TO",
                         help="TO alone, or the revisions after FROM up to TO "
                              "(default: pending on DATABASE_URL, else head)")
    review_cmd = sub.add_parser("review", help=_help(review_commands.review), parents=[common])
    review_cmd.add_argument("revision", nargs="?", default=None, metavar="[FROM:]TO",
                            help="TO alone, or the revisions after FROM up to TO "
                                 "(default: pending on DATABASE_URL, else head)")
    for p, reviewing, formats in ((sql_cmd, review_commands.sql, ("text", "json")),
                                  (review_cmd, review_commands.review, ("text", "json", "github"))):
        p.add_argument("--format", dest="fmt", choices=formats, default=argparse.SUPPRESS,
                       help="report format (default: text)")
        p.set_defaults(func=reviewing)
    _drift_parser(sub, common)
    return parser


def _drift_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """``pgcanon drift [options]`` and ``pgcanon drift merge REPORT…``; unset options keep the function's defaults."""
    from pgcanon.drift import command as drift_commands

    quiet = argparse.SUPPRESS
    drift = sub.add_parser("drift", help=_help(drift_commands.drift), parents=[common],
                           description=drift_commands.drift.__doc__)
    drift.set_defaults(func=drift_commands.drift)
    drift.add_argument("--target", action="append", default=quiet, metavar="URL",
                       help="a database to check (repeatable); replaces [tool.pgcanon.drift] targets")
    drift.add_argument("--targets", dest="targets_file", action="append", default=quiet, metavar="FILE",
                       help="a file of target URLs, one a line, # comments, ${VAR} expanded (repeatable)")
    drift.add_argument("--databases-like", default=quiet, metavar="PATTERN",
                       help="every database LIKE PATTERN on the server of --target (or DATABASE_URL)")
    drift.add_argument("--schemas-like", default=quiet, metavar="PATTERN",
                       help="every schema LIKE PATTERN of the database(s), each compared with the canonical public")
    drift.add_argument("--shard", default=quiet, metavar="K/N", help="check only shard K of N (stable by target)")
    drift.add_argument("-j", "--jobs", type=int, default=quiet, metavar="N",
                       help="targets read at a time (default: the CPU count)")
    drift.add_argument("--allow-behind", action="store_true", default=quiet,
                       help="a target behind head (matching an older revision) does not fail the run")
    drift.add_argument("--role", dest="roles", action="append", default=quiet, metavar="NAME",
                       help="a role the schema's grants need; created first on the embedded server (repeatable)")
    for flag in ("--connect-timeout", "--statement-timeout", "--lock-timeout"):
        drift.add_argument(flag, type=float, default=quiet, metavar="SECONDS",
                           help=f"{flag[2:].replace('-', ' ')} of every target connection")
    for flag in (f"--{name.replace('_', '-')}" for name in RELAXATIONS):
        drift.add_argument(flag, action="store_true", default=quiet, help=f"as in diff: {flag[2:].replace('-', ' ')}")
    actions = drift.add_subparsers(dest="action", metavar="ACTION", required=False)
    merge = actions.add_parser("merge", help=_help(drift_commands.merge), parents=[common])
    merge.set_defaults(func=drift_commands.merge, needs_project=False)
    merge.add_argument("reports", nargs="+", metavar="REPORT.json", help="JSON reports of drift --shard runs")
    merge.add_argument("--allow-behind", dest="allow_behind", action="store_const", const=True, default=quiet,
                       help="behind does not fail the run (default: as the reports were made)")
    merge.add_argument("--no-allow-behind", dest="allow_behind", action="store_const", const=False, default=quiet,
                       help="behind fails the run, whatever the reports were made with")
    for p in (drift, merge):
        p.add_argument("--format", dest="fmt", choices=("text", "json", "github"), default=quiet,
                       help="report format (default: text; github adds workflow annotations)")


_OPTION_FLAGS = RELAXATIONS  # one flag per relaxation a project may also set


def _init(out: TextIO, **kwargs: object) -> object:
    from pgcanon.init import init  # needs no [tool.pgcanon]: it is what writes it

    return init(out, **kwargs)  # type: ignore[arg-type]


def _revision(*args: object, **kwargs: object) -> object:
    from pgcanon.revision import revision  # Alembic's command API is loaded only for this command

    return revision(*args, **kwargs)  # type: ignore[arg-type]


_FORMATS = {"revision": ("text",), "init": ("text",), "diff": ("text", "json", "github", "sql", "sql-json"),
            "check": ("text", "json", "github"), "review": ("text", "json", "github"),
            "drift": ("text", "json", "github"), "server": ("text", "json", "github", "sql", "sql-json")}


def _where(exc: BaseException) -> str:
    """The innermost pgcanon frame of a traceback (module:line), where an unexpected error surfaced."""
    place = "pgcanon"
    tb = exc.__traceback__
    while tb is not None:
        module = tb.tb_frame.f_globals.get("__name__", "")
        if module.startswith("pgcanon"):
            place = f"{module}:{tb.tb_lineno}"
        tb = tb.tb_next
    return place


def _use_color(out: TextIO) -> bool:
    # https://no-color.org: any non-empty NO_COLOR disables colour; never colour a pipe or a file.
    return not os.environ.get("NO_COLOR") and hasattr(out, "isatty") and out.isatty()


def run(argv: Sequence[str] | None, out: TextIO, err: TextIO) -> int:
    """Parse *argv*, run the command, return its exit code; errors go to *err* as one message."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help
        return int(exc.code or 0)
    allowed = _FORMATS.get(args.command, ("text", "json"))
    if getattr(args, "fmt", "text") not in allowed:
        err.write(f"pgcanon {args.command}: error: --format {args.fmt} is not one of {', '.join(allowed)}\n")
        return 2
    try:
        if args.command == "init":
            kwargs = {k: v for k, v in vars(args).items() if k not in {"command", "func", "debug", "no_color", "fmt"}}
            return int(args.func(out, **kwargs))
        # drift merge reads JSON reports only: a CI job that merges shards needs no checkout.
        settings = load_settings() if getattr(args, "needs_project", True) else None
        skip = {"command", "action", "func", "debug", "no_color", "needs_project"}
        kwargs = {k: v for k, v in vars(args).items() if k not in skip}
        if args.command == "server":
            kwargs.pop("fmt", None)  # the server commands print one line; --format is for reports
        else:
            kwargs.setdefault("fmt", "text")
        if args.command == "migrate":
            kwargs["err"] = err  # what it waits for, apart from its report
        if args.command in ("diff", "check", "revision"):
            from pgcanon.diff import DiffOptions

            kwargs["options"] = DiffOptions(**{f: kwargs.pop(f) for f in _OPTION_FLAGS},
                                            strict_kinds=kwargs.pop("strict_kinds", False))
            kwargs["roles"] = tuple(kwargs["roles"])
            if args.command == "revision":
                kwargs["renames"] = tuple(kwargs["renames"])
            else:
                kwargs["color"] = not args.no_color and _use_color(out)
        result = args.func(settings, out, **kwargs)
    except PgcanonError as exc:
        if args.debug:
            traceback.print_exc(file=err)
        err.write(f"pgcanon: error: {redact(str(exc))}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        err.write("pgcanon: interrupted\n")
        return 130
    except Exception as exc:  # noqa: BLE001 - exit 1 means "differences found", so nothing else may exit 1
        if args.debug:
            traceback.print_exc(file=err)
        first = (redact(str(exc)).splitlines() or [""])[0]
        err.write(f"pgcanon: internal error in {_where(exc)}: {type(exc).__name__}: {first}\n"
                  "  this is a bug in pgcanon; rerun with --debug for the traceback\n")
        return 2
    if isinstance(result, int) and not isinstance(result, bool):
        return result
    if result is False:
        return 1
    return EXIT_OK


def _terminate(signum: int, frame: object) -> None:
    # Turn SIGTERM (docker stop, CI timeouts) into the same unwinding as Ctrl-C, so scratch databases are dropped.
    raise KeyboardInterrupt


def main() -> None:
    signal.signal(signal.SIGTERM, _terminate)
    sys.exit(run(sys.argv[1:], sys.stdout, sys.stderr))


if __name__ == "__main__":  # pragma: no cover
    main()
