"""The registry of benchmark steps and the context each step receives."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

AS_OF = date(2026, 11, 26)


@dataclass
class Bench:
    """What a step gets: the database path (already built), the scale and a scratch folder."""

    db_path: Path
    scale: int
    workdir: Path
    as_of: date = AS_OF
    extra: dict[str, object] = field(default_factory=dict)


StepFn = Callable[[Bench], "str | None"]
_STEPS: list[tuple[str, StepFn, int]] = []


def step(name: str, *, repeat: int = 1) -> Callable[[StepFn], StepFn]:
    """Register a timed step. With `repeat` > 1 the median of that many runs is reported."""

    def register(fn: StepFn) -> StepFn:
        _STEPS.append((name, fn, repeat))
        return fn

    return register
