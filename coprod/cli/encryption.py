"""`coprod encrypt` and `coprod decrypt`: a database (and its backups) encrypted at rest with
SQLCipher, the key in the credential store or a passphrase, and back again."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from coprod.cli.common import PASSPHRASE_ENV, ExitCode, ask_passphrase, parents
from coprod.i18n import ntr, tr

if TYPE_CHECKING:
    from coprod.cli.common import Subparsers


def add_parsers(sub: Subparsers) -> None:
    encrypt = sub.add_parser(
        "encrypt",
        parents=parents(),
        help=tr("cli.help.encrypt"),
    )
    encrypt.add_argument(
        "--passphrase",
        action="store_true",
        help=tr("cli.help.encrypt.passphrase", env=PASSPHRASE_ENV),
    )
    encrypt.set_defaults(func=cmd_encrypt)
    decrypt = sub.add_parser("decrypt", parents=parents(), help=tr("cli.help.decrypt"))
    decrypt.add_argument(
        "--passphrase", action="store_true", help=tr("cli.help.decrypt.passphrase", env=PASSPHRASE_ENV)
    )
    decrypt.set_defaults(func=cmd_decrypt)


def _report(out: TextIO, done: str, backups: int) -> None:
    print(done + (" " + ntr("encrypt.backups", backups) if backups else ""), file=out)


def cmd_encrypt(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.services.data.encryption import encrypt_database

    phrase = ask_passphrase(args.db, confirm=True) if args.passphrase else None
    made = encrypt_database(args.db, passphrase=phrase)
    if made.in_keyring:
        done = tr("encrypt.done_keyring", path=made.path)
    else:
        done = tr("encrypt.done_passphrase", path=made.path)
    _report(out, done, made.backups)
    return ExitCode.OK


def cmd_decrypt(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.services.data.encryption import decrypt_database, use_passphrase

    if args.passphrase:
        use_passphrase(args.db, ask_passphrase(args.db, confirm=False))
    made = decrypt_database(args.db)
    _report(out, tr("encrypt.decrypted", path=made.path), made.backups)
    return ExitCode.OK
