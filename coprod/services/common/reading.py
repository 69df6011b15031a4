"""Small pieces every read model shares: rows in the order their ids were asked for, and the
editable values of one live row."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from sqlmodel import Session, SQLModel

Row = TypeVar("Row")


def in_order(rows: Iterable[Sequence[Any]], ids: Sequence[uuid.UUID], make: Callable[..., Row]) -> list[Row]:
    """`make(*row)` for each result row whose first value is its id, in the order of `ids`
    (ids with no row are skipped)."""
    found = {r[0]: make(*r) for r in rows}
    return [found[i] for i in ids if i in found]


def editable_values(
    session: Session, model: type[SQLModel], row_id: uuid.UUID, names: Sequence[str]
) -> dict[str, Any]:
    """The fields `names` of a live row, as plain values; LookupError if it is gone."""
    row = session.get(model, row_id)
    if row is None or getattr(row, "deleted_at", None) is not None:
        raise LookupError(f"no {model.__tablename__} {row_id}")
    return {name: getattr(row, name) for name in names}
