"""The jargon check: words residents may not know, from one data file (coprod/resources/plain_words.json).

Before publishing, the officer is advised of an easier word for each; an easy read report
ends with a short list explaining the words that remain.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from coprod.resources import resource_path


@dataclass(frozen=True, slots=True)
class Word:
    word: str
    easier: str
    meaning: str


@lru_cache(maxsize=1)
def words() -> dict[str, Word]:
    data = json.loads((resource_path("plain_words.json")).read_text(encoding="utf-8"))
    return {k: Word(k, v["easier"], v["meaning"]) for k, v in data["words"].items()}


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    """One pass over a text finds them all: 'embed', 'Embedded', 'OTs'; acronyms only in capitals."""
    parts = []
    for key in sorted(words(), key=len, reverse=True):
        body = re.escape(key)
        parts.append(f"(?-i:{body}s?)" if key.isupper() else f"{body}(?:s|es|d|ed|ding|ing)?")
    return re.compile(r"(?<![\w-])(" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


def _key(found: str) -> str | None:
    table = words()
    if found in table:
        return found
    low = found.casefold()
    for key in sorted(table, key=len, reverse=True):
        caps = key.isupper()
        if (caps and found.startswith(key)) or (not caps and low.startswith(key.casefold())):
            return key
    return None


def find(text: str) -> list[Word]:
    """The listed words in `text`, each once, in the order they first appear."""
    seen: dict[str, Word] = {}
    for match in _pattern().finditer(text):
        key = _key(match.group(1))
        if key is not None and key not in seen:
            seen[key] = words()[key]
    return list(seen.values())
