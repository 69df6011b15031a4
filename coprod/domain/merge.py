"""Merging two versions of one record field by field, against the version they share.

The rule, for each field: if both copies hold the same value, that is the value; if only one
copy changed it since the shared version, that copy's value is kept; only a field changed
in both copies (or whose shared value is not known) is a conflict, for which the caller
decides. Fields nobody changed are never touched. Used by the interchange merge now and
meant for the team-server sync later, so it takes plain field maps and does no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class _Unknown:
    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Any = _Unknown()
"""The shared value of a field when history does not say what it was."""


@dataclass(frozen=True)
class FieldMerge:
    """The outcome for one record: which of `theirs` to take, and which fields clash."""

    take: dict[str, Any] = field(default_factory=dict)
    """Fields only `theirs` changed: their values, to write over ours."""

    conflicts: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    """Fields both changed to different values: field -> (ours, theirs)."""


def merge_fields(base: Mapping[str, Any], ours: Mapping[str, Any], theirs: Mapping[str, Any]) -> FieldMerge:
    """Three-way merge of one record's fields (those present in both `ours` and `theirs`).

    `base` holds the shared version's value of each field; a field missing from it, or
    UNKNOWN, is treated as changed on both sides whenever the two copies differ.
    """
    take: dict[str, Any] = {}
    conflicts: dict[str, tuple[Any, Any]] = {}
    for name, mine in ours.items():
        if name not in theirs:
            continue
        other = theirs[name]
        if mine == other:
            continue
        shared = base.get(name, UNKNOWN)
        if shared is not UNKNOWN and shared == mine:
            take[name] = other  # only they changed it
        elif shared is not UNKNOWN and shared == other:
            continue  # only we changed it
        else:
            conflicts[name] = (mine, other)
    return FieldMerge(take, conflicts)


def base_from_changes(
    ours: Mapping[str, Any],
    theirs: Mapping[str, Any],
    *,
    ours_changed: set[str],
    theirs_changed: set[str],
) -> dict[str, Any]:
    """The shared version, as far as each side's record of changed fields tells it.

    A field one side never changed since the copies parted still holds the shared value
    on that side; a field both changed (or neither is known to have) stays UNKNOWN.
    """
    base: dict[str, Any] = {}
    for name in ours.keys() & theirs.keys():
        if name in ours_changed and name not in theirs_changed:
            base[name] = theirs[name]
        elif name in theirs_changed and name not in ours_changed:
            base[name] = ours[name]
    return base
