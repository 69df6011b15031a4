"""What the checkout holds, so a run can tell whether a test wrote into it."""

from __future__ import annotations

import os
from pathlib import Path

# Made by Python, pip and pytest themselves, not by the code under test.
_SKIP_DIRS = {".git", ".venv", "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache"}


def snapshot(root: Path) -> frozenset[str]:
    found = set()
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in _SKIP_DIRS and not d.startswith(".venv")]
        rel = Path(folder).relative_to(root)
        found.update(str(rel / name) for name in files if not name.endswith(".pyc"))
    return frozenset(found)


def new_files(root: Path, before: frozenset[str]) -> list[str]:
    return sorted(snapshot(root) - before)
