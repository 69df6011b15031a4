"""The reports scenario for every test in this folder, built once per run and copied into each
test's own database (filling it takes longer than most report tests do; tests/reports_scenario.py)."""

from pathlib import Path

import pytest

from coprod.persistence.database import Database
from tests.reports_scenario import Scenario, copy_scenario


@pytest.fixture
def scenario(db: Database, scenario_file: tuple[Path | str, Scenario]) -> Scenario:
    return copy_scenario(db, scenario_file)
