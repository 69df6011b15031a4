"""The plain-English check: advice on texts residents will find hard to read. Never blocks.

GOV.UK aims at a reading age of about 9. We estimate a reading age as the Flesch-Kincaid
grade plus 5 and flag texts at 13 or more ("well above" the aim), and sentences longer than
25 words. Syllables come from a hyphenation dictionary (`pyphen`, which ships its
dictionaries), not a pronunciation dictionary downloaded on first use (as `textstat` does),
because council laptops are often offline.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from coprod.i18n import ntr, tr
from coprod.services.reports import jargon
from coprod.services.reports.content import Bullets, Entry, Para, Part, Report

FLAG_READING_AGE = 13
LONG_SENTENCE_WORDS = 25
_MIN_WORDS = 8  # a short phrase gives no meaningful score
_DATED = re.compile(r"^\d{1,2} [A-Z][a-z]+ \d{4}: ")  # "3 March 2025: " before an update


@cache
def _hyphenator() -> object:
    import pyphen

    return pyphen.Pyphen(lang="en_GB")


def _syllables(word: str) -> int:
    return len(_hyphenator().positions(word)) + 1  # type: ignore[attr-defined]


def reading_age(text: str) -> float:
    """An estimated reading age in years (Flesch-Kincaid grade + 5)."""
    words = re.findall(r"[A-Za-z']+", text)
    if not words:
        return 0.0
    sentences = max(1, len(_sentences(text)))
    syllables = sum(_syllables(w.lower()) for w in words)
    grade = 0.39 * len(words) / sentences + 11.8 * syllables / len(words) - 15.59
    return round(max(0.0, grade) + 5, 1)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


def longest_sentence(text: str) -> int:
    return max((len(s.split()) for s in _sentences(text)), default=0)


@dataclass(frozen=True, slots=True)
class Advice:
    where: str
    text: str
    reading_age: float
    longest_sentence: int
    word: str = ""  # a word residents may not know (the jargon check)
    easier: str = ""

    def describe(self) -> str:
        if self.word:
            return tr("report.jargon", where=self.where, word=self.word, easier=self.easier)
        return tr(
            "report.readability",
            where=self.where,
            age=f"{self.reading_age:.0f}",
            aim=9,
            words=self.longest_sentence,
            excerpt=self.text[:80],
        )


def summary_sentences(advice: Sequence[Advice], most: int = 5) -> list[str]:
    """The advice in a sentence or two: how many places (a directorate's report gives
    thousands), and the `most` words met most often with their easier words."""
    if not advice:
        return []
    found = Counter((a.word, a.easier) for a in advice if a.word)
    unknown = sum(found.values())
    out = [
        ntr(
            "report.advice_summary",
            len(advice),
            words=f"{unknown:,}",
            hard=f"{len(advice) - unknown:,}",
        )
    ]
    if found:
        met = "; ".join(
            tr("report.advice_word", word=word, easier=easier, places=f"{n:,}")
            for (word, easier), n in found.most_common(most)
        )
        out.append(tr("report.advice_words", words=met))
    return out


def each_suggestion(advice: Sequence[Advice]) -> list[str]:
    """Each suggestion once, in the order met: a title repeated in several sections of a report
    gives the same suggestion each time, said once with how many places it stands in."""
    seen = Counter(a.describe() for a in advice)
    return [text if n == 1 else ntr("report.advice_places", n, text=text) for text, n in seen.items()]


def check(report: Report) -> list[Advice]:
    """Advice for each summary or "we did" text that is hard to read."""
    out: list[Advice] = []
    for entry in report.entries():
        out.extend(_jargon(entry.heading, entry.heading))
        for part in entry.parts:
            out.extend(_check_part(entry, part))
    return out


def _jargon(where: str, text: str) -> list[Advice]:
    return [Advice(where, text, 0.0, 0, word, easier) for word, easier in _jargon_in(text)]


# A long report repeats the same summaries and updates many times: each distinct text is
# measured once per process. Pure functions of the text, so the advice is the same.
@lru_cache(maxsize=65536)
def _jargon_in(text: str) -> tuple[tuple[str, str], ...]:
    return tuple((w.word, w.easier) for w in jargon.find(text))


@lru_cache(maxsize=65536)
def _measured(text: str) -> tuple[float, int]:
    return reading_age(text), longest_sentence(text)


def _check_part(entry: Entry, part: Part) -> list[Advice]:
    out = []
    for block in part.blocks:
        if not getattr(block, "authored", False):
            continue  # coprod's own sentences are written plainly once, in i18n
        texts = [block.text] if isinstance(block, Para) else block.items if isinstance(block, Bullets) else []
        for text in texts:
            text = _DATED.sub("", text)
            out.extend(_jargon(f"{entry.heading} > {part.label}", text))
            if len(text.split()) < _MIN_WORDS:
                continue
            age, longest = _measured(text)
            if age >= FLAG_READING_AGE or longest > LONG_SENTENCE_WORDS:
                out.append(Advice(f"{entry.heading} > {part.label}", text, age, longest))
    return out
