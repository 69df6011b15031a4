"""Searching as the user types: one search once typing pauses, or at once on Enter.

A search per key would read the database once for every letter of a word, and at 100,000
items typing would stutter behind its own searches. Every page with a search box waits for
the same short pause, so the whole window feels the same.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLineEdit, QWidget

SEARCH_DELAY_MS = 250
"""How long typing must pause before the search runs: long enough to cover the gap between
two keys of a word, short enough to feel immediate."""


class SearchDelay(QTimer):
    """Runs `search` once typing in `box` has paused, and at once when Enter is pressed.

    `start()` (re)starts the wait, as for a filter changed beside the box; `stop()` forgets a
    waiting search, as when the page has just searched for another reason. Ctrl+F finds the
    box of the page shown through this timer, so every page with a search box answers it."""

    def __init__(self, box: QLineEdit, search: Callable[[], None]) -> None:
        super().__init__(box)
        self.box = box
        self._search = search
        self.setSingleShot(True)
        self.setInterval(SEARCH_DELAY_MS)
        self.timeout.connect(search)
        box.textChanged.connect(lambda _text: self.start())
        box.returnPressed.connect(self.search_now)

    def search_now(self) -> None:
        self.stop()
        self._search()


def go_to_search(page: QWidget | None) -> None:
    """Ctrl+F: the cursor to `page`'s search box, its text selected so typing replaces it; a
    page with nothing to search keeps the focus where it was."""
    delay = page.findChild(SearchDelay) if page is not None else None
    if delay is not None:
        delay.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        delay.box.selectAll()
