"""Participant actions: add, edit, record and withdraw consent (each one transaction)."""

from __future__ import annotations

from datetime import date
from typing import Any

from coprod.domain.privacy import ConsentUse, LawfulBasis
from coprod.services.privacy import participants as svc
from coprod.ui.changes import Changes
from coprod.ui.context import AppContext
from coprod.ui.guard import if_alive
from coprod.ui.operations.run import Done, Failed, submit


def add_participant(
    ctx: AppContext,
    *,
    code: str | None,
    name: str | None,
    contact: str | None,
    basis: LawfulBasis,
    initiator: object = None,
    on_done: Done = None,
    on_error: Failed = None,
) -> None:
    submit(
        ctx,
        lambda s: svc.add_participant(session=s, code=code, name=name, contact=contact, lawful_basis=basis),
        initiator=initiator,
        on_done=on_done,
        on_error=on_error,
    )


def edit_participant(
    ctx: AppContext,
    *,
    code: str,
    values: dict[str, Any],
    initiator: object = None,
    on_done: Done = None,
    on_error: Failed = None,
) -> None:
    submit(
        ctx,
        lambda s: svc.edit_participant(session=s, code=code, **values),
        initiator=initiator,
        on_done=on_done,
        on_error=on_error,
    )


def give_consent(
    ctx: AppContext,
    *,
    code: str,
    use: ConsentUse,
    given_on: date,
    method: str,
    wording: str,
    initiator: object = None,
    on_done: Done = None,
    on_error: Failed = None,
) -> None:
    submit(
        ctx,
        lambda s: svc.give_consent(
            session=s, code=code, use=use, given_on=given_on, method=method, wording=wording
        ),
        initiator=initiator,
        on_done=on_done,
        on_error=on_error,
    )


def withdraw_consent(
    ctx: AppContext,
    *,
    code: str,
    use: ConsentUse,
    initiator: object = None,
    on_done: Done = None,
    on_error: Failed = None,
) -> None:
    """`on_done` receives the published versions that may hold their quotes."""
    submit(
        ctx,
        lambda s: svc.withdraw_consent(session=s, code=code, use=use),
        initiator=initiator,
        on_done=on_done,
        on_error=on_error,
    )


ERASED = Changes.of("participant", "consent", "feedback", "erasure", "audit_event")


def erase_participant(
    ctx: AppContext,
    *,
    code: str,
    initiator: object = None,
    on_done: Done = None,
    on_error: Failed = None,
) -> None:
    """Erase one person on the worker (it rewrites the file, so it is not one ORM transaction);
    `on_done` receives the ErasureResult. It cannot be undone."""
    from PySide6.QtCore import QObject

    from coprod.services.privacy.erasure import erase_participant as erase

    def done(result: object) -> None:
        ctx.bus.sig_changed.emit(ERASED, initiator)
        if on_done is not None:
            on_done(result)

    def failed(exc: BaseException) -> None:
        (on_error or ctx.bus.sig_failed.emit)(exc)

    owner = initiator if isinstance(initiator, QObject) else None
    ctx.runner.run(
        lambda: erase(ctx.workspace, code),
        on_done=if_alive(owner, done) if owner else done,
        on_error=if_alive(owner, failed) if owner else failed,
    )
