"""Fixtures for GUI tests: an AppContext over a fresh database, drained before it closes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from coprod.persistence.database import Database
from tests.conftest import AS_OF


@pytest.fixture
def ctx(db: Database, qapp: object) -> Iterator[object]:
    from coprod.ui.context import AppContext

    context = AppContext.create(db, as_of=AS_OF)
    yield context
    context.runner.wait()
