"""Choosing by hand which field a tracker's column feeds, and remembering the choice.

A choice is a heading and a field ("Action taken" -> "we_did"), or a heading and None to
ignore that column. The CLI takes choices from `--map "Action taken=we did"` and from a
profile file (`--mapping FILE`, JSON: {"Action taken": "we did", "Notes": null}); the
import wizard remembers the officer's choices for each set of headings, so the same
council's tracker maps the same way next time.
"""

from __future__ import annotations

import json
from pathlib import Path

from coprod.domain.errors import CoprodError
from coprod.persistence.identity import config_dir
from coprod.services.data.importing.columns import BY_FIELD, COLUMNS, Mapping, normalise

Choices = dict[str, str | None]
"""Heading as it appears in the file -> field name, or None to ignore the column."""

_IGNORE = {normalise(w) for w in ("ignore", "none", "skip", "nothing", "-")}
_FIELD_WORDS: dict[str, str] = {}
for _c in COLUMNS:
    for _word in (_c.field, _c.heading, *_c.names, *_c.weak):
        _FIELD_WORDS.setdefault(normalise(_word), _c.field)
_FIELD_WORDS.update({normalise(c.field): c.field for c in COLUMNS})
_FIELD_WORDS.update({normalise(c.heading): c.field for c in COLUMNS})
REMEMBERED_FILE = "import-mappings.json"


def field_named(word: str) -> str | None:
    """The field a user's word names ('we did', 'We did', 'we_did', 'owner'); None means ignore."""
    key = normalise(word)
    if key in _IGNORE:
        return None
    if key not in _FIELD_WORDS:
        raise CoprodError(
            "import.map_no_field", field=word.strip(), fields=", ".join(c.heading.lower() for c in COLUMNS)
        )
    return _FIELD_WORDS[key]


def parse_map_option(text: str) -> tuple[str, str | None]:
    """'Action taken=we did' -> ('Action taken', 'we_did')."""
    heading, sep, word = text.rpartition("=")
    if not sep or not heading.strip() or not word.strip():
        raise CoprodError("import.bad_map", value=text)
    return heading.strip(), field_named(word)


def load_profile(path: str | Path) -> Choices:
    """A saved mapping profile: a JSON object of heading -> field (null to ignore)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise CoprodError("import.profile_unreadable", path=str(path), reason=reason) from exc
    except ValueError as exc:
        raise CoprodError("import.profile_unreadable", path=str(path), reason=str(exc)) from exc
    if not isinstance(data, dict) or not all(isinstance(v, (str, type(None))) for v in data.values()):
        raise CoprodError(
            "import.profile_unreadable",
            path=str(path),
            reason='it should map each heading to a field, like {"Action taken": "we did"}',
        )
    return {str(k): (None if v is None else field_named(v)) for k, v in data.items()}


def save_profile(path: str | Path, headers: list[str], mapping: Mapping) -> Path:
    """Write every column's field (null: not imported) as a profile `--mapping FILE` reads."""
    path = Path(path)
    by_index = {i: f for f, i in mapping.items()}
    profile = {h: by_index.get(i) for i, h in enumerate(headers) if h}
    try:
        path.write_text(json.dumps(profile, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise CoprodError("export.cannot_write", path=str(path), reason=reason) from exc
    return path


def apply_choices(headers: list[str], mapping: Mapping, choices: Choices) -> Mapping:
    """`mapping` with each chosen heading's column feeding the chosen field (or nothing)."""
    out = dict(mapping)
    index_of = {normalise(h): i for i, h in reversed(list(enumerate(headers)))}
    for heading, field in choices.items():
        index = index_of.get(normalise(heading))
        if index is None:
            raise CoprodError(
                "import.map_no_heading", heading=heading, headings=", ".join(h for h in headers if h)
            )
        for f, i in list(out.items()):
            if i == index:
                del out[f]
        if field is not None:
            out[field] = index
    return out


def choices_between(headers: list[str], detected: Mapping, chosen: Mapping) -> Choices:
    """The hand-made differences between what coprod detected and what the officer chose."""
    before = {i: f for f, i in detected.items()}
    after = {i: f for f, i in chosen.items()}
    return {
        headers[i] or str(i + 1): after.get(i) for i in range(len(headers)) if before.get(i) != after.get(i)
    }


def describe(headers: list[str], mapping: Mapping) -> list[tuple[str, str | None]]:
    """Each column's heading and the heading of the field it feeds (None: ignored)."""
    by_index = {i: f for f, i in mapping.items()}
    return [(h, BY_FIELD[by_index[i]].heading if i in by_index else None) for i, h in enumerate(headers)]


def _heading_key(headers: list[str]) -> str:
    return "|".join(normalise(h) for h in headers)


def _remembered_path() -> Path:
    return config_dir() / REMEMBERED_FILE


def _load_remembered() -> dict[str, Choices]:
    try:
        data = json.loads(_remembered_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remembered(headers: list[str]) -> Choices:
    """The choices made last time for a tracker with exactly these headings."""
    found = _load_remembered().get(_heading_key(headers), {})
    return {k: v for k, v in found.items() if v is None or v in BY_FIELD} if isinstance(found, dict) else {}


def remember(headers: list[str], choices: Choices) -> None:
    """Keep `choices` for trackers with these headings; a file that cannot be saved only
    means the choice is asked again next time."""
    data = _load_remembered()
    data[_heading_key(headers)] = choices
    path = _remembered_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        partial.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
        partial.replace(path)
    except OSError:
        pass
