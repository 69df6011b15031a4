"""Per-user window options, declared once on top of QSettings.

Only what belongs to this user on this machine lives here (window geometry, the page they
were on, column widths, recent files). Team-wide rules live in the database instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")

SETTINGS_VERSION = 1
MAX_RECENT = 8


@dataclass(frozen=True)
class Option(Generic[T]):
    key: str
    default: T
    kind: type

    def get(self, store: QSettings | None = None) -> T:
        store = store or QSettings()
        value = store.value(self.key, self.default)
        if value is None:
            return self.default
        if self.kind is list:
            # QSettings hands back a bare string for a one-item list on some platforms.
            if not value:
                return []  # type: ignore[return-value]
            return [value] if isinstance(value, str) else list(value)  # type: ignore[call-overload, return-value]
        if self.kind is QByteArray:
            return value if isinstance(value, QByteArray) else self.default  # type: ignore[return-value]
        try:
            return self.kind(value)
        except (TypeError, ValueError):
            return self.default

    def set(self, value: T, store: QSettings | None = None) -> None:
        (store or QSettings()).setValue(self.key, value)


GEOMETRY: Option[QByteArray] = Option("window/geometry", QByteArray(), QByteArray)
WINDOW_STATE: Option[QByteArray] = Option("window/state", QByteArray(), QByteArray)
CURRENT_PAGE: Option[int] = Option("window/current_page", 1, int)
RECENT_FILES: Option[list[str]] = Option("files/recent", [], list)
VERSION: Option[int] = Option("settings/version", 0, int)
# The language of the window, "cy" for Welsh; empty follows the system locale. COPROD_LANG, when set, wins.
LANGUAGE: Option[str] = Option("ui/language", "", str)


def column_state(page: str) -> Option[QByteArray]:
    """Column widths and order of one list, saved as the header's state."""
    return Option(f"columns/{page}", QByteArray(), QByteArray)


def splitter_state(page: str) -> Option[QByteArray]:
    return Option(f"splitters/{page}", QByteArray(), QByteArray)


def remember_file(path: str, store: QSettings | None = None) -> list[str]:
    """Put `path` first in the recent files; returns the new list."""
    files = [p for p in RECENT_FILES.get(store) if p != path]
    files = [path, *files][:MAX_RECENT]
    RECENT_FILES.set(files, store)
    return files


def upgrade(store: QSettings | None = None) -> None:
    """Bring older stored settings up to this version (nothing to convert yet)."""
    store = store or QSettings()
    if VERSION.get(store) < SETTINGS_VERSION:
        VERSION.set(SETTINGS_VERSION, store)
