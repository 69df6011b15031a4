"""Files coprod makes hold residents' words: readable by their owner only (on POSIX).

The database, its backups, lock folder, exports and interchange files are made 0600 and
folders 0700. On Windows a file takes its folder's access list, so nothing is done there.
"""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_UMASK = 0o077
FILE_MODE = 0o600
FOLDER_MODE = 0o700


def private_process() -> None:
    """From now on every file this process makes is its owner's only (the program's entry)."""
    if os.name == "posix":
        os.umask(PRIVATE_UMASK)


def private_folder(path: Path) -> Path:
    """Make `path` (and missing parents) as a folder only its owner may open; an existing one is kept."""
    path.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    return path


def new_private_file(path: Path) -> None:
    """Create `path` empty and owner-only, before SQLite or a writer opens it with laxer rights."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    os.close(fd)
    if os.name == "posix":
        os.chmod(path, FILE_MODE)  # os.open's mode is filtered by the umask; make it exact


def same_mode(source: Path, dest: Path) -> None:
    """Give `dest` the permission bits of `source` (a restore keeps the file's mode)."""
    if os.name == "posix":
        os.chmod(dest, source.stat().st_mode & 0o777)


def writable(path: Path) -> bool:
    """Whether this user may change the database file and make its -wal and -shm beside it."""
    folder = path.parent if str(path.parent) else Path(".")
    return os.access(path, os.W_OK) and os.access(folder, os.W_OK | os.X_OK)


def has_wal(path: Path) -> bool:
    """Whether SQLite's write-ahead log beside `path` holds changes not yet in the file."""
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except OSError:
        return False


def read_as_it_stands(path: Path) -> bool:
    """Whether a reader should take the file as it stands (SQLite's `immutable`): this user
    cannot write it, so no -shm could be made beside it, and there is no -wal to read through
    (nobody else is writing). Otherwise SQLite would leave -wal and -shm files next to it."""
    return not writable(path) and not has_wal(path)
