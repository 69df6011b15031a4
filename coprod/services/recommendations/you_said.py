"""The "You said" summary: what residents said, in the officer's plain words.

Residents read this first in "You said, we did". An officer writes it; when a
recommendation is made from selected feedback it starts as those items, one per line, for
the officer to shorten.
"""

from __future__ import annotations

from collections.abc import Iterable

_PREFILL_LIMIT = 600  # characters: a starting point to shorten, not the whole transcript


def prefill_you_said(texts: Iterable[str]) -> str:
    """The selected feedback as a draft summary: each distinct item once, in order."""
    seen: list[str] = []
    for text in texts:
        line = " ".join((text or "").split())
        if line and line not in seen:
            seen.append(line)
    draft = "\n".join(seen)
    if len(draft) > _PREFILL_LIMIT:
        draft = draft[:_PREFILL_LIMIT].rsplit(" ", 1)[0] + " …"
    return draft
