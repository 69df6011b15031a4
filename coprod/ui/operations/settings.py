"""Team rules (preferences): stored in the database so the whole team shares them."""

from __future__ import annotations

from coprod.domain.settings import TeamRules
from coprod.persistence.repositories import settings as repo
from coprod.ui.changes import Changes
from coprod.ui.context import AppContext
from coprod.ui.operations.run import Done, Failed, read, submit

CHANGES = Changes.of("setting")


def load_team_rules(ctx: AppContext, *, on_done: Done, on_error: Failed = None) -> None:
    read(ctx, lambda s: repo.get_team_rules(session=s), on_done=on_done, on_error=on_error)  # type: ignore[arg-type]


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
        lambda s: repo.set_team_rules(session=s, rules=rules),
        changes=CHANGES,
        initiator=initiator,
        on_done=on_done,
        on_error=on_error,
    )
