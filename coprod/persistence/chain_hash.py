"""One audit event's hash, and the plain JSON form of the values it covers.

Kept apart from `audit.py` (which installs the ORM hooks and needs the models) so that
`coprod check` can verify the chain over Core rows without loading the models.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any


def jsonable(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


def aware(value: Any) -> Any:
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    return value


def event_hash(row: dict[str, Any]) -> str:
    """The hash of one event: its content, its place (`seq`) and the previous event's hash."""
    at = aware(row.get("at"))
    action = row.get("action")
    body = [
        str(row.get("id")),
        at.isoformat() if isinstance(at, datetime) else str(at),
        row.get("actor"),
        row.get("device_id"),
        action.value if isinstance(action, Enum) else action,
        row.get("table_name"),
        row.get("row_id"),
        jsonable(row.get("changes") or {}),
        row.get("merged_from"),
        row.get("seq"),
        row.get("prev_hash"),
    ]
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()
