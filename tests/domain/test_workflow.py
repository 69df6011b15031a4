from datetime import date

import pytest

from coprod.domain import workflow
from coprod.domain.enums import Status
from coprod.domain.errors import RuleViolation

RAISED = date(2025, 1, 10)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (Status.PROPOSED, Status.ACCEPTED),
        (Status.ACCEPTED, Status.IN_PROGRESS),
        (Status.PROPOSED, Status.ON_HOLD),
        (Status.ACCEPTED, Status.ON_HOLD),
        (Status.IN_PROGRESS, Status.ON_HOLD),
        (Status.ON_HOLD, Status.IN_PROGRESS),
        (Status.ON_HOLD, Status.ACCEPTED),
        (Status.ON_HOLD, Status.PROPOSED),
    ],
)
def test_allowed_moves_pass(old: Status, new: Status) -> None:
    workflow.check_transition(old, new, raised_on=RAISED)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (Status.PROPOSED, Status.IN_PROGRESS),
        (Status.PROPOSED, Status.IMPLEMENTED),
        (Status.ACCEPTED, Status.IMPLEMENTED),
        (Status.IN_PROGRESS, Status.ACCEPTED),
        (Status.IMPLEMENTED, Status.IN_PROGRESS),
        (Status.NOT_TAKEN_FORWARD, Status.ACCEPTED),
        (Status.IMPLEMENTED, Status.ON_HOLD),
    ],
)
def test_moves_off_the_workflow_are_refused_with_the_order_explained(old: Status, new: Status) -> None:
    with pytest.raises(RuleViolation) as caught:
        workflow.check_transition(old, new, raised_on=RAISED, reason="x", implemented_on=RAISED)
    assert caught.value.code == "rule.transition_not_allowed"
    assert "cannot move from" in str(caught.value)
    assert "proposed, accepted, in progress, implemented" in str(caught.value)


def test_every_open_status_can_be_closed_with_a_reason() -> None:
    for old in (Status.PROPOSED, Status.ACCEPTED, Status.IN_PROGRESS, Status.ON_HOLD):
        workflow.check_transition(old, Status.NOT_TAKEN_FORWARD, raised_on=RAISED, reason="Funded by NHS")


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_not_taken_forward_needs_a_reason(reason: str | None) -> None:
    with pytest.raises(RuleViolation, match="Say why it is not being taken forward"):
        workflow.check_transition(Status.ACCEPTED, Status.NOT_TAKEN_FORWARD, raised_on=RAISED, reason=reason)


def test_implemented_needs_a_date() -> None:
    with pytest.raises(RuleViolation, match="Give the date it was implemented"):
        workflow.check_transition(
            Status.IN_PROGRESS, Status.IMPLEMENTED, raised_on=RAISED, has_public_update=True
        )


def test_implemented_cannot_be_before_raised() -> None:
    with pytest.raises(RuleViolation) as caught:
        workflow.check_transition(
            Status.IN_PROGRESS,
            Status.IMPLEMENTED,
            raised_on=RAISED,
            implemented_on=date(2025, 1, 9),
            has_public_update=True,
        )
    assert caught.value.code == "rule.implemented_before_raised"
    assert caught.value.params["implemented_on"] == date(2025, 1, 9)  # put into words when shown


def test_implemented_on_the_day_it_was_raised_is_allowed() -> None:
    workflow.check_transition(
        Status.IN_PROGRESS,
        Status.IMPLEMENTED,
        raised_on=RAISED,
        implemented_on=RAISED,
        has_public_update=True,
    )


def test_implemented_cannot_be_in_the_future() -> None:
    with pytest.raises(RuleViolation, match="in the future"):
        workflow.check_transition(
            Status.IN_PROGRESS,
            Status.IMPLEMENTED,
            raised_on=RAISED,
            implemented_on=date(2025, 3, 2),
            has_public_update=True,
            today=date(2025, 3, 1),
        )


def test_implemented_needs_a_public_update() -> None:
    with pytest.raises(RuleViolation, match="public update saying what was done"):
        workflow.check_transition(
            Status.IN_PROGRESS,
            Status.IMPLEMENTED,
            raised_on=RAISED,
            implemented_on=date(2025, 2, 1),
            has_public_update=False,
        )


def test_same_status_is_refused() -> None:
    with pytest.raises(RuleViolation, match="already In progress"):
        workflow.check_transition(Status.IN_PROGRESS, Status.IN_PROGRESS, raised_on=RAISED)


def test_first_target_needs_no_reason_but_a_revision_does() -> None:
    workflow.check_target_change(
        current_effective=None,
        new_target=date(2025, 4, 1),
        raised_on=RAISED,
        reason=None,
        approved_by=None,
        first_target=True,
    )
    with pytest.raises(RuleViolation, match="reason for changing the target"):
        workflow.check_target_change(
            current_effective=date(2025, 4, 1),
            new_target=date(2025, 5, 1),
            raised_on=RAISED,
            reason=" ",
            approved_by="Head",
            first_target=False,
        )
    with pytest.raises(RuleViolation, match="who approved"):
        workflow.check_target_change(
            current_effective=date(2025, 4, 1),
            new_target=date(2025, 5, 1),
            raised_on=RAISED,
            reason="Budget",
            approved_by=None,
            first_target=False,
        )
    with pytest.raises(RuleViolation, match="same as the current"):
        workflow.check_target_change(
            current_effective=date(2025, 4, 1),
            new_target=date(2025, 4, 1),
            raised_on=RAISED,
            reason="Budget",
            approved_by="Head",
            first_target=False,
        )


def test_target_before_raised_is_refused() -> None:
    with pytest.raises(RuleViolation, match="before the date it was raised"):
        workflow.check_target_change(
            current_effective=None,
            new_target=date(2025, 1, 1),
            raised_on=RAISED,
            reason=None,
            approved_by=None,
            first_target=True,
        )


@pytest.mark.parametrize("value", [-1, 101])
def test_progress_outside_0_to_100_is_refused(value: int) -> None:
    with pytest.raises(RuleViolation, match="from 0 to 100"):
        workflow.check_progress(value)


def test_closed_recommendations_refuse_changes() -> None:
    with pytest.raises(RuleViolation, match="can no longer change"):
        workflow.check_open(Status.IMPLEMENTED)


def test_changes_recorded_at_one_moment_are_put_along_the_workflow_chain() -> None:
    # An imported tracker's history, as the rows came back from the database.
    steps = [
        ("accepted", "in_progress"),
        (None, "proposed"),
        ("in_progress", "implemented"),
        ("proposed", "accepted"),
    ]
    assert workflow.chain_positions(steps) == [2, 0, 3, 1]
    assert workflow.chain_positions([("paused", "in_progress"), ("in_progress", "paused")]) in (
        [0, 1],
        [1, 0],
    )
    assert workflow.chain_positions([]) == []
