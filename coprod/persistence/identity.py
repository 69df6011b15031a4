"""Who is making a change and on which device, for the audit log."""

from __future__ import annotations

import getpass
import os
import uuid
from pathlib import Path

import platformdirs


def config_dir() -> Path:
    override = os.environ.get("COPROD_CONFIG_DIR")
    return Path(override) if override else platformdirs.user_config_path("coprod", appauthor=False)


def current_actor() -> str:
    """The operating system user: coprod has no logins of its own."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


_device_id: str | None = None


def device_id() -> str:
    """A random id made once per device and kept in the user's config folder."""
    global _device_id
    if _device_id is not None:
        return _device_id
    path = config_dir() / "device-id"
    try:
        _device_id = path.read_text(encoding="utf-8").strip() or None
    except OSError:
        _device_id = None
    if _device_id is None:
        _device_id = str(uuid.uuid4())
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_device_id, encoding="utf-8")
        except OSError:
            pass  # an unwritable config folder must not stop anyone working
    return _device_id
