"""Encryption at rest: SQLCipher files, their keys, and converting a file either way.

A plain SQLite file starts with "SQLite format 3\\0"; an SQLCipher file starts with its random
salt, so the first 16 bytes tell the two apart. A key is either a passphrase or, when kept in
the operating system's credential store (`keyring`, service "coprod", the database's absolute
path as the user name), 32 random bytes written `x'<64 hex digits>'`, which SQLCipher uses as
the key itself, without the slow derivation a passphrase needs.

SQLCipher stretches a passphrase into the file's key on every connection (PBKDF2 over the salt
at the start of the file: a fifth of a second, on purpose). coprod stretches it the same way
once per file in a process and gives SQLCipher the key with its salt from then on, so a window
or a command opening several connections waits once.

Backups sit in a folder named after their database (see `backup.backup_dir_for`), so the key
of a backup is looked for under its database's name too.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from coprod.persistence.errors import SQLITE_HEADER

SERVICE = "coprod"
PASSPHRASE_ENV = "COPROD_PASSPHRASE"
SUFFIX_BACKUPS = "-backups"

_known: dict[str, str] = {}  # keys given in this process (a passphrase typed in the window)
_stretched: dict[tuple[str, bytes], str] = {}  # (passphrase, file's salt) -> key with that salt
SALT_BYTES = 16
KEY_BYTES = 32  # AES-256


def _name(path: Path) -> str:
    return str(Path(path).expanduser().resolve())


def is_plain(path: Path) -> bool:
    try:
        with Path(path).open("rb") as fh:
            return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def looks_encrypted(path: Path) -> bool:
    """Whether `path` may be an SQLCipher file: no SQLite header, whole pages of 512 bytes or more.
    (A document chosen by mistake is seldom a whole number of pages; it is refused as before.)"""
    try:
        size = Path(path).stat().st_size
    except OSError:
        return False
    return size >= 512 and size % 512 == 0 and not is_plain(path)


def new_key() -> str:
    return f"x'{secrets.token_hex(32)}'"


def remember(path: Path, key: str) -> None:
    """Use `key` for `path` for the rest of this process (a passphrase asked for once)."""
    _known[_name(path)] = key


def forget(path: Path) -> None:
    _known.pop(_name(path), None)
    _stretched.clear()


def stored_key(path: Path) -> str | None:
    """The key kept for `path` in the credential store, if any (None when there is no store)."""
    try:
        import keyring

        return keyring.get_password(SERVICE, _name(path))
    except Exception:  # noqa: BLE001  (no store, or a locked one, is only "no key here")
        return None


def store_key(path: Path, key: str) -> None:
    """Keep `key` in the credential store under `path`; KeyStoreMissing when there is none."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(SERVICE, _name(path), key)
    except (KeyringError, RuntimeError) as exc:
        raise KeyStoreMissing(str(exc)) from exc
    if keyring.get_password(SERVICE, _name(path)) != key:  # the "null" store keeps nothing
        raise KeyStoreMissing("the credential store kept nothing")


def delete_stored_key(path: Path) -> None:
    try:
        import keyring

        keyring.delete_password(SERVICE, _name(path))
    except Exception:  # noqa: BLE001  (nothing stored, or no store: nothing to remove)
        pass


class KeyStoreMissing(Exception):
    """The operating system offers no credential store coprod can keep a key in."""


def owner_candidates(path: Path) -> list[Path]:
    """`path`, and for a backup (in a `<stem>-backups` folder) the database it is a copy of."""
    path = Path(path)
    found = [path]
    folder = path.parent
    if folder.name.endswith(SUFFIX_BACKUPS):
        stem = folder.name[: -len(SUFFIX_BACKUPS)]
        found += sorted(p for p in folder.parent.glob(f"{stem}*") if p.is_file() and p.stem == stem)
    return found


def candidate_keys(path: Path) -> list[str]:
    keys: list[str] = []
    for owner in owner_candidates(path):
        for key in (_known.get(_name(owner)), stored_key(owner)):
            if key and key not in keys:
                keys.append(key)
    env = os.environ.get(PASSPHRASE_ENV)
    if env and env not in keys:
        keys.append(env)
    return keys


def find_key(path: Path) -> tuple[str | None, bool]:
    """The key that opens the encrypted file at `path`, and whether any key was tried at all
    (False: none is known, True with None: every key known was wrong)."""
    keys = candidate_keys(path)
    for key in keys:
        if opens_with(path, key):
            remember(path, key)
            return key, True
    return None, bool(keys)


def opens_with(path: Path, key: str) -> bool:
    try:
        conn = connect(path, key, read_only=True)
    except Exception:  # noqa: BLE001
        return False
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except Exception:  # noqa: BLE001  ("file is not a database": the wrong key)
        return False
    finally:
        conn.close()


def quote(key: str) -> str:
    return "'" + key.replace("'", "''") + "'"


def cipher_module() -> Any:
    import sqlcipher3

    return sqlcipher3


_quietened = False
_recipe: tuple[str, int] | None = None
_HASHES = {"PBKDF2_HMAC_SHA512": "sha512", "PBKDF2_HMAC_SHA256": "sha256", "PBKDF2_HMAC_SHA1": "sha1"}


def _stretching() -> tuple[str, int] | None:
    """How this SQLCipher stretches a passphrase (hash and rounds), asked of the library itself
    so that a later version's settings are followed; None for one coprod cannot repeat."""
    global _recipe
    if _recipe is None:
        conn = cipher_module().connect(":memory:")
        with _closing(conn):
            algorithm = conn.execute("PRAGMA cipher_default_kdf_algorithm").fetchone()[0]
            rounds = int(conn.execute("PRAGMA cipher_default_kdf_iter").fetchone()[0])
        _recipe = (_HASHES.get(algorithm, ""), rounds)
    return _recipe if _recipe[0] else None


def sqlcipher_key(path: Path | str, key: str) -> str:
    """What to give SQLCipher as the key of `path`: a key kept as bytes as it is; a passphrase
    for an existing file stretched once (per salt) and given with the file's salt; a passphrase
    for a new file as it is, for SQLCipher to choose the salt."""
    if key.startswith("x'") or not looks_encrypted(Path(path)):
        return key
    try:
        with Path(path).open("rb") as fh:
            salt = fh.read(SALT_BYTES)
    except OSError:
        return key
    found = _stretched.get((key, salt))
    recipe = _stretching() if found is None else None
    if recipe is not None:
        raw = hashlib.pbkdf2_hmac(recipe[0], key.encode("utf-8"), salt, recipe[1], KEY_BYTES)
        found = _stretched[(key, salt)] = f"x'{raw.hex()}{salt.hex()}'"
    return found or key


def connect(
    path: Path | str,
    key: str | None,
    *,
    read_only: bool = False,
    immutable: bool = False,
    check_same_thread: bool = True,
) -> Any:
    """A DB-API connection to `path`: plain `sqlite3` without a key, SQLCipher with one."""
    global _quietened
    flags = "?mode=ro" + ("&immutable=1" if immutable else "") if read_only else ""
    target = f"{Path(path).resolve().as_uri()}{flags}"
    if key is None:
        return sqlite3.connect(target, uri=True, check_same_thread=check_same_thread)
    conn = cipher_module().connect(target, uri=True, check_same_thread=check_same_thread)
    if not _quietened:
        # SQLCipher writes every failed decryption (a wrong key) on stderr; the sentence says it.
        conn.execute("PRAGMA cipher_log_level = NONE")
        _quietened = True
    conn.execute(f"PRAGMA key = {quote(sqlcipher_key(path, key))}")
    return conn


def creator(path: Path, key: str, *, read_only: bool, immutable: bool) -> Callable[[], Any]:
    """For SQLAlchemy's `create_engine(creator=...)`: keyed connections to `path`."""
    return lambda: connect(path, key, read_only=read_only, immutable=immutable, check_same_thread=False)


@contextmanager
def _closing(conn: Any) -> Iterator[Any]:
    try:
        yield conn
    finally:
        conn.close()


def export_to(source: Path, source_key: str | None, dest: Path, dest_key: str | None) -> None:
    """Write the whole of `source` into the new file `dest` with `sqlcipher_export`, keyed with
    `dest_key` (None: a plain SQLite file), and make it durable."""
    dest.unlink(missing_ok=True)
    mod = cipher_module()
    conn = mod.connect(str(source))
    with _closing(conn):
        if source_key is not None:
            conn.execute(f"PRAGMA key = {quote(sqlcipher_key(source, source_key))}")
        conn.execute("ATTACH DATABASE ? AS converted KEY " + quote(dest_key or ""), (str(dest),))
        conn.execute("SELECT sqlcipher_export('converted')")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA converted.user_version = {int(version)}")
        conn.execute("DETACH DATABASE converted")
    with dest.open("rb+") as fh:
        os.fsync(fh.fileno())


def fingerprint(path: Path, key: str | None) -> dict[str, int]:
    """How many rows each table holds: the same before and after a conversion, or it failed."""
    conn = connect(path, key, read_only=True)
    with _closing(conn):
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        counts = {}
        for table in tables:
            counts[table] = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608
        return counts


def check_ok(path: Path, key: str | None) -> bool:
    conn = connect(path, key, read_only=True)
    with _closing(conn):
        try:
            return [r[0] for r in conn.execute("PRAGMA quick_check")] == ["ok"]
        except Exception:  # noqa: BLE001
            return False


class ConversionFailed(Exception):
    """The converted copy did not check out; the original file was left as it was."""


def _work_files(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + ".converting"), path.with_name(path.name + ".before-conversion")


def recover(path: Path) -> None:
    """Tidy what a conversion killed part way left: the half-written copy goes; the original's
    spare copy goes only once the file in its place is known to open (else it is kept)."""
    work, spare = _work_files(path)
    work.unlink(missing_ok=True)
    if not spare.exists():
        return
    if not path.exists():
        os.replace(spare, path)
        return
    same = os.path.samefile(spare, path)
    if same or is_plain(path) or find_key(path)[0] is not None:
        spare.unlink()


def _settle(path: Path, key: str | None) -> None:
    """Fold the -wal into the file and leave no -wal behind: the converted file will not match it."""
    conn = connect(path, key)
    with _closing(conn):
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")


def _keep_spare(path: Path, spare: Path) -> None:
    try:
        os.link(path, spare)
    except OSError:  # a file system without hard links: a real copy, made durable
        import shutil

        shutil.copy2(path, spare)
        with spare.open("rb+") as fh:
            os.fsync(fh.fileno())


def _swap_in(work: Path, path: Path) -> None:
    os.replace(work, path)
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def convert(path: Path, from_key: str | None, to_key: str | None) -> None:
    """Rewrite the file at `path` keyed with `to_key` (None: plain SQLite) in place.

    The converted copy is written beside it, made durable and checked (quick_check, and every
    table holding as many rows as before) before it replaces the original in one rename; the
    original is kept as a spare copy until then. Killed at any point, the file at `path` is
    either the original or the checked copy, and `recover` tidies up what is left.
    """
    from coprod.persistence.permissions import same_mode

    recover(path)
    work, spare = _work_files(path)
    _settle(path, from_key)
    before = fingerprint(path, from_key)
    try:
        export_to(path, from_key, work, to_key)
        same_mode(path, work)
        if not check_ok(work, to_key) or fingerprint(work, to_key) != before:
            raise ConversionFailed(str(path))
    except BaseException:
        work.unlink(missing_ok=True)
        raise
    _keep_spare(path, spare)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    _swap_in(work, path)
    spare.unlink()
