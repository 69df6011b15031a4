"""Lag engine steps: per-recommendation figures and grouped team figures."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from benchmarks.bench import Bench, step

if TYPE_CHECKING:
    from sqlmodel import Session

T = TypeVar("T")


def _with_session(bench: Bench, fn: Callable[[Session], T]) -> T:
    from coprod.persistence.database import Database, open_database

    db = bench.extra.get("db")
    if not isinstance(db, Database):
        db = bench.extra["db"] = open_database(bench.db_path, create=False)
    with db.reading() as session:
        return fn(session)


@step("lag: per-recommendation figures (all)", repeat=5)
def per_recommendation(bench: Bench) -> str:
    from coprod.services.figures.lag import recommendation_lags

    lags = _with_session(bench, lambda s: recommendation_lags(session=s, as_of=bench.as_of))
    return f"{len(lags):,} recommendations"


@step("lag: team figures by strategy", repeat=5)
def by_strategy(bench: Bench) -> str:
    from coprod.services.figures.lag import team_figures

    groups = _with_session(bench, lambda s: team_figures(session=s, as_of=bench.as_of, by="strategy"))
    return f"{len(groups)} groups"


@step("lag: team figures by owner", repeat=3)
def by_owner(bench: Bench) -> str:
    from coprod.services.figures.lag import team_figures

    groups = _with_session(bench, lambda s: team_figures(session=s, as_of=bench.as_of, by="owner"))
    return f"{len(groups)} groups"


@step("lag: stalled or overdue queue", repeat=3)
def stalled(bench: Bench) -> str:
    from coprod.services.figures.lag import stalled_or_overdue

    queue = _with_session(bench, lambda s: stalled_or_overdue(session=s, as_of=bench.as_of))
    return f"{len(queue):,} in the queue"
