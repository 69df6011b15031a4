"""`coprod server`: a PostgreSQL database as the team's server, and the logins that use it.

coprod server init --db postgresql://owner@host/coprod --admin alex
coprod server add-user sam --role officer --team "Adult Social Care" --db URL
coprod server users --db URL
coprod server change-user sam --role manager --db URL      (--team, --no-team, --disable, --enable)
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, TextIO

from coprod.cli.common import ExitCode, UsageError, open_to_write, parents
from coprod.i18n import N_, tr

if TYPE_CHECKING:
    from coprod.cli.common import Subparsers
    from coprod.services.team.server import Member


def add_parsers(sub: Subparsers) -> None:
    common = parents()
    server = sub.add_parser("server", parents=common, help=tr("cli.help.server"))
    actions = server.add_subparsers(dest="action", metavar="ACTION", required=True)

    init = actions.add_parser("init", parents=common, help=tr("cli.help.server.init"))
    init.add_argument("--admin", metavar="NAME", default=None, help=tr("cli.help.server.admin"))
    init.add_argument("--team", metavar="TEAM", default=None, help=tr("cli.help.server.claim"))
    _password_options(init)
    init.set_defaults(func=cmd_init)

    add = actions.add_parser("add-user", parents=common, help=tr("cli.help.server.add_user"))
    add.add_argument("login", metavar="NAME")
    add.add_argument("--role", required=True, metavar="ROLE", help=tr("cli.help.server.role"))
    add.add_argument("--team", default=None, metavar="TEAM", help=tr("cli.help.server.team"))
    _password_options(add)
    add.set_defaults(func=cmd_add_user)

    users = actions.add_parser("users", parents=common, help=tr("cli.help.server.users"))
    users.set_defaults(func=cmd_users)

    change = actions.add_parser("change-user", parents=common, help=tr("cli.help.server.change_user"))
    change.add_argument("login", metavar="NAME")
    change.add_argument("--role", default=None, metavar="ROLE", help=tr("cli.help.server.role"))
    team = change.add_mutually_exclusive_group()
    team.add_argument("--team", default=None, metavar="TEAM", help=tr("cli.help.server.team"))
    team.add_argument("--no-team", action="store_true", help=tr("cli.help.server.no_team"))
    state = change.add_mutually_exclusive_group()
    state.add_argument("--disable", action="store_true", help=tr("cli.help.server.disable"))
    state.add_argument("--enable", action="store_true", help=tr("cli.help.server.enable"))
    change.set_defaults(func=cmd_change_user)

    scrub = actions.add_parser("scrub", parents=common, help=tr("cli.help.server.scrub"))
    scrub.set_defaults(func=cmd_scrub)


def _password_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--password-stdin", action="store_true", help=tr("cli.help.server.password_stdin"))
    parser.add_argument("--no-password", action="store_true", help=tr("cli.help.server.no_password"))


def _password(args: argparse.Namespace, login: str) -> str | None:
    """The new login's password: read from standard input, or asked for twice in a terminal."""
    import getpass

    if args.no_password:
        return None
    if args.password_stdin:
        given = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        given = getpass.getpass(tr("server.password", login=login))
        if given and getpass.getpass(tr("server.password_again")) != given:
            raise UsageError(tr("server.password_mismatch"))
    else:
        raise UsageError(tr("server.add_user.password_needed"))
    if not given:
        raise UsageError(tr("server.password_empty"))
    return given


def cmd_init(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.services.team.server import init_server

    if args.db is None:
        raise UsageError(tr("server.db_needed"))
    password = _password(args, args.admin) if args.admin else None
    ready = init_server(args.db, admin=args.admin, password=password, team=args.team)
    print(tr("server.ready", db=ready.label), file=out)
    if ready.claimed_team:
        print(tr("server.claimed", team=ready.claimed_team), file=out)
    if ready.admin:
        print(tr("server.admin_added", login=ready.admin), file=out)
    return ExitCode.OK


def cmd_add_user(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.services.team.server import add_user, role_code

    role_code(args.role)  # a wrong role is said before a password is asked for
    password = _password(args, args.login)
    db = open_to_write(args)
    try:
        added = add_user(db, login=args.login, role=args.role, team=args.team, password=password)
    finally:
        db.close()
    print(_describe(added, N_("server.user_added"), N_("server.user_added_no_team")), file=out)
    return ExitCode.OK


def cmd_change_user(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.services.team.server import change_user

    active = False if args.disable else True if args.enable else None
    db = open_to_write(args)
    try:
        changed = change_user(
            db, login=args.login, role=args.role, team=args.team, active=active, clear_team=args.no_team
        )
    finally:
        db.close()
    if not changed.active:
        print(tr("server.user_disabled", login=changed.login), file=out)
    else:
        print(_describe(changed, N_("server.user_changed"), N_("server.user_changed_no_team")), file=out)
    return ExitCode.OK


def _describe(member: Member, with_team: str, without_team: str) -> str:
    role = tr(_ROLE_LABELS[member.role])
    if member.team:
        return tr(with_team, login=member.login, role=role, team=member.team)
    return tr(without_team, login=member.login, role=role)


def cmd_scrub(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.services.privacy.erasure import scrub_server

    db = open_to_write(args)
    try:
        done = scrub_server(db)
    finally:
        db.close()
    if not done:
        print(tr("server.scrub_not_owner"), file=out)
        return ExitCode.FAILED
    print(tr("server.scrubbed"), file=out)
    return ExitCode.OK


def cmd_users(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.services.team.server import list_users

    db = open_to_write(args)
    try:
        found = list_users(db)
    finally:
        db.close()
    if not found:
        print(tr("server.no_users"), file=out)
        return ExitCode.OK
    heading = (tr("server.users.login"), tr("server.users.role"), tr("server.users.team"))
    rows = [
        (
            m.login + ("" if m.active else " " + tr("server.users.disabled")),
            m.role,
            m.team or "-",
        )
        for m in found
    ]
    widths = [max(len(r[i]) for r in (heading, *rows)) for i in range(2)]
    for row in (heading, *rows):
        print(f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]}", file=out)
    return ExitCode.OK


_ROLE_LABELS = {
    "officer": N_("server.role.officer"),
    "manager": N_("server.role.manager"),
    "viewer": N_("server.role.viewer"),
    "ig_lead": N_("server.role.ig_lead"),
    "admin": N_("server.role.admin"),
}
