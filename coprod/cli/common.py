"""What every group of commands shares: exit codes, the parser class, the --db and --read-only
options, argument types and the ways a command opens its database.

Imports no command module, so each group imports this and nothing imports a group but the
entry point (`coprod.cli.program`).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from enum import IntEnum
from typing import TYPE_CHECKING, NoReturn, Protocol, TextIO, TypeAlias

from coprod.domain.errors import CoprodError
from coprod.i18n import N_, tr

if TYPE_CHECKING:
    from coprod.persistence.database import Database

    Subparsers: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]


class ExitCode(IntEnum):
    """What `coprod COMMAND` tells the shell.

    Every refusal is one sentence on stderr and exit 2, whatever its cause (a bad argument, a
    missing or unusable file, a rule the data breaks, a database busy elsewhere): the README
    promises 2, and the sentence says what to do. A closed pipe (`coprod lag | head -1`) is the
    reader having had enough, not a failure: exit 0 and nothing on stderr.
    """

    OK = 0
    FAILED = 1  # the command ran and found problems: `check` on a damaged file, an import that wrote nothing
    ERROR = 2  # refused, in one sentence on stderr
    INTERRUPTED = 130  # Ctrl+C: 128 + SIGINT, as shells report a process stopped by it


Command: TypeAlias = Callable[[argparse.Namespace, TextIO], int]


class OpenWindow(Protocol):
    """Opens the desktop app on a database and returns its exit code (`coprod.app.run_gui`)."""

    def __call__(self, db_target: str | None, *, read_only: bool = False) -> int: ...


class UsageError(Exception):
    """A bad argument: reported in one line, exit 2."""


class Parser(argparse.ArgumentParser):
    """argparse, but a bad argument raises UsageError (one sentence) instead of exiting."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(tr("cli.usage", problem=message.rstrip("."), prog=self.prog))


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


PASSPHRASE_ENV = "COPROD_PASSPHRASE"


def ask_passphrase(about: object, *, confirm: bool) -> str:
    """A passphrase from COPROD_PASSPHRASE, or asked for (twice, if `confirm`) in a terminal."""
    import getpass
    import os
    import sys

    given = os.environ.get(PASSPHRASE_ENV)
    if given:
        return given
    if not sys.stdin.isatty():
        raise UsageError(tr("encrypt.passphrase_needed"))
    first = getpass.getpass(tr("encrypt.passphrase", path=about))
    if not first:
        raise UsageError(tr("encrypt.passphrase_empty"))
    if confirm and getpass.getpass(tr("encrypt.passphrase_again")) != first:
        raise UsageError(tr("encrypt.passphrase_mismatch"))
    return first


DB_HELP = N_("cli.help.db")
READ_ONLY_HELP = N_("cli.help.commands.read_only_2")


def parents(*, reading: bool = False) -> list[argparse.ArgumentParser]:
    """The options every command takes, the same before or after the command's name.

    Given after the command they leave no default behind, so a value given before it stands.
    Commands that only read (`reading`) also take --read-only; the others refuse it.
    """
    common = Parser(add_help=False)
    common.add_argument("--db", metavar="FILE|URL", default=argparse.SUPPRESS, help=tr(DB_HELP))
    if reading:
        common.add_argument(
            "--read-only", action="store_true", default=argparse.SUPPRESS, help=tr(READ_ONLY_HELP)
        )
        common.set_defaults(reads_only=True)
    return [common]


def open_to_read(args: argparse.Namespace, *, migrate_schema: bool = True) -> Database:
    """Open --db for a command that only reads: read only if asked, or if it cannot be written."""
    from coprod.persistence.database import open_database, resolve
    from coprod.persistence.permissions import writable

    _, path = resolve(args.db)
    read_only = getattr(args, "read_only", False) or (
        path is not None and path.is_file() and not writable(path)
    )
    return open_database(args.db, create=False, read_only=read_only, migrate_schema=migrate_schema)


def refuse_read_only(args: argparse.Namespace, command: str) -> None:
    """For a reading command asked to change something as well (`risks --red-from 15`)."""
    if getattr(args, "read_only", False):
        raise UsageError(tr("cli.read_only_command", command=command))


def open_to_read_or_change(args: argparse.Namespace, *, change: str | None) -> Database:
    """Open --db for a command that reads unless asked to change something: `change` names
    what was asked (`risks --red-from`, refused with --read-only), None when it only reads."""
    if change is None:
        return open_to_read(args)
    refuse_read_only(args, change)
    return open_to_write(args)


def open_to_write(args: argparse.Namespace) -> Database:
    """Open --db for a command that changes it; it must exist already (`coprod init` makes one).

    A file that cannot be written is refused before it is opened, so nothing is started and
    nothing (a lock, SQLite's -wal and -shm) is left beside it."""
    from coprod.domain.errors import DatabaseProblem
    from coprod.persistence.database import open_database, resolve
    from coprod.persistence.permissions import writable

    _, path = resolve(args.db)
    if path is not None and path.is_file() and not writable(path):
        raise DatabaseProblem("db.read_only", path=str(path))
    return open_database(args.db, create=False)


def open_for_work(args: argparse.Namespace) -> Database:
    """Open for a command that brings data in: the first open of the day also takes a backup,
    and what waited for this file (an export made while it was read only) is replayed first."""
    from coprod.services.data.backup import daily_backup
    from coprod.services.engagement.pending import replay

    db = open_to_write(args)
    try:
        daily_backup(db)
        replay(db)
    except CoprodError:
        db.close()
        raise
    return db
