"""Team-wide rules. Stored in the database (table `setting`) so every officer shares them."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True, slots=True)
class TeamRules:
    default_target_days: int = 90
    stall_threshold_days: int = 60
    amber_window_days: int = 30
    reference_prefix: str = "R-"  # new recommendations made in the app: R-0041, R-0042...

    @classmethod
    def keys(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))


@dataclass(frozen=True, slots=True)
class Organisation:
    """What reports print about the council. Empty until set in preferences."""

    council_name: str = ""
    logo_path: str = ""
    contact: str = ""
