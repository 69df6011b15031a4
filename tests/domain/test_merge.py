"""The field-by-field merge rule: nothing one copy alone changed is ever reverted."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from coprod.domain.merge import UNKNOWN, base_from_changes, merge_fields

FIELDS = ["title", "description", "success_measure", "progress"]
values = st.one_of(st.none(), st.integers(0, 3), st.sampled_from(["a", "b", "c"]))
records = st.fixed_dictionaries({f: values for f in FIELDS})


def test_each_side_changing_a_different_field_keeps_both() -> None:
    base = {"title": "Old", "success_measure": None}
    ours = {"title": "New title", "success_measure": None}
    theirs = {"title": "Old", "success_measure": "Ten a month"}
    outcome = merge_fields(base, ours, theirs)
    assert outcome.take == {"success_measure": "Ten a month"} and outcome.conflicts == {}


@given(base=records, ours=records, theirs=records)
def test_only_fields_changed_on_both_sides_conflict(base: dict, ours: dict, theirs: dict) -> None:
    outcome = merge_fields(base, ours, theirs)
    merged = {**ours, **outcome.take}
    for name in FIELDS:
        changed_here, changed_there = ours[name] != base[name], theirs[name] != base[name]
        if name in outcome.conflicts:
            assert changed_here and changed_there and ours[name] != theirs[name]
            assert outcome.conflicts[name] == (ours[name], theirs[name])
        elif changed_there:
            assert merged[name] == theirs[name]  # their change arrives
        else:
            assert merged[name] == ours[name]  # ours, changed or not, stays


@given(base=records, ours=records, theirs=records)
def test_merging_is_the_same_from_either_side(base: dict, ours: dict, theirs: dict) -> None:
    one, other = merge_fields(base, ours, theirs), merge_fields(base, theirs, ours)
    assert set(one.conflicts) == set(other.conflicts)
    assert {**ours, **one.take} | {k: None for k in one.conflicts} == {**theirs, **other.take} | {
        k: None for k in other.conflicts
    }


def test_the_shared_value_comes_from_the_side_that_did_not_change_the_field() -> None:
    ours = {"title": "Mine", "success_measure": None, "progress": 5}
    theirs = {"title": "Old", "success_measure": "Ten", "progress": 7}
    base = base_from_changes(
        ours, theirs, ours_changed={"title", "progress"}, theirs_changed={"success_measure", "progress"}
    )
    assert base == {"title": "Old", "success_measure": None}
    outcome = merge_fields(base, ours, theirs)
    assert outcome.take == {"success_measure": "Ten"}
    assert outcome.conflicts == {"progress": (5, 7)}
    assert merge_fields({"title": UNKNOWN}, {"title": "x"}, {"title": "y"}).conflicts == {"title": ("x", "y")}
