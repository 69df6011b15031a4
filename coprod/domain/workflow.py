"""The recommendation status workflow and the rules each change must satisfy.

Pure functions over plain values: the services call them before writing anything, so a
refused change leaves the database untouched.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, TypeVar

from coprod.domain.enums import OPEN_STATUSES, Status
from coprod.domain.errors import Phrase, RuleViolation

# The forward path; every open status may also go on hold or be closed, and on_hold may go
# back to any open status.
_FORWARD: dict[Status, frozenset[Status]] = {
    Status.PROPOSED: frozenset({Status.ACCEPTED}),
    Status.ACCEPTED: frozenset({Status.IN_PROGRESS}),
    Status.IN_PROGRESS: frozenset({Status.IMPLEMENTED}),
    Status.ON_HOLD: frozenset({Status.PROPOSED, Status.ACCEPTED, Status.IN_PROGRESS}),
    Status.IMPLEMENTED: frozenset(),
    Status.NOT_TAKEN_FORWARD: frozenset(),
}


def allowed_next(current: Status) -> frozenset[Status]:
    """Statuses a recommendation in `current` may move to."""
    nxt = set(_FORWARD[current])
    if current in OPEN_STATUSES:
        nxt |= {Status.ON_HOLD, Status.NOT_TAKEN_FORWARD}
    nxt.discard(current)
    return frozenset(nxt)


def check_transition(
    current: Status,
    new: Status,
    *,
    raised_on: date,
    implemented_on: date | None = None,
    has_public_update: bool = False,
    reason: str | None = None,
    today: date | None = None,
) -> None:
    """Raise RuleViolation with one clear message if `current -> new` breaks a rule."""
    if current == new:
        raise RuleViolation("rule.same_status", status=current)
    if new not in allowed_next(current):
        raise RuleViolation(
            "rule.transition_not_allowed",
            old=current,
            new=new,
            hint=Phrase("hint.workflow"),
        )
    if new == Status.IMPLEMENTED:
        check_implemented_on(implemented_on, raised_on=raised_on, today=today)
        if not has_public_update:
            raise RuleViolation("rule.implemented_needs_public_update")
    if new == Status.NOT_TAKEN_FORWARD and not (reason and reason.strip()):
        raise RuleViolation("rule.not_taken_forward_needs_reason")


def check_implemented_on(implemented_on: date | None, *, raised_on: date, today: date | None = None) -> None:
    if implemented_on is None:
        raise RuleViolation("rule.implemented_needs_date")
    if implemented_on < raised_on:
        raise RuleViolation(
            "rule.implemented_before_raised", implemented_on=implemented_on, raised_on=raised_on
        )
    if today is not None and implemented_on > today:
        raise RuleViolation("rule.implemented_in_future", implemented_on=implemented_on)


def check_target_change(
    *,
    current_effective: date | None,
    new_target: date,
    raised_on: date,
    reason: str | None,
    approved_by: str | None,
    first_target: bool,
) -> None:
    """A first target needs nothing more; a change to an existing one needs reason and approver."""
    if new_target < raised_on:
        raise RuleViolation("rule.target_before_raised", target=new_target, raised_on=raised_on)
    if first_target:
        return
    if current_effective == new_target:
        raise RuleViolation("rule.target_unchanged")
    if not (reason and reason.strip()):
        raise RuleViolation("rule.target_change_needs_reason")
    if not (approved_by and approved_by.strip()):
        raise RuleViolation("rule.target_change_needs_approver")


def check_progress(value: int) -> None:
    if not 0 <= value <= 100:
        raise RuleViolation("rule.progress_range", value=value)


def check_open(status: Status) -> None:
    """Updates and target changes only make sense while a recommendation is open."""
    if status not in OPEN_STATUSES:
        raise RuleViolation("rule.closed_recommendation", status=status)


def chain_positions(steps: Sequence[tuple[object, object]]) -> list[int]:
    """Where each of several status changes recorded at one moment stands along the workflow:
    an import records a tracker's whole history at once, and rows of one instant come back in
    any order. `steps` are (from, to) pairs; a change stands after the one whose new status it
    starts from. Changes off any chain (or round a loop) keep position 0 or where they got."""
    positions = [0] * len(steps)
    for _ in range(len(steps)):
        moved = False
        for i, (start, _end) in enumerate(steps):
            for j, (_old, end) in enumerate(steps):
                if j != i and end == start and positions[i] <= positions[j] < len(steps) - 1:
                    positions[i] = positions[j] + 1
                    moved = True
        if not moved:
            break
    return positions


Change = TypeVar("Change", bound=tuple[Any, ...])
"""A status change as (day, from status, to status, ...): any tuple starting so."""


def last_change(changes: Sequence[Change]) -> Change:
    """The change that stands last among `changes` (in date order). Several on the last day
    follow the workflow's chain (`chain_positions`), not the order the rows came back in."""
    return _along_chain(changes, changes[-1][0], max)


def _along_chain(changes: Sequence[Change], day: Any, pick: Any) -> Change:
    """Of the changes made on `day`, the one `pick` (min or max) finds along the workflow's
    chain, ties kept in the order given."""
    same_day = [c for c in changes if c[0] == day]
    positions = chain_positions([(c[1], c[2]) for c in same_day])
    return pick(zip(positions, range(len(same_day)), same_day, strict=True))[2]


def status_at_end_of(day: Any, changes: Sequence[Change]) -> Any:
    """The status held at the end of `day`, from a recommendation's status changes (in date
    order, `day` compared as they are stored): the last change up to then; with none, where
    the first later change started from, or for a record created later, what it was created
    with (the best that is known)."""
    before = [c for c in changes if c[0] <= day]
    if before:
        return last_change(before)[2]
    first = _along_chain(changes, changes[0][0], min)
    return first[1] if first[1] is not None else first[2]
