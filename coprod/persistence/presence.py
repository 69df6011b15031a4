"""Who has a database open: a lock per coprod process, in a folder beside the file.

Each process that opens a database for writing holds an operating-system lock on its own
file in `NAME-lock/` (released by the system when the process ends, even on kill -9) and
writes beside it which program and user it is. Replacing the database (restore) holds the
folder's gate lock and refuses while any other process is there; a process that opens the
database waits at the gate, so it cannot slip in while a restore is under way.

On Windows a file another process has open cannot be deleted (a colleague's coprod reading a
sign, the indexer, an antivirus scan): removing a sign is then left to whoever next finds it
unheld, so closing a database never fails over its tidying.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from coprod.domain.errors import DatabaseProblem
from coprod.domain.types import utcnow
from coprod.persistence.permissions import private_folder

GATE_TIMEOUT_S = 10.0
_program = "coprod"
_mine: set[str] = set()  # the tokens this process holds, which never count as "someone else"


def set_program(name: str) -> None:
    """How this process is named to others ('the coprod desktop app', 'coprod import')."""
    global _program
    _program = name


def lock_dir_for(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.name}-lock")


@dataclass(frozen=True)
class Holder:
    program: str
    user: str
    host: str
    pid: int


def _remove(path: Path) -> None:
    """Delete a sign if it can be: on Windows one that another process has open stays, unheld."""
    with suppress(OSError):
        path.unlink(missing_ok=True)


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@contextmanager
def _gate(db_path: Path) -> Iterator[None]:
    folder = private_folder(lock_dir_for(db_path))
    gate = FileLock(folder / "gate.lock", timeout=GATE_TIMEOUT_S)
    try:
        gate.acquire()
    except Timeout:
        raise DatabaseProblem("db.locked", path=str(db_path)) from None
    try:
        yield
    finally:
        gate.release()


class Presence:
    """This process's sign that it has `db_path` open; `release()` when the file is closed."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.token = f"{os.getpid()}-{uuid.uuid4().hex[:12]}"
        folder = lock_dir_for(db_path)
        self._lock = FileLock(folder / f"{self.token}.lock", timeout=0)
        self._info = folder / f"{self.token}.json"
        with _gate(db_path):
            self._lock.acquire()
            info = {
                "program": _program,
                "user": _user(),
                "host": socket.gethostname(),
                "pid": os.getpid(),
                "since": utcnow().isoformat(),
            }
            self._info.write_text(json.dumps(info), encoding="utf-8")
        _mine.add(self.token)

    def release(self) -> None:
        if self.token not in _mine:
            return
        _mine.discard(self.token)
        _remove(self._info)
        self._lock.release()
        _remove(Path(self._lock.lock_file))


def announce(db_path: Path) -> Presence | None:
    """Say that this process has `db_path` open; None where the folder cannot be written."""
    try:
        return Presence(db_path)
    except OSError:
        return None  # a read-only folder: nothing can replace the file there either


def others(db_path: Path) -> list[Holder]:
    """The other coprod processes that have `db_path` open; tidies away signs of dead ones."""
    folder = lock_dir_for(db_path)
    if not folder.is_dir():
        return []
    found = []
    for lock_path in sorted(folder.glob("*-*.lock")):
        token = lock_path.stem
        if token in _mine:
            continue
        probe = FileLock(lock_path, timeout=0)
        try:
            probe.acquire()
        except Timeout:
            found.append(_read_holder(folder / f"{token}.json"))
            continue
        except OSError:
            continue
        # Nobody holds it: the process that made it has ended.
        _remove(folder / f"{token}.json")
        probe.release()
        _remove(lock_path)
    return found


def _read_holder(info: Path) -> Holder:
    try:
        data = json.loads(info.read_text(encoding="utf-8"))
        return Holder(
            program=str(data["program"]), user=str(data["user"]), host=str(data["host"]), pid=int(data["pid"])
        )
    except (OSError, ValueError, KeyError, TypeError):
        return Holder(program="coprod", user="unknown", host="", pid=0)


@contextmanager
def sole_use(db_path: Path) -> Iterator[None]:
    """Hold the database against every other coprod process, or refuse naming who has it."""
    try:
        private_folder(lock_dir_for(db_path))
    except OSError as exc:
        raise DatabaseProblem("db.folder_read_only", path=str(db_path)) from exc
    with _gate(db_path):
        holders = others(db_path)
        if holders:
            first = holders[0]
            raise DatabaseProblem("db.in_use_by", path=str(db_path), program=first.program, user=first.user)
        yield
