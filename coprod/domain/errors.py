"""Errors that carry a message code and parameters, put into words only when shown.

The domain never translates: `coprod.i18n.describe(error)` turns the code and parameters
into a sentence in the language of the moment. `str(error)` does the same once `coprod.i18n`
is loaded (it registers itself here), so logs and tracebacks read as sentences too.
"""

from __future__ import annotations

from collections.abc import Callable

_describer: Callable[[CoprodError], str] | None = None


def set_describer(describer: Callable[[CoprodError], str]) -> None:
    """Called once by `coprod.i18n`: how `str()` puts an error into words."""
    global _describer
    _describer = describer


class Phrase:
    """A message code with parameters used inside another message, translated with it when shown."""

    __slots__ = ("code", "params")

    def __init__(self, code: str, /, **params: object) -> None:
        self.code = code
        self.params = params

    def __repr__(self) -> str:
        return f"Phrase({self.code!r}, **{self.params!r})"


class CoprodError(Exception):
    """Base for every error a user may see. `code` selects the sentence in the catalogue."""

    def __init__(self, code: str, /, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(code)

    def __str__(self) -> str:
        if _describer is not None:
            return _describer(self)
        return f"{self.code} {self.params}" if self.params else self.code

    @property
    def message(self) -> str:
        return str(self)


class RuleViolation(CoprodError):
    """A domain rule refused a change; nothing was saved."""


class DatabaseProblem(CoprodError):
    """The database file cannot be opened or written as asked."""


class EditConflict(CoprodError):
    """Someone saved the record after this user opened it; nothing was written.

    `actor` and `at` come from the audit log's latest event on the record (either may be
    None when the log does not say); `version` is the record's version now.
    """

    def __init__(self, code: str, /, *, version: int, **params: object) -> None:
        super().__init__(code, **params)
        self.version = version
