"""`coprod sync`: a laptop's own copy of the team server's data, brought up to date both ways.

coprod sync --db laptop.db --server postgresql://sam@host/coprod --first   a new laptop copy
coprod sync --db laptop.db [--server URL]                                  send, then receive
coprod sync --db laptop.db --status                                        last sync, changes waiting
"""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING, TextIO

from coprod.cli.common import ExitCode, UsageError, open_to_write, parents
from coprod.i18n import ntr, tr
from coprod.i18n.dates import moment

if TYPE_CHECKING:
    from coprod.cli.common import Subparsers
    from coprod.services.sync import SyncReport


def add_parsers(sub: Subparsers) -> None:
    sync = sub.add_parser("sync", parents=parents(), help=tr("cli.help.sync"))
    sync.add_argument("--server", metavar="URL", default=None, help=tr("cli.help.sync.server"))
    what = sync.add_mutually_exclusive_group()
    what.add_argument("--first", action="store_true", help=tr("cli.help.sync.first"))
    what.add_argument("--status", action="store_true", help=tr("cli.help.sync.status"))
    sync.set_defaults(func=cmd_sync)


def _when(at: datetime) -> str:
    return moment(at.astimezone())


def cmd_sync(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.services.sync import make_copy, sync, sync_status

    if args.db is None:
        raise UsageError(tr("cli.sync.db_needed"))
    if args.first:
        if args.server is None:
            raise UsageError(tr("cli.sync.server_needed"))
        report = make_copy(args.db, args.server)
        print(ntr("cli.sync.copied", report.received, server=report.server, path=args.db), file=out)
        return ExitCode.OK
    db = open_to_write(args)
    try:
        if args.status:
            status = sync_status(db)
            if status.last_sync_at is not None:
                print(tr("cli.sync.last", server=status.label, time=_when(status.last_sync_at)), file=out)
            print(ntr("cli.sync.waiting", status.waiting), file=out)
            return ExitCode.OK
        _print(sync(db, args.server), out)
    finally:
        db.close()
    return ExitCode.OK


def _print(report: SyncReport, out: TextIO) -> None:
    if report.moved_from is not None:
        print(tr("cli.sync.moved", server=report.server, old=report.moved_from), file=out)
    went_back = report.went_back()
    if went_back is not None:
        print(went_back, file=out)
    print(tr("cli.sync.synced", server=report.server, time=_when(report.at)), file=out)
    print(ntr("cli.sync.sent", report.sent), file=out)
    print(ntr("cli.sync.received", report.received), file=out)
    if report.conflicts:
        print(ntr("cli.sync.conflicts", report.conflicts), file=out)
