"""`coprod conflicts`: fields two people changed, as the team server recorded them at sync.

coprod conflicts --db URL|laptop.db                             list those not settled yet
coprod conflicts settle ID --keep ours|theirs --db URL          settle one (managers only)

`--keep ours` keeps the value the record holds now; `--keep theirs` puts back the value that
was set aside. On a laptop copy, the server it syncs with is asked.
"""

from __future__ import annotations

import argparse
import uuid
from typing import TYPE_CHECKING, Any, TextIO

from coprod.cli.common import ExitCode, UsageError, open_to_read, parents, refuse_read_only
from coprod.i18n import ntr, tr

if TYPE_CHECKING:
    from coprod.services.sync.conflicts import Conflict


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:  # Any: their parser class is coprod's Parser
    conflicts = sub.add_parser("conflicts", parents=parents(reading=True), help=tr("cli.help.conflicts"))
    conflicts.set_defaults(func=cmd_list)
    actions = conflicts.add_subparsers(dest="action", metavar="ACTION")
    settle = actions.add_parser("settle", parents=parents(), help=tr("cli.help.conflicts.settle"))
    settle.add_argument("id", metavar="ID", help=tr("cli.help.conflicts.id"))
    settle.add_argument(
        "--keep", choices=("ours", "theirs"), required=True, help=tr("cli.help.conflicts.keep")
    )
    settle.set_defaults(func=cmd_settle)


def _who(login: str | None) -> str:
    return login or tr("conflicts.someone")


def cmd_list(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.services.sync.conflicts import unsettled

    db = open_to_read(args, migrate_schema=False)
    try:
        found = unsettled(db)
    finally:
        db.close()
    if not found:
        print(tr("conflicts.none"), file=out)
        return ExitCode.OK
    print(ntr("cli.conflicts.count", len(found)), file=out)
    for conflict in found:
        _print(conflict, out)
    return ExitCode.OK


def _print(c: Conflict, out: TextIO) -> None:
    from coprod.services.sync.conflicts import field_label
    from coprod.services.sync.conflicts import value_text as shown

    print(file=out)
    record = c.record or tr("conflicts.gone")
    print(tr("cli.conflicts.heading", id=str(c.id), record=record, field=field_label(c.field)), file=out)
    print(
        "  " + tr("cli.conflicts.kept", value=shown(c.kept), who=_who(c.kept_by), time=shown(c.at)), file=out
    )
    print("  " + tr("cli.conflicts.other", value=shown(c.other), who=_who(c.other_by)), file=out)


def cmd_settle(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.services.sync.conflicts import field_label, settle
    from coprod.services.sync.conflicts import value_text as shown

    try:
        conflict_id = uuid.UUID(args.id)
    except ValueError:
        raise UsageError(tr("cli.conflicts.bad_id", id=args.id)) from None
    # A laptop copy is only read (the choice is written on its server); the server is written.
    refuse_read_only(args, "conflicts settle")
    db = open_to_read(args, migrate_schema=False)
    try:
        done = settle(db, conflict_id, keep=args.keep)
    finally:
        db.close()
    said = {"record": done.record or tr("conflicts.gone"), "field": field_label(done.field)}
    if done.changed:
        print(tr("conflicts.settled_changed", value=shown(done.value), **said), file=out)
    else:
        print(tr("conflicts.settled_kept", value=shown(done.value), **said), file=out)
    return ExitCode.OK
