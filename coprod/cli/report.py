"""`coprod report`: You said, we did; the board lag report; the review pack, as PDF or HTML.

Redactions, plain-English advice and what changed since the last published version are
printed after the file is written; a refusal (bad scope, text the PDF font cannot show) is
one sentence and exit 2 like every other command.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from coprod.cli.common import ExitCode, UsageError, iso_date, open_to_read, open_to_write, parents
from coprod.i18n import N_, tr
from coprod.i18n.dates import long_day

if TYPE_CHECKING:
    from coprod.cli.common import Subparsers
    from coprod.services.reports.readability import Advice


def add_parsers(sub: Subparsers) -> None:
    report = sub.add_parser(
        "report",
        parents=parents(reading=True),
        help=tr("cli.help.report"),
    )
    report.add_argument(
        "kind", choices=["you-said-we-did", "lag", "review", "risks"], help=tr("cli.help.report.kind")
    )
    report.add_argument(
        "--out",
        required=True,
        metavar="FILE",
        help=tr("cli.help.report.out"),
    )
    where = report.add_mutually_exclusive_group()
    where.add_argument("--session", metavar="ID", help=tr("cli.help.report.session"))
    where.add_argument("--strategy", metavar="NAME", help=tr("cli.help.report.strategy"))
    report.add_argument(
        "--from",
        dest="date_from",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help=tr("cli.help.report.from"),
    )
    report.add_argument(
        "--to",
        dest="date_to",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help=tr("cli.help.report.to"),
    )
    report.add_argument(
        "--as-of",
        type=iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help=tr("cli.help.report.as_of"),
    )
    report.add_argument("--easy-read", action="store_true", help=tr("cli.help.report.easy_read"))
    report.add_argument("--advice", action="store_true", help=tr("cli.help.report.advice"))
    report.add_argument(
        "--name-officers",
        action="store_true",
        help=tr("cli.help.report.name_officers"),
    )
    report.add_argument(
        "--publish",
        action="store_true",
        help=tr("cli.help.report.publish"),
    )
    report.set_defaults(func=cmd_report)


def cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    import uuid

    from coprod.services.reports.generate import ReportRequest
    from coprod.services.reports.scope import Scope
    from coprod.services.reports.staged import make

    try:
        session_id = uuid.UUID(args.session) if args.session else None
    except ValueError:
        raise UsageError(tr("report.bad_session_id", value=args.session)) from None
    request = ReportRequest(
        kind=args.kind,
        out=Path(args.out),
        as_of=args.as_of or date.today(),
        scope=Scope(
            session_id=session_id, strategy=args.strategy, date_from=args.date_from, date_to=args.date_to
        ),
        easy_read=args.easy_read,
        publish=args.publish,
        name_officers=args.name_officers,
    )
    request.format  # noqa: B018  (refuse a bad file name before opening anything)
    db = open_to_write(args) if args.publish else open_to_read(args)
    try:
        # The file is drawn with the database free; its audit event is written as it is put in
        # place (a read-only file's waits in the user's queue, as for every export).
        result = make(db, request)
    finally:
        db.close()
    for redaction in result.redactions:
        print(tr("cli.report.redacted", what=redaction.describe()), file=out)
    _print_advice(result.advice, every=args.advice, out=out)
    if result.report.notice:
        print(tr("report.draft_advice"), file=out)
    print(result.changes.summary(published=result.published), file=out)
    for key, refs in (
        (N_("ui.reports.changed"), result.changes.changed),
        (N_("ui.reports.new"), result.changes.new),
        (N_("ui.reports.removed"), result.changes.removed),
    ):
        if refs:
            print("  " + tr(key, refs=", ".join(refs)), file=out)
    if result.published:
        print(tr("report.published", when=long_day(request.as_of)), file=out)
    print(tr("report.saved", path=result.path), file=out)
    return ExitCode.OK


def _print_advice(advice: list[Advice], *, every: bool, out: TextIO) -> None:
    """Each plain-English suggestion with --advice; else how many, and the words met most."""
    from coprod.services.reports.readability import each_suggestion, summary_sentences

    if every:
        for one in each_suggestion(advice):
            print(tr("cli.report.plain_english", what=one), file=out)
        return
    for n, sentence in enumerate(summary_sentences(advice)):
        print(("  " if n else "") + sentence, file=out)
    if advice:
        print(tr("cli.report.advice_every"), file=out)
