"""The personal-data guard: nothing that identifies a resident leaves in a published report.

Before any report is written, every published string is scanned for the names and contact
details of participants on record, email addresses, UK phone numbers, postcodes and NHS numbers. Each
is replaced by a plain marker ("[email removed]") and listed, so the officer can see what
was taken out and fix the source record.

Participant names are matched as whole names (first and last together), ignoring case and
spacing; single words are not, because first names alone are also ordinary words and staff
names. Officers' names and the council's own contact details are allowed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlmodel import Session, select

from coprod.domain.models import Owner, Participant
from coprod.i18n import N_, ntr, tr
from coprod.persistence.repositories.settings import get_organisation
from coprod.services.reports.content import Bullets, Entry, Para, Point, Quote, Report, map_text

# What was taken out of a report, in words: the kind of detail, and the mark left in its place.
_REDACTED = {
    "name": N_("report.redacted.name"),
    "contact": N_("report.redacted.contact"),
    "address": N_("report.redacted.address"),
    "person": N_("report.redacted.person"),
    "email": N_("report.redacted.email"),
    "phone": N_("report.redacted.phone"),
    "postcode": N_("report.redacted.postcode"),
    "nhs_number": N_("report.redacted.nhs_number"),
}
_REMOVED = {
    "name": N_("report.removed.name"),
    "contact": N_("report.removed.contact"),
    "address": N_("report.removed.address"),
    "person": N_("report.removed.person"),
    "withheld": "report.removed.withheld",
    "email": N_("report.removed.email"),
    "phone": N_("report.removed.phone"),
    "postcode": N_("report.removed.postcode"),
    "nhs_number": N_("report.removed.nhs_number"),
}

EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# UK numbers: +44 or 0, then 9 or 10 more digits in the usual groupings (spaces, dashes,
# brackets). Mobiles (07...), geographic (01/02/03...) and freephone (08...) all match.
PHONE = re.compile(r"(?<![\w+])(?:\+44\s?\(?0?\)?\s?|\(?0)(?:\d[\s\-)]{0,2}){8,9}\d(?!\w)")
POSTCODE = re.compile(
    r"\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE
)
# "14 Elm Road", "3a Mill Lane": a house number, a name and a street word.
STREET = re.compile(
    r"\b\d{1,4}[A-Za-z]?,? (?!(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\b)(?:[A-Z][a-z'’]+ ){1,3}"
    r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Crescent|Court|Ct|Place|Pl|"
    r"Gardens|Grove|Terrace|Walk|Row|Hill|Park|Square|Mews|Rise|View|Green|Parade|Vale)\b\.?"
)
# "Mr Bob Hartley", "Mrs Okoro", "Dr. Shah": a title and one or two capitalised names.
TITLED = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.? [A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?", re.UNICODE)
MAX_REMOVALS = 2  # more than this in one text and it is left out whole, not published in pieces
WITHHELD = "\x00withheld\x00"
NHS_GROUPED = re.compile(r"(?<!\d)\d{3}[ -]\d{3}[ -]\d{4}(?!\d)")
NHS_PLAIN = re.compile(r"(?<!\d)\d{10}(?!\d)")
_TOKEN = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
# Nine digits with at most two other characters between each: every phone and NHS number
# above has them, so a text without them needs none of those three searches.
_NINE_DIGITS = re.compile(r"\d(?:\D{0,2}\d){8}")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"\b([^\W\d_]+)(['’]s)\b")


def nhs_check_digit_ok(digits: str) -> bool:
    """The NHS number's modulus 11 check, so ten-digit reference numbers are not removed."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


@dataclass(frozen=True, slots=True)
class Redaction:
    kind: str  # "name", "contact", "email", "phone", "postcode", "nhs_number"
    where: str  # section > entry, in words
    hint: str  # the first character and the length, never the whole value

    def describe(self) -> str:
        if self.kind == "withheld":
            return tr("report.withheld", where=self.where, hint=self.hint)
        return tr("report.redacted", what=tr(_REDACTED[self.kind]), where=self.where, hint=self.hint)


def _casefolded(pattern: re.Pattern[str], text: str) -> set[str]:
    """Each match of `pattern` in `text`, casefolded one by one as the lookups below do
    (folding the whole text first could split a word such as "İbrahim" differently; ASCII
    text, most of a report, folds the same either way, and at once)."""
    if text.isascii():
        return set(pattern.findall(text.lower()))
    return {w.casefold() for w in pattern.findall(text)}


def _hint(value: str) -> str:
    return f"{value[:1]}… ({len(value)} characters)"


class Guard:
    """Built once per report from the participants on record; `apply` cleans a report."""

    def __init__(
        self, participant_names: Iterable[str], allowed: Iterable[str] = (), contacts: Iterable[str] = ()
    ) -> None:
        # Names are looked up word by word in a set (one pass over the text), not by one huge
        # regular expression: thousands of participants would make every search slow.
        self._names: dict[int, set[tuple[str, ...]]] = {}
        self._single: set[str] = set()  # each word of a name on record, for "Moreno's"
        for n in participant_names:
            words = tuple(w.casefold() for w in _WORD.findall(n or ""))
            if len(words) >= 2:
                self._names.setdefault(len(words), set()).add(words)
            self._single.update(w for w in words if len(w) >= 3)
        self._lengths = sorted(self._names, reverse=True)
        # the first word of every name on record: a text with none of them holds no name
        self._firsts = {words[0] for found in self._names.values() for words in found}
        # Contact details on record (an address, say) are matched as written, found through
        # their first word so that thousands of them cost one pass over the text.
        # Each as (its text folded, the lengths it may have as written: folding can change
        # the length, "İ" becoming two characters).
        self._contacts_by_word: dict[str, list[tuple[str, tuple[int, ...]]]] = {}
        for c in contacts:
            c = " ".join((c or "").split())
            first = _TOKEN.search(c)
            if len(c) >= 6 and first:
                folded = c.casefold()
                lengths = tuple(sorted({len(c), len(folded)}, reverse=True))
                self._contacts_by_word.setdefault(first.group(0).casefold(), []).append((folded, lengths))
        for found in self._contacts_by_word.values():
            found.sort(key=lambda c: c[1][0], reverse=True)
        kept = sorted({a.strip() for a in allowed if a and a.strip()}, key=len, reverse=True)
        self._allowed = re.compile("|".join(map(re.escape, kept))) if kept else None
        self.redactions: list[Redaction] = []
        # A report repeats the same strings many times (statuses, owners, quoted feedback):
        # each distinct text is scanned once, and its removals listed again wherever it recurs.
        self._seen: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {}

    def clean(self, where: str, text: str) -> str:
        """`text` with personal details replaced by markers; each removal is listed under `where`."""
        seen = self._seen.get(text)
        if seen is not None:
            cleaned, removed = seen
            self.redactions.extend(Redaction(kind, where, hint) for kind, hint in removed)
            return cleaned
        before = len(self.redactions)
        cleaned = self._clean(where, text)
        self._seen[text] = (cleaned, tuple((r.kind, r.hint) for r in self.redactions[before:]))
        return cleaned

    def _clean(self, where: str, text: str) -> str:
        # Allowed strings (officers' names, the council's own contact details) are set aside
        # behind placeholders so no pattern can match inside them, then put back.
        kept: list[str] = []
        if self._allowed is not None and self._allowed.search(text):

            def keep(match: re.Match[str]) -> str:
                kept.append(match.group(0))
                return f"\x00{len(kept) - 1}\x00"

            text = self._allowed.sub(keep, text)
        text = self._scan(where, text)
        if kept:
            text = re.sub("\x00(\\d+)\x00", lambda m: kept[int(m.group(1))], text)
        return text

    def _scan(self, where: str, text: str) -> str:
        if self._contacts_by_word:
            text = self._known_contacts(where, text)
        if "@" in text or _DIGIT.search(text):
            text = self._contacts(where, text)
        text = self._sub(TITLED, "person", where, text)
        if self._names:
            text = self._names_out(where, text)
        if self._single and ("'" in text or "’" in text):
            text = self._possessives(where, text)
        return text

    def _possessives(self, where: str, text: str) -> str:
        """ "Moreno's": a capitalised word from a name on record, owning something."""

        def replace(match: re.Match[str]) -> str:
            word = match.group(1)
            if word[:1].isupper() and word.casefold() in self._single:
                return self._removed("name", where, word) + match.group(2)
            return match.group(0)

        return _POSSESSIVE.sub(replace, text)

    def _known_contacts(self, where: str, text: str) -> str:
        spans: list[tuple[int, int]] = []
        flat = " ".join(text.split()) == text  # only single-spaced text can match as written
        if not flat or self._contacts_by_word.keys().isdisjoint(_casefolded(_TOKEN, text)):
            return text
        for m in _TOKEN.finditer(text):
            if spans and m.start() < spans[-1][1]:
                continue
            end = self._contact_at(text, m.start(), m.group(0).casefold())
            if end is not None:
                spans.append((m.start(), end))
        for start, end in reversed(spans):
            text = text[:start] + self._removed("contact", where, text[start:end]) + text[end:]
        return text

    def _contact_at(self, text: str, start: int, word: str) -> int | None:
        """Where a contact on record that starts at `start` (with `word`) ends, if one does."""
        for folded, lengths in self._contacts_by_word.get(word, ()):
            for length in lengths:
                end = start + length
                if text[start:end].casefold() == folded and (end == len(text) or not text[end].isalnum()):
                    return end
        return None

    def _names_out(self, where: str, text: str) -> str:
        if self._firsts.isdisjoint(_casefolded(_WORD, text)):
            return text
        words = list(_WORD.finditer(text))
        keys = [w.group(0).casefold() for w in words]
        spans: list[tuple[int, int]] = []
        i = 0
        while i < len(words):
            for n in self._lengths:
                if (
                    i + n <= len(words)
                    and tuple(keys[i : i + n]) in self._names[n]
                    and all(
                        not text[words[k].end() : words[k + 1].start()].strip() for k in range(i, i + n - 1)
                    )
                ):
                    spans.append((words[i].start(), words[i + n - 1].end()))
                    i += n
                    break
            else:
                i += 1
        for start, end in reversed(spans):
            text = text[:start] + self._removed("name", where, text[start:end]) + text[end:]
        return text

    def _contacts(self, where: str, text: str) -> str:
        if "@" in text:
            text = self._sub(EMAIL, "email", where, text)
        if _NINE_DIGITS.search(text):  # most texts hold only dates and counts: no number
            text = self._sub(NHS_GROUPED, "nhs_number", where, text)
            text = self._sub(NHS_PLAIN, "nhs_number", where, text, check=nhs_check_digit_ok)
            text = self._sub(PHONE, "phone", where, text)
        text = self._sub(STREET, "address", where, text)
        return self._sub(POSTCODE, "postcode", where, text)

    def _removed(self, kind: str, where: str, value: str) -> str:
        self.redactions.append(Redaction(kind, where, _hint(value)))
        return tr(_REMOVED[kind])

    def _sub(self, pattern: re.Pattern[str], kind: str, where: str, text: str, check: object = None) -> str:
        if not pattern.search(text):
            return text

        def replace(match: re.Match[str]) -> str:
            value = match.group(0)
            if callable(check) and not check(value):
                return value
            return self._removed(kind, where, value)

        return pattern.sub(replace, text)

    def apply(self, report: Report) -> list[Redaction]:
        """Clean `report` in place; return what was removed from it.

        A text that needs more than two removals is left out whole and listed as withheld:
        fragments between markers would still say too much about someone.
        """
        self.redactions = []

        seen = self._seen

        def clean_or_withhold(where: str, text: str) -> str:
            known = seen.get(text)
            if known is not None and not known[1]:  # met before, and nothing to remove
                return known[0]
            before = len(self.redactions)
            cleaned = self.clean(where, text)
            found = len(self.redactions) - before
            if found <= MAX_REMOVALS:
                return cleaned
            del self.redactions[before:]
            self.redactions.append(Redaction("withheld", where, ntr("report.withheld_hint", found)))
            return WITHHELD

        map_text(report, clean_or_withhold)
        if any(r.kind == "withheld" for r in self.redactions):
            _prune(report)
        return list(self.redactions)


def _prune(report: Report) -> None:
    """Drop withheld paragraphs, quotes and list items; anywhere else say it was withheld."""

    def keep(block: object) -> bool:
        if isinstance(block, Para | Quote):
            return block.text != WITHHELD
        if isinstance(block, Bullets):
            block.items = [i for i in block.items if i != WITHHELD]
            return bool(block.items)
        return True

    def blocks(items: list) -> list:
        out = []
        for b in items:
            if isinstance(b, Entry):
                for part in b.parts:
                    part.blocks = blocks(part.blocks)
            elif isinstance(b, Point):
                b.blocks = blocks(b.blocks)
            if keep(b):
                out.append(b)
        return out

    for section in report.sections:
        section.blocks = blocks(section.blocks)
    map_text(report, lambda _where, text: tr("report.removed.withheld") if text == WITHHELD else text)


def guard_for(*, session: Session) -> Guard:
    """A guard for this database: participants' names out; officers' names and the council's
    own published contact details (from preferences) stay in."""
    rows = session.exec(select(Participant.name, Participant.contact)).all()
    owners = session.exec(select(Owner.name)).all()
    org = get_organisation(session=session)
    return Guard(
        [n for n, _ in rows if n],
        [*owners, *org.published_values()],
        contacts=[c for _, c in rows if c],
    )
