"""The easy read pictures: one picture for each part, each status and each theme.

The set is bundled in coprod/resources/pictograms (Twemoji, CC BY 4.0, credited in every report
that uses it); index.json says which picture means what and gives each one words for
screen readers. A picture always means the same thing. Officers may give a theme another
picture from the set, or their own PNG or SVG file (`coprod settings picture`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlmodel import Session, col, select

from coprod.domain.enums import Status
from coprod.domain.errors import CoprodError
from coprod.domain.models import Setting
from coprod.persistence.repositories.settings import set_value
from coprod.resources import resource_path

_KEY = "theme_picture:"  # + the theme's name in lower case, in the setting table
OWN_SUFFIXES = (".svg", ".png")


@dataclass(frozen=True, slots=True)
class Picture:
    path: str
    alt: str


def folder() -> Path:
    return resource_path("pictograms")


@lru_cache(maxsize=1)
def _index() -> dict:
    return json.loads((folder() / "index.json").read_text(encoding="utf-8"))


def names() -> list[str]:
    """Every picture in the set, by name, for choosing one."""
    return sorted(_index()["pictures"])


def named(name: str) -> Picture:
    file, alt = _index()["pictures"][name]
    return Picture(str(folder() / file), alt)


def for_part(part: str) -> Picture:
    """'said', 'did', 'now', 'next' or 'words'."""
    return named(_index()["parts"][part])


def for_status(status: Status, *, late: bool = False) -> Picture:
    key = {
        Status.IMPLEMENTED: "done",
        Status.IN_PROGRESS: "started",
        Status.ACCEPTED: "agreed",
        Status.PROPOSED: "considering",
        Status.ON_HOLD: "paused",
        Status.NOT_TAKEN_FORWARD: "not_taken_forward",
    }[status]
    if late and status not in (Status.IMPLEMENTED, Status.NOT_TAKEN_FORWARD):
        key = "late"
    return named(_index()["status"][key])


def for_theme(theme: str | None, chosen: dict[str, str] | None = None) -> Picture:
    """The officer's choice for this theme if any, else the set's own, else the 'other' one."""
    key = (theme or "").strip().casefold()
    own = (chosen or {}).get(key)
    if own:
        if own in _index()["pictures"]:
            return named(own)
        if Path(own).is_file():
            return Picture(own, theme or "")
    found = _index()["themes"].get(key)
    return named(found or _index()["other_theme"])


def theme_names(*, session: Session) -> list[str]:
    """The themes in use, for choosing a picture for one."""
    from coprod.domain.models import Theme

    return sorted(
        session.exec(select(Theme.name).where(col(Theme.deleted_at).is_(None))).all(), key=str.casefold
    )


def chosen_pictures(*, session: Session) -> dict[str, str]:
    """Theme (lower case) -> picture name or file, as the officers chose them."""
    rows = session.exec(
        select(Setting.key, Setting.value).where(
            col(Setting.key).startswith(_KEY), col(Setting.deleted_at).is_(None)
        )
    ).all()
    return {k[len(_KEY) :]: v for k, v in rows if v}


def choose_picture(*, session: Session, theme: str, picture: str) -> None:
    """Give `theme` a picture from the set (by name) or an officer's own PNG or SVG file;
    an empty `picture` goes back to the set's own."""
    theme = " ".join(theme.split())
    picture = picture.strip()
    if not theme:
        raise CoprodError("pictures.no_theme")
    if picture and picture not in _index()["pictures"]:
        path = Path(picture).expanduser()
        if path.suffix.lower() not in OWN_SUFFIXES or not path.is_file():
            raise CoprodError("pictures.bad_choice", picture=picture, names=", ".join(names()))
        picture = str(path.resolve())
    set_value(session=session, key=_KEY + theme.casefold(), value=picture)
