"""Columns every coprod table shares: a UUID key, UTC timestamps, a soft-delete tombstone and
a version that every update moves on by one."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel
from sqlmodel.main import SQLModelConfig

from coprod.domain.types import UTCDateTime, new_id, utcnow


def enum_type(enum_cls: type[StrEnum]) -> sa.Enum:
    """Store an enum by its lower-case value (the code users see in exports), not its name."""
    return sa.Enum(
        enum_cls,
        values_callable=lambda members: [m.value for m in members],
        native_enum=False,
        create_constraint=False,
        length=32,
        validate_strings=True,
    )


def fk(target: str, *, nullable: bool = True, index: bool = True) -> Any:
    """A UUID foreign key column to `target` ("table.id")."""
    return Field(default=None if nullable else ..., foreign_key=target, nullable=nullable, index=index)


class TableBase(SQLModel):
    """Records are created on offline laptops and merged later, hence UUIDs, not integers."""

    # Table models never validate (SQLModel builds them as the ORM does), so pydantic's
    # validator for each class is built only if something asks for it, never at import:
    # that was half the time of importing the models.
    model_config = SQLModelConfig(from_attributes=True, defer_build=True)

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    deleted_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    # The ORM adds "AND version = <the one read>" to every UPDATE and raises StaleDataError if
    # another connection moved it on in between; services check it earlier, with a sentence.
    version: int = Field(default=1, nullable=False, sa_column_kwargs={"server_default": sa.text("1")})

    made_on_first_use: ClassVar[bool] = False
    """Rows a command makes on the way when a name or code is first used (a theme, a
    participant's code), which later work by anyone may point to. Undoing the command that
    made one leaves it in place while others' rows still point to it."""

    @declared_attr  # type: ignore[arg-type]
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]
