"""Fixtures of the personal data tests."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest

from coprod.persistence import encryption
from tests.privacy.keys import MemoryKeyring


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    monkeypatch.delenv("COPROD_PASSPHRASE", raising=False)
    yield memory
    keyring.set_keyring(previous)
    encryption._known.clear()
