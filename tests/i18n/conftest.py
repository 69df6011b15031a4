"""The language a test's messages are shown in."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from coprod import i18n

Language = Callable[[str], None]


@pytest.fixture
def language(monkeypatch: pytest.MonkeyPatch) -> Iterator[Language]:
    """Call with a language code ("cy") to show messages in it until the test ends."""

    def use(code: str) -> None:
        monkeypatch.setenv(i18n.LANGUAGE_ENV, code)
        i18n.set_language()

    yield use
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "en")
    i18n.set_language()


@pytest.fixture
def welsh(language: Language) -> None:
    language("cy")
