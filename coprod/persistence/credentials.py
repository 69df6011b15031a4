"""Passwords for team servers, kept in the operating system's credential store (`keyring`).

Never in a settings file: the store is the user's own (Windows Credential Manager, the macOS
keychain, the desktop's secret service). One entry per login, under the service "coprod" and
the name `user@host:port/database`; database files' keys share the service under their
absolute paths, which never look like this.
"""

from __future__ import annotations

SERVICE = "coprod"
DEFAULT_PORT = 5432


class PasswordStoreMissing(Exception):
    """The operating system offers no credential store coprod can keep a password in."""


def login_name(user: str, host: str, port: int | None, database: str) -> str:
    """The name a server login's password is kept under."""
    shown_host = f"[{host}]" if ":" in host else host
    return f"{user}@{shown_host.lower()}:{port or DEFAULT_PORT}/{database}"


def stored_password(name: str) -> str | None:
    """The password kept under `name`, if any (None when there is no store or it is locked)."""
    try:
        import keyring

        return keyring.get_password(SERVICE, name)
    except Exception:  # noqa: BLE001  (no store, or a locked one, is only "no password here")
        return None


def store_password(name: str, password: str) -> None:
    """Keep `password` under `name`; PasswordStoreMissing when there is no store to keep it in."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(SERVICE, name, password)
    except (KeyringError, RuntimeError) as exc:
        raise PasswordStoreMissing(str(exc)) from exc
    if stored_password(name) != password:  # the "null" store keeps nothing
        raise PasswordStoreMissing("the credential store kept nothing")


def delete_password(name: str) -> None:
    try:
        import keyring

        keyring.delete_password(SERVICE, name)
    except Exception:  # noqa: BLE001  (nothing stored, or no store: nothing to remove)
        pass
