"""Preferences (team rules, the council's contact details): stored in the database so the
whole team shares them."""

from __future__ import annotations

from collections.abc import Callable

from coprod.domain.settings import Organisation, TeamRules
from coprod.services.team import settings as service
from coprod.ui.context import AppContext
from coprod.ui.operations.run import Done, Failed, read, submit


def load_team_rules(
    ctx: AppContext, *, on_done: Callable[[TeamRules], None], on_error: Failed = None
) -> None:
    read(ctx, lambda s: service.get_team_rules(session=s), on_done=on_done, on_error=on_error)


def save_team_rules(
    ctx: AppContext,
    *,
    rules: TeamRules,
    initiator: object = None,
    on_done: Done = None,
    on_error: Failed = None,
) -> None:
    submit(
        ctx,
        lambda s: service.set_team_rules(session=s, rules=rules),
        initiator=initiator,
        on_done=on_done,
        on_error=on_error,
    )


def load_preferences(
    ctx: AppContext, *, on_done: Callable[[tuple[TeamRules, Organisation]], None], on_error: Failed = None
) -> None:
    """`on_done` receives (team rules, organisation)."""
    read(
        ctx,
        lambda s: (service.get_team_rules(session=s), service.get_organisation(session=s)),
        on_done=on_done,
        on_error=on_error,
    )


def save_preferences(
    ctx: AppContext,
    *,
    rules: TeamRules,
    organisation: Organisation,
    initiator: object = None,
    on_done: Done = None,
    on_error: Failed = None,
) -> None:
    submit(
        ctx,
        lambda s: service.save_preferences(session=s, rules=rules, organisation=organisation),
        initiator=initiator,
        on_done=on_done,
        on_error=on_error,
    )
