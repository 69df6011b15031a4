"""Pages that load when first shown and, while hidden, only note that they are out of date.

The database thread is shared: a hidden page reloading on every change would delay the page
the user is looking at.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget as _Page  # what it is mixed into, for the type checker
else:
    _Page = object


class RefreshWhenShown(_Page):
    """Mix in before QWidget; the page implements `refresh()` and sets `_stale = False` in it."""

    _stale = True  # loaded when first shown

    def refresh(self) -> None:
        raise NotImplementedError

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _reload_when_seen(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True
