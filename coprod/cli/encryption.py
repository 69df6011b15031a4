"""`coprod encrypt` and `coprod decrypt`: a database (and its backups) encrypted at rest with
SQLCipher, the key in the credential store or a passphrase, and back again."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from coprod.cli.common import PASSPHRASE_ENV, ExitCode, ask_passphrase, parents
from coprod.i18n import tr

if TYPE_CHECKING:
    from coprod.cli.common import Subparsers


def add_parsers(sub: Subparsers) -> None:
    encrypt = sub.add_parser(
        "encrypt",
        parents=parents(),
        help="encrypt the database and its backups (key kept in this computer's credential store)",
    )
    encrypt.add_argument(
        "--passphrase",
        action="store_true",
        help=f"use a passphrase instead (from {PASSPHRASE_ENV}, or asked for)",
    )
    encrypt.set_defaults(func=cmd_encrypt)
    decrypt = sub.add_parser(
        "decrypt", parents=parents(), help="turn an encrypted database and its backups back into plain files"
    )
    decrypt.add_argument(
        "--passphrase", action="store_true", help=f"ask for its passphrase (unless {PASSPHRASE_ENV} is set)"
    )
    decrypt.set_defaults(func=cmd_decrypt)


def _report(out: TextIO, done: str, path: object, backups: int) -> None:
    print(tr(done, path=path) + (" " + tr("encrypt.backups", count=backups) if backups else ""), file=out)


def cmd_encrypt(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.services.data.encryption import encrypt_database

    phrase = ask_passphrase(args.db, confirm=True) if args.passphrase else None
    made = encrypt_database(args.db, passphrase=phrase)
    _report(
        out, "encrypt.done_keyring" if made.in_keyring else "encrypt.done_passphrase", made.path, made.backups
    )
    return ExitCode.OK


def cmd_decrypt(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.services.data.encryption import decrypt_database, use_passphrase

    if args.passphrase:
        use_passphrase(args.db, ask_passphrase(args.db, confirm=False))
    made = decrypt_database(args.db)
    _report(out, "encrypt.decrypted", made.path, made.backups)
    return ExitCode.OK
