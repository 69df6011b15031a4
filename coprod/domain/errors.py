"""Errors that carry a message code and parameters; `str()` gives the plain sentence."""

from __future__ import annotations

from coprod.i18n import tr


class CoprodError(Exception):
    """Base for every error a user may see. `code` selects the sentence in `coprod.i18n`."""

    def __init__(self, code: str, /, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(tr(code, **params))

    @property
    def message(self) -> str:
        return str(self)


class RuleViolation(CoprodError):
    """A domain rule refused a change; nothing was saved."""


class DatabaseProblem(CoprodError):
    """The database file cannot be opened or written as asked."""
