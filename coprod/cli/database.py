"""`coprod init`, `demo` and `check`: making a database, filling one with a demo borough, and
checking one's integrity, schema version and counts."""

from __future__ import annotations

import argparse
import time
from typing import TYPE_CHECKING, TextIO

from coprod.cli.common import ExitCode, iso_date, open_to_read, parents, positive_int

if TYPE_CHECKING:
    from coprod.cli.common import Subparsers


def add_parsers(sub: Subparsers) -> None:
    demo = sub.add_parser(
        "demo", parents=parents(), help="write a realistic demo scenario into a new database"
    )
    demo.add_argument(
        "--scale",
        type=positive_int,
        default=1,
        help="1 is about 40 recommendations; 250 is 10,000 (default 1)",
    )
    demo.add_argument("--seed", type=int, default=1, help="same seed, same data (default 1)")
    demo.add_argument(
        "--as-of",
        type=iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the 'today' the scenario is built around (default today)",
    )
    demo.set_defaults(func=cmd_demo)

    init = sub.add_parser("init", parents=parents(), help="make a new, empty coprod database at --db")
    init.set_defaults(func=cmd_init)

    check = sub.add_parser(
        "check", parents=parents(reading=True), help="check a database: integrity, schema version, counts"
    )
    check.add_argument(
        "--full", action="store_true", help="also check that every index matches its table (slower)"
    )
    check.set_defaults(func=cmd_check)


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
        "engagement_session": "sessions",
        "feedback": "feedback items",
        "recommendation": "recommendations",
    }
    summary = ", ".join(f"{counts.tables.get(t, 0):,} {words}" for t, words in shown.items())
    print(f"Demo data written to {db.label}: {summary} ({seconds:.1f} s).", file=out)
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
    print(f"New coprod database made at {db.label}.", file=out)
    return ExitCode.OK


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.services.data.check import run_check
    from coprod.services.recommendations.completions import undated_sentence

    db = open_to_read(args, migrate_schema=False)
    try:
        report = run_check(db, full=args.full)
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
    from coprod.cli.privacy import print_audit_chain

    print_audit_chain(report.audit, out)
    undated = undated_sentence(report.undated_completions)
    if undated:
        print(undated, file=out)
    return ExitCode.OK if report.ok else ExitCode.FAILED
