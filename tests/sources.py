"""coprod's modules as syntax trees, each text parsed once a test process.

Several tests walk every module (private names, message ids, hard-coded English, the command
line's imports); each parsed them all again, a second of CPU apiece. The file is read each
time and the tree kept by its text, so a changed file is parsed again. No test changes a tree.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path


def tree(path: Path) -> ast.Module:
    return _parsed(path.read_text(encoding="utf-8"))


@functools.cache
def _parsed(source: str) -> ast.Module:
    return ast.parse(source)
