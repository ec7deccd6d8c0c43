"""The ``pgcanon`` command line: argparse wiring only; the work is in :mod:`pgcanon.commands`.

``run(argv, out, err)`` returns the exit code, so tests call it in-process.
Exit codes: 0 equal / success, 1 differences found, 2 bad input or environment.
"""

from __future__ import annotations

import argparse
import signal
import sys
import traceback
from typing import TYPE_CHECKING, TextIO

from pgcanon import commands
from pgcanon.config import load_settings, redact
from pgcanon.errors import EXIT_OK, EXIT_USAGE, PgcanonError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence


def _help(func: Callable[..., object]) -> str:
    return (func.__doc__ or "").strip().splitlines()[0]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pgcanon", description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    server = sub.add_parser("server", help="manage the embedded dev server")
    server_sub = server.add_subparsers(dest="action", required=True, metavar="ACTION")
    for name, func in (
        ("start", commands.server_start),
        ("stop", commands.server_stop),
        ("status", commands.server_status),
        ("url", commands.server_url),
    ):
        server_sub.add_parser(name, help=_help(func)).set_defaults(func=func)

    migrate = sub.add_parser("migrate", help=_help(commands.migrate))
    migrate.add_argument("revision", nargs="?", default="head", help="target revision (default: head)")
    migrate.set_defaults(func=commands.migrate)
    return parser


def run(argv: Sequence[str] | None, out: TextIO, err: TextIO) -> int:
    """Parse *argv*, run the command, return its exit code; errors go to *err* as one message."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help
        return int(exc.code or 0)
    try:
        settings = load_settings()
        kwargs = {k: v for k, v in vars(args).items() if k not in {"command", "action", "func", "debug"}}
        result = args.func(settings, out, **kwargs)
    except PgcanonError as exc:
        if args.debug:
            traceback.print_exc(file=err)
        err.write(f"pgcanon: error: {redact(str(exc))}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        err.write("pgcanon: interrupted\n")
        return 130
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
