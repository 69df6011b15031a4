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
from coprod.i18n import tr

if TYPE_CHECKING:
    from coprod.persistence.database import Database

EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2

log = logging.getLogger("coprod")


class UsageError(Exception):
    """A bad argument: reported in one line, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message.rstrip('.')}; see '{self.prog} --help'.")


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


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", metavar="PATH",
        help="the database file (or an SQLAlchemy URL); default: coprod.db in your data folder",
    )


# ---------------------------------------------------------------- commands


def cmd_demo(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.persistence.database import open_database
    from coprod.services.demo import generate

    db = open_database(args.db)
    try:
        started = time.perf_counter()
        with db.transaction() as session:
            counts = generate(session=session, scale=args.scale, seed=args.seed, as_of=args.as_of)
        seconds = time.perf_counter() - started
    finally:
        db.close()
    shown = {"engagement_session": "sessions", "feedback": "feedback items", "recommendation": "recommendations"}
    summary = ", ".join(f"{counts.tables.get(t, 0):,} {words}" for t, words in shown.items())
    print(f"Demo data written to {db.label}: {summary} ({seconds:.1f} s).", file=out)
    return EXIT_OK


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.persistence.database import open_database
    from coprod.services.check import run_check

    db = open_database(args.db, create=False, migrate_schema=False)
    try:
        report = run_check(db)
    finally:
        db.close()
    print(f"Database: {db.label}", file=out)
    print(f"Integrity: {'ok' if report.integrity == ['ok'] else 'PROBLEMS FOUND'}", file=out)
    for line in report.integrity if report.integrity != ["ok"] else []:
        print(f"  {line}", file=out)
    state = "up to date" if report.revision == report.head else f"needs upgrade to {report.head}"
    print(f"Schema: {report.revision} ({state})", file=out)
    width = max(len(name) for name in report.counts)
    for name, count in report.counts.items():
        print(f"  {name.replace('_', ' '):<{width}}  {count:>9,}", file=out)
    return EXIT_OK if report.ok else EXIT_FAILED


def _open_for_work(target: str | None) -> Database:
    """Open for a command that writes: the first open of the day also takes a backup."""
    from coprod.persistence.database import open_database
    from coprod.services.backup import daily_backup

    db = open_database(target)
    try:
        daily_backup(db)
    except CoprodError:
        db.close()
        raise
    return db


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.services.importing import import_tracker

    db = _open_for_work(args.db)
    try:
        report = import_tracker(db, args.file, dry_run=args.dry_run, skip_invalid=args.skip_invalid)
    finally:
        db.close()
    for problem in report.problems:
        print(problem, file=out)
    if report.problems and not report.written and not (args.dry_run and args.skip_invalid):
        print(f"Nothing imported: {report.rejected_rows:,} of {report.rows:,} rows have problems. "
              "Correct them and import again, or use --skip-invalid to import the rest.", file=out)
        return EXIT_FAILED
    verb = "Would import" if args.dry_run else "Imported"
    print(f"{verb} {report.rows - report.rejected_rows:,} rows from {report.source.name}: "
          f"{report.created:,} new, {report.updated:,} updated, {report.unchanged:,} unchanged.", file=out)
    if report.rejects_file is not None:
        print(f"{report.rejected_rows:,} rows were skipped; they are listed with their problems in "
              f"{report.rejects_file}.", file=out)
    return EXIT_OK


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.persistence.database import open_database
    from coprod.services.export import export_tracker
    from coprod.services.interchange import export_interchange, is_interchange

    db = open_database(args.db, create=False)
    try:
        if is_interchange(args.out):
            count = export_interchange(db, args.out)
            print(f"Exported {count:,} records to {args.out}.", file=out)
        else:
            result = export_tracker(db, args.out)
            print(f"Exported {result.rows:,} recommendations to {result.path}.", file=out)
    finally:
        db.close()
    return EXIT_OK


def cmd_merge(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.services.interchange import merge_interchange

    db = _open_for_work(args.db)
    try:
        report = merge_interchange(db, args.file)
    finally:
        db.close()
    print(f"Merged {args.file}: {report.total_inserted:,} records added, "
          f"{report.total_updated:,} updated, {len(report.conflicts):,} conflicts.", file=out)
    for c in report.conflicts:
        fields = ", ".join(sorted(c.fields))
        print(f"conflict: {c.table} {c.row_id}: {fields} changed in both copies; kept the {c.kept} "
              "version (the later change). Both versions are in the audit log.", file=out)
    return EXIT_OK


def cmd_backup(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.persistence.database import open_database
    from coprod.services.backup import set_backups_to_keep, take

    db = open_database(args.db, create=False)
    try:
        if args.keep is not None:
            set_backups_to_keep(db, args.keep)
        made = take(db, "manual")
    finally:
        db.close()
    print(f"Backup written to {made}.", file=out)
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.persistence.database import resolve
    from coprod.services.backup import restore

    _, path = resolve(args.db)
    if path is None:
        raise UsageError("restore needs --db to name a database file")
    saved = restore(path, args.backup)
    print(f"Restored {path} from {args.backup}.", file=out)
    if saved is not None:
        print(f"The file as it was before is kept in {saved}.", file=out)
    return EXIT_OK


# ---------------------------------------------------------------- parser

Command = Callable[[argparse.Namespace, TextIO], int]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="coprod",
        description="coprod: co-production feedback manager. With no command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"coprod {__version__}")
    add_db_option(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    demo = sub.add_parser("demo", help="write a realistic demo scenario into a new database")
    add_db_option(demo)
    demo.add_argument("--scale", type=positive_int, default=1,
                      help="1 is about 40 recommendations; 250 is 10,000 (default 1)")
    demo.add_argument("--seed", type=int, default=1, help="same seed, same data (default 1)")
    demo.add_argument("--as-of", type=iso_date, default=None, metavar="YYYY-MM-DD",
                      help="the 'today' the scenario is built around (default today)")
    demo.set_defaults(func=cmd_demo)

    check = sub.add_parser("check", help="check a database: integrity, schema version, counts")
    add_db_option(check)
    check.set_defaults(func=cmd_check)

    imp = sub.add_parser("import", help="import a recommendation tracker (CSV or XLSX)")
    add_db_option(imp)
    imp.add_argument("file", metavar="FILE", help="the tracker: .csv or .xlsx")
    imp.add_argument("--dry-run", action="store_true", help="check every row and report; write nothing")
    imp.add_argument("--skip-invalid", action="store_true",
                     help="import the valid rows; write the others with their problems to FILE-rejects.csv")
    imp.set_defaults(func=cmd_import)

    exp = sub.add_parser("export", help="export recommendations (.xlsx, .csv) or everything (.coprod.json)")
    add_db_option(exp)
    exp.add_argument("--out", metavar="FILE", required=True,
                     help="FILE.xlsx or FILE.csv (the tracker layout) or FILE.coprod.json (every record)")
    exp.set_defaults(func=cmd_export)

    merge = sub.add_parser("merge", help="merge another copy's FILE.coprod.json into this database")
    add_db_option(merge)
    merge.add_argument("file", metavar="FILE", help="an interchange file made by 'coprod export'")
    merge.set_defaults(func=cmd_merge)

    backup = sub.add_parser("backup", help="copy the database into its backups folder now")
    add_db_option(backup)
    backup.add_argument("--keep", type=positive_int, default=None, metavar="N",
                        help="from now on keep the newest N backups (default 14)")
    backup.set_defaults(func=cmd_backup)

    restore = sub.add_parser("restore", help="replace the database with a backup (the current file is kept)")
    add_db_option(restore)
    restore.add_argument("backup", metavar="BACKUP", help="the backup file to restore")
    restore.set_defaults(func=cmd_restore)

    return parser


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            from coprod.app import run_gui

            return run_gui(args.db)
        func: Command = args.func
        return func(args, out)
    except UsageError as exc:
        print(f"coprod: {exc}", file=err)
    except CoprodError as exc:
        print(f"coprod: {exc}", file=err)
    except KeyboardInterrupt:
        print("coprod: stopped.", file=err)
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001  (the last line of defence: a sentence, never a traceback)
        where = _log_unexpected()
        print(f"coprod: {tr('cli.unexpected', reason=exc)} Details are in {where}.", file=err)
    return EXIT_ERROR


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
