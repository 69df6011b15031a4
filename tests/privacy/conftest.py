"""Fixtures of the personal data tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from coprod.persistence import encryption
from tests.privacy.keys import MemoryKeyring, memory_keyring


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    monkeypatch.delenv("COPROD_PASSPHRASE", raising=False)
    with memory_keyring() as memory:
        yield memory
    encryption._known.clear()
