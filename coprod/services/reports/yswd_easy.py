"""The easy read "You said, we did": one idea per point, a picture beside each, at most 20 pages.

Each point is one or two short sentences with the same picture every time it means the
same thing (you said, we did, where it is now, what happens next; done, started, late...).
With more recommendations than fit in 20 pages, the easy read gives one point per theme and
says where to find the full version. It ends with a list of the harder words that remain.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from coprod.domain.enums import Status
from coprod.i18n import N_, ntr, tr
from coprod.i18n.dates import long_day
from coprod.services.reports import jargon, pictures
from coprod.services.reports.content import (
    Entry,
    Facts,
    Para,
    Part,
    Point,
    Report,
    Section,
    walk_text,
)
from coprod.services.reports.scope import RecRow
from coprod.services.reports.yswd_words import STATUS_WORDS, because, is_late, next_words

_NOW = {
    Status.IMPLEMENTED: N_("yswd.easy.now.implemented"),
    Status.IN_PROGRESS: N_("yswd.easy.now.in_progress"),
    Status.ACCEPTED: N_("yswd.easy.now.accepted"),
    Status.PROPOSED: N_("yswd.easy.now.proposed"),
    Status.ON_HOLD: N_("yswd.easy.now.on_hold"),
    Status.NOT_TAKEN_FORWARD: N_("yswd.easy.now.not_taken_forward"),
}

# About 0.7 of a page each at 16 pt; with the opening and closing pages this keeps the whole
# easy read within the 20 pages easy read guidance asks for.
MAX_ENTRIES = 16
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def short(text: str) -> str:
    """The first sentence, or two if the first is very short: easy read keeps points brief."""
    sentences = [s for s in _SENTENCE.split(" ".join(text.split())) if s]
    if not sentences:
        return ""
    kept = sentences[0] if len(sentences[0].split()) >= 6 or len(sentences) == 1 else " ".join(sentences[:2])
    return kept if kept[-1:] in ".!?" else kept + "."


def theme_point(theme: str, chosen: dict[str, str], blocks: list | None = None, label: str = "") -> Point:
    picture = pictures.for_theme(theme, chosen)
    return Point(
        label or tr("yswd.easy.theme_label"),
        blocks or [Para(about(theme))],
        picture=picture.path,
        alt=picture.alt,
    )


def about(theme: str) -> str:
    """ "You told us about home care." The group with no theme is not named as one."""
    if theme == tr("yswd.theme_other"):
        return tr("yswd.easy.theme_other")
    return tr("yswd.easy.theme", theme=theme.lower())


def now_words(r: RecRow, as_of: date) -> str:
    """Where it is now in one or two short sentences."""
    words = [tr(_NOW[r.status])]
    if r.status is Status.NOT_TAKEN_FORWARD and r.reason:
        words.append(tr("yswd.easy.why", reason=short(because(r.reason)).rstrip(".")))
    elif is_late(r, as_of):
        words = [tr("yswd.easy.late")]
        words.append(
            tr("yswd.easy.by", when=long_day(r.target))
            if r.target and r.target >= as_of
            else tr("yswd.easy.no_date")
        )
    elif r.status in (Status.IN_PROGRESS, Status.ACCEPTED) and r.target and r.target >= as_of:
        words.append(tr("yswd.easy.by", when=long_day(r.target)))
    return " ".join(words)


def entry(r: RecRow, as_of: date) -> Entry:
    status = pictures.for_status(r.status, late=is_late(r, as_of))
    said_text = r.you_said or (r.notes[0] if r.notes else "")
    if said_text:
        said = Para(short(said_text), authored=True)
    elif r.main_theme and r.feedback_count:
        said = Para(tr("yswd.easy.said", theme=r.main_theme.lower()))
    else:
        said = Para(tr("yswd.said_none"))
    did = Para(short(r.updates[-1][1]), authored=True) if r.updates else Para(tr("yswd.easy.no_update"))
    parts = [
        ("said", tr("yswd.part.said"), said, pictures.for_part("said")),
        ("did", tr("yswd.part.did"), did, pictures.for_part("did")),
        ("now", tr("yswd.part.now"), Para(now_words(r, as_of)), status),
        ("next", tr("yswd.part.next"), Para(next_words(r, as_of)), pictures.for_part("next")),
    ]
    return Entry(
        r.key,
        r.title,
        [Part(label, [block], picture=pic.path, alt=pic.alt) for _, label, block, pic in parts],
        status=tr(STATUS_WORDS[r.status]),
    )


def by_theme(theme: str, rows: list[RecRow], chosen: dict[str, str], as_of: date) -> Point:
    """One point for a whole theme, when there are too many recommendations for 20 pages."""
    counts = Counter(r.status for r in rows)
    done = counts[Status.IMPLEMENTED]
    nope = counts[Status.NOT_TAKEN_FORWARD]
    doing = len(rows) - done - nope
    said = [Para(about(theme))]
    for key, n in (
        (N_("yswd.easy.theme_done"), done),
        (N_("yswd.easy.theme_doing"), doing),
        (N_("yswd.easy.theme_nope"), nope),
    ):
        if n:
            said.append(Para(tr(key, count=ntr("count.thing", n))))
    return theme_point(theme, chosen, said, label=theme)


def glossary(report: Report) -> Section | None:
    """The listed words that remain anywhere in the report, each explained once."""
    text = " ".join(t for _, t in walk_text(report))
    found = jargon.find(text)
    if not found:
        return None
    book = pictures.for_part("words")
    return Section(
        "words",
        tr("yswd.section.words"),
        [
            Point(
                tr("yswd.section.words"),
                [Para(tr("yswd.words_intro")), Facts([(w.word, w.meaning) for w in found])],
                picture=book.path,
                alt=book.alt,
            )
        ],
    )
