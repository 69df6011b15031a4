"""Callbacks from the database worker may arrive after the widget that asked has closed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject


def if_alive(owner: QObject, fn: Callable[[Any], None]) -> Callable[[Any], None]:
    """Wrap a runner callback so it does nothing once `owner`'s C++ object is gone."""

    def call(value: Any) -> None:
        if shiboken6.isValid(owner):
            fn(value)

    return call
