"""`coprod settings`: the team rules and the council's contact details, by name.

coprod settings list
coprod settings set contact_phone "01632 960000"
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from coprod.cli.common import ExitCode, open_to_read, open_to_write, parents
from coprod.i18n import tr

if TYPE_CHECKING:
    from coprod.cli.common import Subparsers


def add_parsers(sub: Subparsers) -> None:
    common = parents()
    settings = sub.add_parser(
        "settings",
        parents=common,
        help=tr("cli.help.settings"),
    )
    actions = settings.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", parents=parents(reading=True), help=tr("cli.help.list"))
    listing.set_defaults(func=cmd_list)
    setting = actions.add_parser("set", parents=common, help=tr("cli.help.set"))
    setting.add_argument("key", metavar="KEY")
    setting.add_argument("value", metavar="VALUE", help=tr("cli.help.settings.value"))
    setting.set_defaults(func=cmd_set)
    picture = actions.add_parser(
        "picture",
        parents=common,
        help=tr("cli.help.picture"),
    )
    picture.add_argument("theme", metavar="THEME")
    picture.add_argument("picture", metavar="NAME_OR_FILE", help=tr("cli.help.settings.picture"))
    picture.set_defaults(func=cmd_picture)
    names = actions.add_parser("pictures", help=tr("cli.help.pictures"))
    names.set_defaults(func=cmd_pictures)


def cmd_list(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.services.team.settings import list_settings

    db = open_to_read(args)
    try:
        with db.reading() as session:
            rows = list_settings(session=session)
    finally:
        db.close()
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        shown = value.replace("\n", "\\n") if value else tr("settings.not_set")
        print(f"{key:<{width}}  {shown}", file=out)
    return ExitCode.OK


def cmd_picture(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.services.reports.pictures import choose_picture

    db = open_to_write(args)
    try:
        with db.transaction() as session:
            choose_picture(session=session, theme=args.theme, picture=args.picture)
    finally:
        db.close()
    print(tr("settings.saved", key=args.theme), file=out)
    return ExitCode.OK


def cmd_pictures(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.services.reports.pictures import named, names

    for name in names():
        print(f"{name:<14}  {named(name).alt}", file=out)
    return ExitCode.OK


def cmd_set(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.services.team.settings import set_setting

    db = open_to_write(args)
    try:
        with db.transaction() as session:
            set_setting(session=session, key=args.key, value=args.value)
    finally:
        db.close()
    print(tr("settings.saved", key=args.key.strip().lower().replace("-", "_")), file=out)
    return ExitCode.OK
