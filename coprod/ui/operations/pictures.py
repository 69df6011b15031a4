"""Easy read pictures for themes: read the choices, save one."""

from __future__ import annotations

from collections.abc import Callable

from coprod.services.reports import pictures
from coprod.ui.context import AppContext
from coprod.ui.operations.run import Done, Failed, read, submit


def load_choices(
    ctx: AppContext, *, on_done: Callable[[tuple[list[str], dict[str, str]]], None], on_error: Failed = None
) -> None:
    """`on_done` receives (theme names, {theme in lower case: chosen picture})."""
    read(
        ctx,
        lambda s: (pictures.theme_names(session=s), pictures.chosen_pictures(session=s)),
        on_done=on_done,
        on_error=on_error,
    )


def choose(
    ctx: AppContext,
    *,
    theme: str,
    picture: str,
    initiator: object = None,
    on_done: Done = None,
    on_error: Failed = None,
) -> None:
    submit(
        ctx,
        lambda s: pictures.choose_picture(session=s, theme=theme, picture=picture),
        initiator=initiator,
        on_done=on_done,
        on_error=on_error,
    )
