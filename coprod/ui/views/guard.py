"""Results that arrive after their page has gone are dropped, not delivered to a dead widget."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtWidgets import QWidget


def while_alive(widget: QWidget, callback: Callable[..., None]) -> Callable[..., None]:
    """`callback`, called only if `widget` still exists when the worker's result arrives."""

    def call(*args: Any) -> None:
        if shiboken6.isValid(widget):
            callback(*args)

    return call
