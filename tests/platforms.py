"""What a test needs from the operating system, and the reason it is skipped where that is missing.

Only features a system truly lacks are skipped; everything else runs everywhere.
"""

from __future__ import annotations

import os
import sys

import pytest

WINDOWS = sys.platform == "win32"

posix_modes = pytest.mark.skipif(
    os.name != "posix",
    reason="Windows files have no owner/group/other mode bits: a file takes its folder's access list",
)
read_only_folders = pytest.mark.skipif(
    WINDOWS,
    reason="on Windows a folder's read-only attribute does not stop files being made in it "
    "(that needs an access list)",
)
dev_full = pytest.mark.skipif(WINDOWS, reason="Windows has no always-full device like /dev/full")


def is_root() -> bool:
    """Whether this process is POSIX root, whom file permission bits do not hold back."""
    geteuid = getattr(os, "geteuid", None)  # not on Windows, where there is no root
    return geteuid is not None and geteuid() == 0
