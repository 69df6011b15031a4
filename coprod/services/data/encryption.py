"""Encrypting a database at rest and reversing it, its backups with it.

The key is kept in the operating system's credential store under the database's path, or is
a passphrase the user gives (and gives again on every open, or through COPROD_PASSPHRASE).
Backups are converted too: a plain copy left beside an encrypted database would defeat it, and
an encrypted copy left beside a decrypted one could no longer be opened once its key is gone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coprod.domain.errors import DatabaseProblem
from coprod.persistence import encryption
from coprod.persistence.backup import backups_locked, file_key, list_backups
from coprod.persistence.database import key_for, open_database, resolve
from coprod.persistence.errors import translated
from coprod.persistence.presence import sole_use

__all__ = ["Converted", "decrypt_database", "encrypt_database", "is_encrypted", "use_passphrase"]


@dataclass(frozen=True, slots=True)
class Converted:
    path: Path
    in_keyring: bool  # the key is in the credential store (False: a passphrase)
    backups: int  # backups converted with it


def _file(target: str | Path | None) -> Path:
    _, path = resolve(target)
    if path is None:
        raise DatabaseProblem("encrypt.not_file", path=str(target))
    if not path.is_file():
        raise DatabaseProblem("db.not_found", path=str(path))
    return path


def is_encrypted(target: str | Path | None) -> bool:
    _, path = resolve(target)
    return (
        path is not None
        and path.is_file()
        and not encryption.is_plain(path)
        and encryption.looks_encrypted(path)
    )


def use_passphrase(target: str | Path | None, passphrase: str) -> None:
    """Open `target` with `passphrase` from now on in this process (typed in the window).
    Raises DatabaseProblem('db.wrong_key') if it does not open the file."""
    path = _file(target)
    if not encryption.opens_with(path, passphrase):
        raise DatabaseProblem("db.wrong_key", path=str(path))
    encryption.remember(path, passphrase)


def encrypt_database(target: str | Path | None, *, passphrase: str | None = None) -> Converted:
    """Encrypt the database at `target` and its backups, with `passphrase` or with a new random
    key kept in the credential store. Refused while another coprod process has it open."""
    path = _file(target)
    encryption.recover(path)  # what a conversion killed part way left
    if not encryption.is_plain(path):
        key_for(path)  # an unreadable file says so; a readable one is already encrypted
        raise DatabaseProblem("encrypt.already", path=str(path))
    open_database(path, create=False).close()  # a coprod database, migrated and checked
    key = passphrase or encryption.new_key()
    with sole_use(path):
        if passphrase is None:
            try:
                encryption.store_key(path, key)
            except encryption.KeyStoreMissing:
                raise DatabaseProblem("encrypt.no_keystore", path=str(path)) from None
        encryption.remember(path, key)
        count = _convert_all(path, None, key)
    return Converted(path, passphrase is None, count)


def decrypt_database(target: str | Path | None) -> Converted:
    """Turn the encrypted database at `target` (and its backups) back into plain SQLite files,
    and drop its key from the credential store."""
    path = _file(target)
    encryption.recover(path)
    if encryption.is_plain(path):
        raise DatabaseProblem("encrypt.not_encrypted", path=str(path))
    key = key_for(path)
    in_keyring = encryption.stored_key(path) == key
    with sole_use(path):
        count = _convert_all(path, key, None)
    encryption.delete_stored_key(path)
    encryption.forget(path)
    return Converted(path, in_keyring, count)


def _convert_all(path: Path, from_key: str | None, to_key: str | None) -> int:
    with translated(path):
        _convert(path, from_key, to_key)
    count = 0
    with backups_locked(path):
        for backup in list_backups(path):
            if encryption.is_plain(backup) == (from_key is None):
                with translated(backup):
                    _convert(backup, file_key(backup), to_key)
                count += 1
    return count


def _convert(path: Path, from_key: str | None, to_key: str | None) -> None:
    try:
        encryption.convert(path, from_key, to_key)
    except encryption.ConversionFailed:
        raise DatabaseProblem("encrypt.failed", path=str(path)) from None
