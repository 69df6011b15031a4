"""Every sentence a user reads, through gettext.

Call sites name a message by a symbolic id, `tr("report.title", n=3)`; the catalogues in
`coprod/locale/<lang>/LC_MESSAGES/coprod.po` hold the words: `en` is the English source text,
other languages translate it and fall back to English entry by entry. Counts go through
`ntr(id, n)`, so each language chooses its own plural form. Services and domain rules raise
errors with a code and parameters; `describe(error)` puts them into words when they are shown.

Ids are literal strings at the call site (or `N_("id")` where an id is chosen from a table),
so Babel's extractor finds every one: `python -m coprod.i18n.build` checks and compiles.
"""

from __future__ import annotations

import functools
import gettext
import locale
import logging
import os
from datetime import date, datetime
from enum import StrEnum
from importlib import resources

from coprod.domain.errors import CoprodError, Phrase, set_describer
from coprod.i18n.labels import LABEL_KEYS, REPORT_KIND_KEYS

log = logging.getLogger(__name__)

DOMAIN = "coprod"
SOURCE_LANGUAGE = "en"
LANGUAGE_ENV = "COPROD_LANG"  # COPROD_LANG=cy chooses Welsh whatever the system says
STRICT_ENV = "COPROD_STRICT_MESSAGES"  # set by the tests: a missing id raises instead of showing the id
# Names Windows gives its locales, for the languages coprod has catalogues in.
_WINDOWS_NAMES = {"welsh": "cy", "english": "en"}


class MissingMessage(KeyError):
    """A message id that no catalogue holds (raised only when STRICT_ENV is set)."""


class _Missing(gettext.NullTranslations):
    """The end of every chain: an id not even the English catalogue holds."""

    def gettext(self, message: str) -> str:
        return _missing(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return _missing(msgid1)


_reported: set[str] = set()


def _missing(key: str) -> str:
    if os.environ.get(STRICT_ENV):
        raise MissingMessage(key)
    if key not in _reported:
        _reported.add(key)
        log.warning("No message %r in the catalogue; showing its id", key)
    return key


def _catalogue(lang: str) -> gettext.GNUTranslations | None:
    mo = resources.files("coprod").joinpath("locale", lang, "LC_MESSAGES", f"{DOMAIN}.mo")
    if not mo.is_file():
        return None
    with mo.open("rb") as f:
        return gettext.GNUTranslations(f)


def available_languages() -> list[str]:
    """The languages with a compiled catalogue, English first."""
    root = resources.files("coprod").joinpath("locale")
    found = sorted(d.name for d in root.iterdir() if d.joinpath("LC_MESSAGES", f"{DOMAIN}.mo").is_file())
    return sorted(found, key=lambda code: code != SOURCE_LANGUAGE)


def _code(name: str | None) -> str | None:
    """'cy_GB.UTF-8', 'cy-GB', 'Welsh_United Kingdom' -> 'cy'."""
    if not name:
        return None
    head = name.split(":")[0].split(".")[0].replace("-", "_").split("_")[0].strip().lower()
    return _WINDOWS_NAMES.get(head, head) or None


def system_language() -> str | None:
    """The language the system asks for, from the usual environment variables or the locale."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        if os.environ.get(var):
            return _code(os.environ[var])
    try:
        return _code(locale.getlocale()[0])
    except ValueError:
        return None


def choose_language(preferred: str | None = None) -> str:
    """COPROD_LANG first, then the user's setting, then the system's; English if none has a catalogue."""
    have = available_languages()
    for candidate in (os.environ.get(LANGUAGE_ENV), preferred, system_language()):
        code = _code(candidate)
        if code in have:
            return code
    return SOURCE_LANGUAGE


_active: gettext.NullTranslations = _Missing()
_language = SOURCE_LANGUAGE


def set_language(preferred: str | None = None) -> str:
    """Show messages in `preferred` (see `choose_language`) from now on; returns the language chosen."""
    global _active, _language
    lang = choose_language(preferred)
    _active, _language = _chain(lang)
    return _language


@functools.cache
def _chain(lang: str) -> tuple[gettext.NullTranslations, str]:
    """The catalogues for `lang`, English behind it: read once a process for each language."""
    english = _catalogue(SOURCE_LANGUAGE)
    if english is None:  # a broken install: show ids rather than fail to start
        return _Missing(), SOURCE_LANGUAGE
    english.add_fallback(_Missing())
    chain: gettext.NullTranslations = english
    if lang != SOURCE_LANGUAGE and (translated := _catalogue(lang)) is not None:
        translated.add_fallback(english)
        chain = translated
    return chain, lang


def language() -> str:
    """The language messages are shown in now, e.g. 'en' or 'cy'."""
    return _language


def N_(key: str) -> str:  # noqa: N802  (the gettext name for "mark, translate later")
    """Mark an id kept in a table for `tr` later, so the extractor finds it."""
    return key


_PLAIN = frozenset({str, int, float})  # put in as they are, without asking what else they might be


def _fill(template: str, params: dict[str, object]) -> str:
    if not params and "{" not in template:
        return template  # most sentences: a report asks for 100,000 of them
    try:
        return template.format(
            **{name: value if type(value) in _PLAIN else _shown(value) for name, value in params.items()}
        )
    except (KeyError, IndexError):
        return template


def tr(key: str, /, **params: object) -> str:
    """The sentence for `key` in the current language, with `params` filled in. A day is put
    in words ("5 January 2026"), a moment on the local clock, an enum member as its display
    word; a table that wants "5 Jan 2026" passes `day(value)` instead."""
    return _fill(_active.gettext(key), params)


def ntr(key: str, n: int, /, **params: object) -> str:
    """The sentence for `key` in the plural form for `n`; `{n}` is the count written out ('1,200')."""
    params.setdefault("n", f"{n:,}")
    return _fill(_active.ngettext(key, key, n), params)


def label(value: StrEnum) -> str:
    """The display word for an enum member, e.g. Status.IN_PROGRESS -> 'In progress'."""
    key = LABEL_KEYS.get(type(value), {}).get(value)
    return tr(key) if key is not None else str(value.value)


def report_name(kind: str) -> str:
    """The name of a kind of report ("you-said-we-did" -> "You said, we did (for residents)")."""
    key = REPORT_KIND_KEYS.get(kind)
    return tr(key) if key is not None else kind


class _Word(str):
    """A word put into a sentence; `{status:lower}` asks for it in lower case."""

    def __format__(self, spec: str) -> str:
        return self.lower() if spec == "lower" else format(str(self), spec)


def _shown(value: object) -> object:
    if isinstance(value, date):
        from coprod.i18n.dates import long_day, moment  # (that module reads messages from here)

        return moment(value) if isinstance(value, datetime) else long_day(value)
    if isinstance(value, Phrase):
        return _Word(tr(value.code, **value.params))
    if isinstance(value, StrEnum) and type(value) in LABEL_KEYS:
        return _Word(label(value))
    return value


def describe(error: BaseException) -> str:
    """An error as the sentence a user reads: a CoprodError's code and parameters put into words."""
    if isinstance(error, CoprodError):
        return tr(error.code, **error.params)
    return str(error)


set_describer(describe)
set_language()
