"""`coprod init`, `demo` and `check`: making a database, filling one with a demo borough, and
checking one's integrity, schema version and counts."""

from __future__ import annotations

import argparse
import time
from typing import TYPE_CHECKING, TextIO

from coprod.cli.common import ExitCode, iso_date, open_to_read, parents, positive_int
from coprod.i18n import N_, ntr, tr

if TYPE_CHECKING:
    from coprod.cli.common import Subparsers


def add_parsers(sub: Subparsers) -> None:
    demo = sub.add_parser("demo", parents=parents(), help=tr("cli.help.demo"))
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

    init = sub.add_parser("init", parents=parents(), help=tr("cli.help.init"))
    init.set_defaults(func=cmd_init)

    check = sub.add_parser("check", parents=parents(reading=True), help=tr("cli.help.check"))
    check.add_argument("--full", action="store_true", help=tr("cli.help.check.full"))
    check.set_defaults(func=cmd_check)


def cmd_demo(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.persistence.database import open_database
    from coprod.services.demo.scenario import write_demo

    db = open_database(args.db, create=True)
    try:
        started = time.perf_counter()
        counts = write_demo(db, scale=args.scale, seed=args.seed, as_of=args.as_of)
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
    return ExitCode.OK


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
    return ExitCode.OK


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.services.data.check import run_check
    from coprod.services.recommendations.undated import undated_sentence

    db = open_to_read(args, migrate_schema=False)
    try:
        report = run_check(db, full=args.full)
    finally:
        db.close()
    print(tr("cli.check.database", path=db.label), file=out)
    integrity = tr("cli.check.ok") if report.integrity == ["ok"] else tr("cli.check.problems")
    print(tr("cli.check.integrity", state=integrity), file=out)
    for line in report.integrity if report.integrity != ["ok"] else []:
        print(f"  {line}", file=out)
    state = (
        tr("cli.check.up_to_date")
        if report.revision == report.head
        else tr("cli.check.needs_upgrade", head=report.head)
    )
    print(tr("cli.check.schema", revision=report.revision, state=state), file=out)
    width = max(len(name) for name in report.counts)
    for name, count in report.counts.items():
        print(f"  {name.replace('_', ' '):<{width}}  {count:>9,}", file=out)
    from coprod.cli.privacy import print_audit_chain

    print_audit_chain(report.audit, out)
    undated = undated_sentence(report.undated_completions)
    if undated:
        print(undated, file=out)
    return ExitCode.OK if report.ok else ExitCode.FAILED
