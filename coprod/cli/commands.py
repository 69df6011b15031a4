"""The command line. Every command calls the same services as the desktop app.

Errors print one plain sentence on stderr and exit 2; never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from coprod import __version__
from coprod.domain.errors import CoprodError
from coprod.i18n import N_, describe, ntr, set_language, tr

if TYPE_CHECKING:
    from coprod.persistence.database import Database

EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2
READING_COMMANDS = frozenset({"lag", "stalled", "report", "export", "check"})

log = logging.getLogger("coprod")


class UsageError(Exception):
    """A bad argument: reported in one line, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(tr("cli.usage", problem=message.rstrip("."), prog=self.prog))


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(tr("cli.bad_date", value=value)) from None


def positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(tr("cli.bad_number", value=value, minimum=1))
    return number


DB_HELP = N_("cli.help.db")


def common_options(*, reading: bool = False) -> _Parser:
    """Options every command takes, the same before or after the command's name.

    Given after the command they leave no default behind, so a value given before it stands.
    Commands that only read also take --read-only.
    """
    common = _Parser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=tr(DB_HELP))
    if reading:
        common.add_argument("--read-only", action="store_true", default=argparse.SUPPRESS,
                            help=tr("cli.help.commands.read_only_2"))
    return common


def open_to_read(args: argparse.Namespace, **kwargs: bool) -> Database:
    """Open --db for a command that only reads: read only if asked, or if it cannot be written."""
    from coprod.persistence.database import open_database, resolve, writable

    _, path = resolve(args.db)
    read_only = getattr(args, "read_only", False) or (
        path is not None and path.is_file() and not writable(path))
    return open_database(args.db, create=False, read_only=read_only, **kwargs)


# ---------------------------------------------------------------- commands


def cmd_demo(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.persistence.database import open_database
    from coprod.services.demo.scenario import generate

    db = open_database(args.db, create=True)
    try:
        started = time.perf_counter()
        with db.transaction() as session:
            counts = generate(session=session, scale=args.scale, seed=args.seed, as_of=args.as_of)
        seconds = time.perf_counter() - started
    finally:
        db.close()
    shown = {
        "engagement_session": N_("count.session"),
        "feedback": N_("cli.count.feedback"),
        "recommendation": N_("count.recommendation"),
    }
    summary = ", ".join(ntr(key, counts.tables.get(t, 0)) for t, key in shown.items())
    print(tr("cli.demo_written", path=db.label, summary=summary, seconds=f"{seconds:.1f}"), file=out)
    return EXIT_OK


def cmd_init(args: argparse.Namespace, out: TextIO) -> int:
    """Make a new, empty coprod database; a file that already holds anything is left alone."""
    from coprod.domain.errors import DatabaseProblem
    from coprod.persistence.database import open_database, resolve

    _, path = resolve(args.db)
    if path is not None and path.is_file() and path.stat().st_size > 0:
        raise DatabaseProblem("db.exists", path=str(path))
    db = open_database(args.db, create=True)
    db.close()
    print(tr("cli.init_done", path=db.label), file=out)
    return EXIT_OK


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.services.data.check import run_check
    from coprod.services.recommendations.completions import undated_sentence

    db = open_to_read(args, migrate_schema=False)
    try:
        report = run_check(db)
    finally:
        db.close()
    print(tr("cli.check.database", path=db.label), file=out)
    integrity = tr("cli.check.ok") if report.integrity == ["ok"] else tr("cli.check.problems")
    print(tr("cli.check.integrity", state=integrity), file=out)
    for line in report.integrity if report.integrity != ["ok"] else []:
        print(f"  {line}", file=out)
    state = tr("cli.check.up_to_date") if report.revision == report.head else tr(
        "cli.check.needs_upgrade", head=report.head
    )
    print(tr("cli.check.schema", revision=report.revision, state=state), file=out)
    width = max(len(name) for name in report.counts)
    for name, count in report.counts.items():
        print(f"  {name.replace('_', ' '):<{width}}  {count:>9,}", file=out)
    undated = undated_sentence(report.undated_completions)
    if undated:
        print(undated, file=out)
    return EXIT_OK if report.ok else EXIT_FAILED


# ---------------------------------------------------------------- parser

Command = Callable[[argparse.Namespace, TextIO], int]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="coprod",
        description=tr("cli.help.description"),
    )
    parser.add_argument("--version", action="version", version=f"coprod {__version__}")
    parser.add_argument("--db", metavar="PATH", default=None, help=tr(DB_HELP))
    parser.add_argument("--read-only", action="store_true", default=False,
                        help=tr("cli.help.commands.read_only"))
    common = [common_options()]
    reading = [common_options(reading=True)]
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    demo = sub.add_parser("demo", parents=common,
                            help=tr("cli.help.demo"))
    demo.add_argument(
        "--scale",
        type=positive_int,
        default=1,
        help=tr("cli.help.commands.scale"),
    )
    demo.add_argument("--seed", type=int, default=1, help=tr("cli.help.commands.seed"))
    demo.add_argument(
        "--as-of",
        type=iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help=tr("cli.help.commands.as_of"),
    )
    demo.set_defaults(func=cmd_demo)

    init = sub.add_parser("init", parents=common,
                            help=tr("cli.help.init"))
    init.set_defaults(func=cmd_init)

    check = sub.add_parser("check", parents=reading,
                            help=tr("cli.help.check"))
    check.set_defaults(func=cmd_check)

    from coprod.cli import lag as cli_lag

    cli_lag.add_parsers(sub, common=reading, iso_date=iso_date)

    from coprod.cli import data as cli_data
    from coprod.cli import report as cli_report
    from coprod.cli import settings as cli_settings

    cli_data.add_parsers(sub, common=common, reading=reading, positive_int=positive_int)
    cli_report.add_parsers(sub, common=reading, iso_date=iso_date)
    cli_settings.add_parsers(sub, common=common)
    from coprod.cli import risks as cli_risks

    cli_risks.add_parsers(sub, common=common, iso_date=iso_date)

    return parser


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    set_language()  # COPROD_LANG, then the system's locale
    err = err or sys.stderr
    # A library object that fails again while being freed (a zip file on a full disk) would
    # print a traceback; it goes to the log instead, the sentence already said what happened.
    sys.unraisablehook = _log_unraisable
    try:
        args = build_parser().parse_args(argv)
        from coprod.persistence.presence import set_program

        if args.command is None:
            from coprod.app import run_gui

            set_program("the coprod desktop app")
            return run_gui(args.db, read_only=args.read_only)
        if args.read_only and args.command not in READING_COMMANDS:
            raise UsageError(tr("cli.read_only_command", command=args.command))
        set_program(f"coprod {args.command}")
        func: Command = args.func
        return func(args, out)
    except UsageError as exc:
        print(f"coprod: {exc}", file=err)
    except CoprodError as exc:
        print(f"coprod: {describe(exc)}", file=err)
    except KeyboardInterrupt:
        print("coprod: " + tr("cli.stopped"), file=err)
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001  (the last line of defence: a sentence, never a traceback)
        where = _log_unexpected()
        sentence = tr("cli.unexpected", reason=exc) + " " + tr("cli.details_in", path=where)
        print(f"coprod: {sentence}", file=err)
    return EXIT_ERROR


def _log_unraisable(unraisable: sys.UnraisableHookArgs) -> None:
    log.debug("ignored while freeing %r", unraisable.object, exc_info=unraisable.exc_value)


def _log_unexpected() -> Path:
    import traceback

    import platformdirs

    path = platformdirs.user_log_path("coprod", appauthor=False) / "coprod.log"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(traceback.format_exc())
    except OSError:
        pass
    return path
