"""`coprod import`, `export`, `merge`, `backup` and `restore`: getting data in and out safely."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from coprod.domain.errors import CoprodError

if TYPE_CHECKING:
    from coprod.persistence.database import Database

EXIT_OK, EXIT_FAILED = 0, 1


def add_parsers(sub: argparse._SubParsersAction, *, add_db_option: Callable[[argparse.ArgumentParser], None],  # type: ignore[type-arg]
                positive_int: Callable[[str], int]) -> None:
    imp = sub.add_parser("import", help="import a recommendation tracker (CSV or XLSX)")
    add_db_option(imp)
    imp.add_argument("file", metavar="FILE", help="the tracker: .csv or .xlsx")
    imp.add_argument("--dry-run", action="store_true", help="check every row and report; write nothing")
    imp.add_argument("--skip-invalid", action="store_true",
                     help="import the valid rows; write the others with their problems to FILE-rejects.csv")
    imp.add_argument("--kind", choices=("tracker", "risks"),
                     help="a recommendation tracker or a risk register (default: told by the headings)")
    imp.set_defaults(func=cmd_import)

    exp = sub.add_parser("export", help="export recommendations (.xlsx, .csv) or everything (.coprod.json)")
    add_db_option(exp)
    exp.add_argument("--out", metavar="FILE", required=True,
                     help="FILE.xlsx or FILE.csv (the tracker layout) or FILE.coprod.json (every record)")
    exp.add_argument("--kind", choices=("tracker", "risks"),
                     help="risks: the risk register instead of the tracker")
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
    from coprod.cli_risks import cmd_import_risks, wants_risks
    from coprod.services.importing import import_tracker

    risks = wants_risks(args)
    db = _open_for_work(args.db)
    try:
        if risks:
            return cmd_import_risks(args, out, db)
        report = import_tracker(db, args.file, dry_run=args.dry_run, skip_invalid=args.skip_invalid)
    finally:
        db.close()
    for problem in report.problems:
        print(problem, file=out)
    if report.problems and not report.written and not (args.dry_run and args.skip_invalid):
        if report.columns_missing:
            print("Nothing imported: the file lacks columns coprod needs. Rename the headings as "
                  "above and import again.", file=out)
        else:
            print(f"Nothing imported: rows with problems: {report.rejected_rows:,} of {report.rows:,}. "
                  "Correct them and import again, or use --skip-invalid to import the rest.", file=out)
        return EXIT_FAILED
    verb = "Would import" if args.dry_run else "Imported"
    print(f"{verb} {report.rows - report.rejected_rows:,} rows from {report.source.name}: "
          f"{report.created:,} new, {report.updated:,} updated, {report.unchanged:,} unchanged.", file=out)
    if report.rejects_file is not None:
        print(f"Rows skipped: {report.rejected_rows:,}. They are listed with their problems in "
              f"{report.rejects_file}.", file=out)
    return EXIT_OK


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.persistence.database import open_database
    from coprod.services.export import export_tracker
    from coprod.services.interchange import export_interchange, is_interchange

    db = open_database(args.db, create=False)
    try:
        if args.kind == "risks":
            from coprod.cli_risks import cmd_export_risks

            return cmd_export_risks(args, out, db)
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
        if c.kept == "both":
            old, new = c.fields["reference"]
            print(f"conflict: {c.table} {c.row_id}: the reference {old} was already used here for another "
                  f"{c.table}; the merged one is now {new}. Renumber one of them if needed.", file=out)
            continue
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
        from coprod.cli import UsageError

        raise UsageError("restore needs --db to name a database file")
    saved = restore(path, args.backup)
    print(f"Restored {path} from {args.backup}.", file=out)
    if saved is not None:
        print(f"The file as it was before is kept in {saved}.", file=out)
    return EXIT_OK

