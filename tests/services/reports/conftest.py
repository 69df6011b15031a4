"""The reports scenario for every test in this folder."""

import pytest

from coprod.persistence.database import Database
from tests.reports_scenario import Scenario, make_scenario


@pytest.fixture
def scenario(db: Database) -> Scenario:
    return make_scenario(db)
