"""The entry point: `coprod [--db PATH] [COMMAND ...]`. Every command calls the same services as
the desktop app.

Errors print one plain sentence on stderr, never a traceback; `ExitCode` says what the shell
sees. An unexpected error goes, with its traceback, to the log file, whose path the sentence
gives.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TextIO

from coprod import __version__
from coprod.cli import conflicts as conflicts_cli
from coprod.cli import data, database, encryption, lag, privacy, report, risks, server, settings, sync
from coprod.cli.common import DB_HELP, Command, ExitCode, OpenWindow, Parser, UsageError
from coprod.domain.errors import CoprodError
from coprod.i18n import describe, language, set_language, tr

log = logging.getLogger("coprod")


@functools.cache
def parser_in(lang: str) -> Parser:
    """The command line's parser, its help in `lang` (the language active when it is built,
    which is why `lang` is the key): built once a process for each language. Building takes
    about 12 ms, half of it argparse searching the disk for a catalogue of its own for each of
    its messages. Parsing leaves it as it was, so a process running many commands (the tests)
    reuses it."""
    return build_parser()


def build_parser() -> Parser:
    parser = Parser(
        prog="coprod",
        description=tr("cli.help.description"),
    )
    parser.add_argument("--version", action="version", version=f"coprod {__version__}")
    parser.add_argument("--db", metavar="PATH", default=None, help=tr(DB_HELP))
    parser.add_argument(
        "--read-only", action="store_true", default=False, help=tr("cli.help.commands.read_only")
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for group in (database, lag, data, report, settings, risks, privacy, encryption, server, sync):
        group.add_parsers(sub)
    conflicts_cli.add_parsers(sub)
    return parser


def main(
    argv: Sequence[str] | None = None,
    *,
    out: TextIO | None = None,
    err: TextIO | None = None,
    open_window: OpenWindow | None = None,
) -> int:
    """Run `coprod ARGV`; with no command, `open_window` opens the desktop app (`coprod.app`)."""
    out = out or sys.stdout
    set_language()  # COPROD_LANG, then the system's locale
    err = err or sys.stderr
    # A library object that fails again while being freed (a zip file on a full disk) would
    # print a traceback; it goes to the log instead, the sentence already said what happened.
    sys.unraisablehook = _log_unraisable
    args = None
    try:
        args = parser_in(language()).parse_args(argv)
        from coprod.persistence.presence import set_program

        if args.command is None:
            if open_window is None:
                raise UsageError(tr("cli.no_command"))
            set_program("the coprod desktop app")
            return open_window(args.db, read_only=args.read_only)
        if args.read_only and not getattr(args, "reads_only", False):
            raise UsageError(tr("cli.read_only_command", command=args.command))
        set_program(f"coprod {args.command}")
        func: Command = args.func
        code = func(args, out)
        out.flush()  # a reader that went away is noticed here, not after the exit code is decided
        return code
    except UsageError as exc:
        print(f"coprod: {exc}", file=err)
    except CoprodError as exc:
        if exc.code == "db.read_only" and args is not None and args.command:
            # A command that only reads opens such a file read only by itself, so this one was
            # changing it: "or open it read only", right for the window, cannot help here.
            exc = CoprodError("cli.read_only_file", path=exc.params.get("path"), command=args.command)
        print(f"coprod: {describe(exc)}", file=err)
    except KeyboardInterrupt:
        print("coprod: " + tr("cli.interrupted"), file=err)
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        _quiet_closed_pipe(out)
        return ExitCode.OK
    except Exception as exc:  # noqa: BLE001  (the last line of defence: a sentence, never a traceback)
        sentence = tr("cli.unexpected", reason=exc) + " " + _log_unexpected(argv)
        print(f"coprod: {sentence}", file=err)
    return ExitCode.ERROR


def _quiet_closed_pipe(out: TextIO) -> None:
    """The reader of our output went away (`coprod lag | head -1`): what is still buffered can
    go nowhere, and Python would print a traceback trying to flush it at exit."""
    if out is not sys.__stdout__:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, out.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _log_unraisable(unraisable: sys.UnraisableHookArgs) -> None:
    log.debug("ignored while freeing %r", unraisable.object, exc_info=unraisable.exc_value)


def log_path() -> Path:
    """Where unexpected errors are written: coprod.log in the user's log folder."""
    import platformdirs

    return platformdirs.user_log_path("coprod", appauthor=False) / "coprod.log"


def _log_unexpected(argv: Sequence[str] | None) -> str:
    """Append the traceback being handled to the log; the sentence that says where it went."""
    import traceback

    path = log_path()
    command = " ".join(["coprod", *(sys.argv[1:] if argv is None else argv)])
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"{datetime.now():%Y-%m-%d %H:%M:%S} {command}\n{traceback.format_exc()}\n")
    except OSError as exc:
        return tr("cli.log_failed", path=path, reason=exc.strerror or exc)
    return tr("cli.log_written", path=path)
