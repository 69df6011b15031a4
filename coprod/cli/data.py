"""`coprod import`, `export`, `merge`, `backup` and `restore`: getting data in and out safely."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

from coprod.cli import risks
from coprod.cli.common import (
    ExitCode,
    UsageError,
    ask_passphrase,
    open_for_work,
    open_to_read,
    open_to_read_or_change,
    parents,
    positive_int,
)
from coprod.domain.errors import DatabaseProblem
from coprod.i18n import N_, ntr, tr

if TYPE_CHECKING:
    from coprod.cli.common import Subparsers
    from coprod.services.data.importing import ImportReport, Mapping, Table
    from coprod.services.data.interchange import MergeReport


def add_parsers(sub: Subparsers) -> None:
    common, reading = parents(), parents(reading=True)
    imp = sub.add_parser("import", parents=common, help=tr("cli.help.import"))
    imp.add_argument("file", metavar="FILE", help=tr("cli.help.data.file"))
    imp.add_argument("--dry-run", action="store_true", help=tr("cli.help.data.dry_run"))
    imp.add_argument("--skip-invalid", action="store_true", help=tr("cli.help.data.skip_invalid"))
    imp.add_argument("--sheet", metavar="NAME", help=tr("cli.help.data.sheet"))
    imp.add_argument(
        "--map", metavar="HEADING=FIELD", action="append", default=[], help=tr("cli.help.data.map")
    )
    imp.add_argument("--mapping", metavar="FILE", help=tr("cli.help.data.mapping"))
    imp.add_argument("--rag-means", choices=("outcome", "progress"), help=tr("cli.help.data.rag_means"))
    imp.add_argument("--kind", choices=("tracker", "risks"), help=tr("cli.help.data.kind"))
    imp.set_defaults(func=cmd_import)

    exp = sub.add_parser("export", parents=reading, help=tr("cli.help.export"))
    exp.add_argument("--out", metavar="FILE", required=True, help=tr("cli.help.data.out"))
    exp.add_argument("--kind", choices=("tracker", "risks"), help=tr("cli.help.data.kind_2"))
    exp.add_argument("--encrypt", action="store_true", help=tr("cli.help.data.encrypt"))
    exp.set_defaults(func=cmd_export)

    merge = sub.add_parser("merge", parents=common, help=tr("cli.help.merge"))
    merge.add_argument("file", metavar="FILE", help=tr("cli.help.data.file_2"))
    merge.add_argument("--allow-mass-delete", action="store_true", help=tr("cli.help.data.allow_mass_delete"))
    merge.set_defaults(func=cmd_merge)

    # A backup only reads the database (the copy goes to its backups folder), unless --keep
    # saves a new number of copies to keep.
    backup = sub.add_parser("backup", parents=reading, help=tr("cli.help.backup"))
    backup.add_argument("--keep", type=positive_int, default=None, metavar="N", help=tr("cli.help.data.keep"))
    backup.set_defaults(func=cmd_backup)

    restore = sub.add_parser("restore", parents=common, help=tr("cli.help.restore"))
    restore.add_argument("backup", metavar="BACKUP", help=tr("cli.help.data.backup"))
    restore.set_defaults(func=cmd_restore)


CONSTRAINTS = frozenset({"db.constraint", "db.missing_parent"})


@contextmanager
def naming(source: str) -> Iterator[None]:
    """A rule the incoming data broke is said about the file it came from, not the database."""
    try:
        yield
    except DatabaseProblem as exc:
        if exc.code not in CONSTRAINTS:
            raise
        raise DatabaseProblem(exc.code, **{**exc.params, "source": source}) from exc


def _chosen_mapping(args: argparse.Namespace) -> tuple[Table, Mapping]:
    from coprod.services.data.importing import detect_mapping, read_table
    from coprod.services.data.importing.mapping import apply_choices, load_profile, parse_map_option

    choices = load_profile(args.mapping) if args.mapping else {}
    choices.update(parse_map_option(text) for text in args.map)
    table = read_table(args.file, sheet=args.sheet)
    mapping = detect_mapping(table.headers, [cells for _, cells in table.rows])
    return table, apply_choices(table.headers, mapping, choices)


def _print_mapping(report: ImportReport, out: TextIO) -> None:
    from coprod.services.data.importing.mapping import describe

    if report.sheet:
        print(tr("import.sheet_used", sheet=report.sheet), file=out)
    print(tr("import.mapping_used"), file=out)
    for heading, field in describe(report.headers, report.mapping):
        if heading:
            key = N_("import.mapping_line") if field else N_("import.mapping_ignored")
            print(tr(key, heading=heading, field=field), file=out)


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.services.data.importing import import_tracker

    register = risks.wants_risks(args)
    table, mapping = (None, None) if register else _chosen_mapping(args)
    db = open_for_work(args)
    try:
        if register:
            return risks.cmd_import_risks(args, out, db)
        with naming(args.file):
            report = import_tracker(
                db,
                args.file,
                dry_run=args.dry_run,
                skip_invalid=args.skip_invalid,
                table=table,
                mapping=mapping,
                rag_means=args.rag_means,
            )
    finally:
        db.close()
    if args.dry_run:
        _print_mapping(report, out)
    if report.encoding_guessed:
        print(tr("import.encoding_guessed", encoding=report.encoding), file=out)
    for problem in report.problems:
        print(problem, file=out)
    if report.problems and not report.written and not (args.dry_run and args.skip_invalid):
        if report.needs_rag_meaning:
            print(tr("import.nothing_rag"), file=out)
        elif report.columns_missing:
            print(tr("cli.import.no_columns"), file=out)
        else:
            refused = tr("cli.import.refused", bad=f"{report.rejected_rows:,}", rows=f"{report.rows:,}")
            print(refused, file=out)
        return ExitCode.FAILED
    counts = {
        "file": report.source.name,
        "new": f"{report.created:,}",
        "updated": f"{report.updated:,}",
        "unchanged": f"{report.unchanged:,}",
    }
    rows = report.rows - report.rejected_rows
    print(
        ntr("cli.import.would", rows, **counts) if args.dry_run else ntr("cli.import.done", rows, **counts),
        file=out,
    )
    if report.rejects_file is not None:
        print(tr("cli.import.skipped", bad=f"{report.rejected_rows:,}", path=report.rejects_file), file=out)
    for sentence in report.missing_sentences():
        print(sentence, file=out)
    return ExitCode.OK


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.services.data.export import export_tracker
    from coprod.services.data.interchange import export_interchange, is_interchange

    db = open_to_read(args)
    try:
        if args.kind == "risks":
            return risks.cmd_export_risks(args, out, db)
        if is_interchange(args.out):
            phrase = ask_passphrase(args.out, confirm=True) if args.encrypt else None
            count = export_interchange(db, args.out, passphrase=phrase)
            print(ntr("cli.export.records", count, path=args.out), file=out)
        else:
            result = export_tracker(db, args.out)
            print(ntr("cli.export.recommendations", result.rows, path=result.path), file=out)
    finally:
        db.close()
    return ExitCode.OK


def cmd_merge(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.services.data.interchange import merge_interchange
    from coprod.services.data.sealed import is_sealed

    db = open_for_work(args)
    try:
        with naming(args.file):
            phrase = ask_passphrase(args.file, confirm=False) if is_sealed(args.file) else None
            report = merge_interchange(
                db, args.file, allow_mass_delete=args.allow_mass_delete, passphrase=phrase
            )
    finally:
        db.close()
    print(
        tr(
            "merge.done",
            path=args.file,
            added=ntr("count.records", report.total_inserted),
            updated=f"{report.total_updated:,}",
            conflicts=ntr("count.conflicts", len(report.conflicts)),
        ),
        file=out,
    )
    for line in conflict_lines(report):
        print(line, file=out)
    return ExitCode.OK


def conflict_lines(report: MergeReport) -> list[str]:
    """One line per conflicting record, naming each clashing field with both its values."""
    from coprod.persistence.audit import shown_value

    lines = []
    for c in report.conflicts:
        if c.kept == "both":
            old, new = c.fields["reference"]
            lines.append(tr("merge.conflict_reference", table=c.table, row_id=c.row_id, old=old, new=new))
            continue
        fields = "; ".join(
            tr(
                "merge.conflict_field",
                field=name,
                local=shown_value(c.table, name, local),
                incoming=shown_value(c.table, name, incoming),
            )
            for name, (local, incoming) in sorted(c.fields.items())
        )
        lines.append(tr("merge.conflict", table=c.table, row_id=c.row_id, fields=fields, kept=c.kept))
    return lines


def cmd_backup(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.services.data.backup import back_up, set_backups_to_keep

    db = open_to_read_or_change(args, change="backup --keep" if args.keep is not None else None)
    try:
        if db.path is None:
            raise DatabaseProblem("backup.not_a_file", path=db.label)
        if args.keep is not None:
            set_backups_to_keep(db, args.keep)
        made = back_up(db, "manual")
    finally:
        db.close()
    assert made is not None
    if made.new:
        print(tr("cli.backup.written", path=made.path), file=out)
    else:
        print(tr("cli.backup.unchanged", path=made.path), file=out)
    return ExitCode.OK


def cmd_restore(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.persistence.database import resolve
    from coprod.services.data.backup import restore

    _, path = resolve(args.db)
    if path is None:
        raise UsageError(tr("cli.restore.needs_db"))
    saved = restore(path, args.backup)
    print(tr("cli.restore.done", path=path, backup=args.backup), file=out)
    if saved is not None:
        print(tr("cli.restore.kept", path=saved), file=out)
    return ExitCode.OK
