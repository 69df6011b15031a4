"""Importing a risk register spreadsheet (CSV or XLSX), with the trackers' rules: every row is
checked first and problems are listed as `row N: column: message`; nothing is written if any
row is wrong, unless the caller skips invalid rows (which go to a rejects CSV beside the file).

Registers either split the description into Cause, Event and Effect columns or keep one
Description column; a description is read when it names the three parts ("Cause: ... Event:
... Effect: ...") or follows the usual "risk that EVENT caused by CAUSE resulting in EFFECT".
A Recommendations column lists the references of the recommendations that mitigate a risk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TypeVar

from sqlmodel import Session, col, select

from coprod.domain.errors import CoprodError, RuleViolation
from coprod.domain.models import Recommendation, Risk
from coprod.domain.risk import RiskCategory, RiskLevel, RiskStatus, check_rating
from coprod.i18n import N_, tr
from coprod.services.common.store import Store
from coprod.services.data.importing.columns import Column, normalise
from coprod.services.data.importing.reader import Table, read_table
from coprod.services.data.importing.rows import Problem
from coprod.services.data.importing.values import CellError, parse_date, text
from coprod.services.risks import register

_REQUIRED = {
    "cause": N_("risk.rule.cause_required"),
    "event": N_("risk.rule.event_required"),
    "effect": N_("risk.rule.effect_required"),
}

E = TypeVar("E", bound=Enum)

COLUMNS: tuple[Column, ...] = (
    Column("reference", "Risk ID", ("risk id", "risk ref", "risk reference", "risk no", "risk number"), True),
    Column("title", "Risk title", ("risk title", "title", "risk name", "short name", "risk")),
    Column("description", "Description", ("description", "risk description")),
    Column("cause", "Cause", ("cause", "causes")),
    Column("event", "Event", ("event", "risk event")),
    Column("effect", "Effect", ("effect", "effects", "consequence", "consequences")),
    Column("category", "Category", ("category", "risk category", "type")),
    Column("owner", "Owner", ("owner", "risk owner", "lead")),
    Column("inherent_likelihood", "Inherent likelihood", ("inherent likelihood", "gross likelihood")),
    Column("inherent_impact", "Inherent impact", ("inherent impact", "gross impact")),
    Column(
        "likelihood",
        "Likelihood",
        ("likelihood", "current likelihood", "residual likelihood", "net likelihood", "l"),
        True,
    ),
    Column("impact", "Impact", ("impact", "current impact", "residual impact", "net impact", "i"), True),
    Column("target_likelihood", "Target likelihood", ("target likelihood",)),
    Column("target_impact", "Target impact", ("target impact",)),
    Column("controls", "Controls", ("controls", "existing controls", "current controls")),
    Column("actions", "Actions", ("actions", "further actions", "mitigating actions", "planned actions")),
    Column(
        "recommendations",
        "Recommendations",
        ("recommendations", "linked recommendations", "mitigating recommendations"),
    ),
    Column("review_date", "Review date", ("review date", "next review", "next review date")),
    Column("review_months", "Review every (months)", ("review every months", "review frequency months")),
    Column(
        "identified_on", "Date identified", ("date identified", "identified on", "date raised", "raised on")
    ),
    Column("status", "Status", ("status", "risk status")),
    Column("closed_on", "Date closed", ("date closed", "closed on", "closed date", "closure date")),
    Column("level", "Level", ("level", "register", "risk level")),
)
BY_FIELD = {c.field: c for c in COLUMNS}
_NAMES = {normalise(n): c.field for c in COLUMNS for n in c.names}

_LABELLED = re.compile(r"cause\s*[:\-]\s*(.+?)\s*event\s*[:\-]\s*(.+?)\s*effect\s*[:\-]\s*(.+)", re.I | re.S)
_SENTENCE = re.compile(
    r"risk that\s+(.+?),?\s+(?:caused by|because of|due to|as a result of)\s+(.+?),?\s+"
    r"(?:resulting in|leading to|which (?:could|would|may) (?:lead to|result in))\s+(.+)",
    re.I | re.S,
)
_CATEGORY = {normalise(c.value): c for c in RiskCategory} | {
    normalise(c.value.replace("_", " ")): c for c in RiskCategory
}
_STATUS = {normalise(s.value): s for s in RiskStatus} | {"live": RiskStatus.OPEN, "active": RiskStatus.OPEN}
_LEVEL = {normalise(lv.value): lv for lv in RiskLevel} | {
    "service": RiskLevel.TEAM,
    "strategic": RiskLevel.CORPORATE,
}


def detect_mapping(headers: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for i, header in enumerate(headers):
        f = _NAMES.get(normalise(header))
        if f is not None and f not in out:
            out[f] = i
    return out


def looks_like_risk_register(headers: list[str]) -> bool:
    """A register names a risk id and a likelihood and an impact; a tracker does not."""
    mapping = detect_mapping(headers)
    return {"likelihood", "impact"} <= mapping.keys() and (
        "reference" in mapping or "cause" in mapping or "inherent_likelihood" in mapping
    )


def split_description(description: str) -> tuple[str, str, str] | None:
    """Cause, event and effect from one description, or None when it does not name them."""
    m = _LABELLED.search(description)
    if m:
        cause, event, effect = m.groups()
        return cause.strip(" .;"), event.strip(" .;"), effect.strip(" .;")
    m = _SENTENCE.search(description)
    if m:
        event, cause, effect = m.groups()
        return cause.strip(" .;"), event.strip(" .;"), effect.strip(" .;")
    return None


@dataclass
class RiskImportReport:
    source: Path
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    rejected_rows: int = 0
    created: int = 0
    updated: int = 0
    written: bool = False
    rejects_file: Path | None = None
    missing_columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class _Row:
    row: int
    risk_in: register.RiskIn
    recommendations: list[str]


class _Checker:
    def __init__(self, table: Table, mapping: dict[str, int], today: date) -> None:
        self.table, self.mapping, self.today = table, mapping, today
        self.problems: list[Problem] = []

    def heading(self, f: str) -> str:
        index = self.mapping.get(f)
        return self.table.headers[index] if index is not None else BY_FIELD[f].heading

    def cell(self, cells: list[object], f: str) -> object:
        index = self.mapping.get(f)
        return cells[index] if index is not None and index < len(cells) else None

    def fail(self, n: int, f: str, message: str) -> None:
        self.problems.append(Problem(n, self.heading(f), message))

    def rating(self, n: int, cells: list[object], f: str, default: int | None) -> int | None:
        raw = text(self.cell(cells, f))
        if raw is None:
            if default is None:
                self.fail(n, f, tr("risk.import.rating_missing"))
            return default
        try:
            return check_rating(int(float(raw)), what=self.heading(f).lower())
        except (ValueError, RuleViolation):
            self.fail(n, f, tr("risk.import.rating_bad", value=raw))
            return None

    def choice(self, n: int, cells: list[object], f: str, words: dict[str, E], default: E) -> E:
        raw = text(self.cell(cells, f))
        if raw is None:
            return default
        found = words.get(normalise(raw))
        if found is None:
            allowed = ", ".join(sorted({str(v.value).replace("_", " ") for v in words.values()}))
            self.fail(n, f, tr("risk.import.choice_bad", value=raw, allowed=allowed))
        return found or default

    def day(self, n: int, cells: list[object], f: str) -> date | None:
        try:
            return parse_date(self.cell(cells, f))
        except CellError as exc:
            self.fail(n, f, tr(exc.code, **exc.params))
            return None

    def check(self, n: int, cells: list[object]) -> _Row | None:
        before = len(self.problems)
        reference = text(self.cell(cells, "reference"))
        if reference is None:
            self.fail(n, "reference", tr("risk.import.reference_missing"))
        cause, event, effect = (text(self.cell(cells, f)) for f in ("cause", "event", "effect"))
        description = text(self.cell(cells, "description"))
        if not (cause and event and effect) and description:
            parts = split_description(description)
            if parts is None:
                self.fail(n, "description", tr("risk.import.description_unclear"))
            else:
                cause, event, effect = (a or b for a, b in zip((cause, event, effect), parts, strict=True))
        elif not (cause and event and effect):
            missing = next(f for f, v in (("cause", cause), ("event", event), ("effect", effect)) if not v)
            self.fail(n, missing, tr(_REQUIRED[missing]))
        likelihood = self.rating(n, cells, "likelihood", None)
        impact = self.rating(n, cells, "impact", None)
        inherent = (
            self.rating(n, cells, "inherent_likelihood", likelihood),
            self.rating(n, cells, "inherent_impact", impact),
        )
        target = (
            self.rating(n, cells, "target_likelihood", likelihood),
            self.rating(n, cells, "target_impact", impact),
        )
        months_raw = text(self.cell(cells, "review_months"))
        months = 3
        if months_raw is not None:
            try:
                months = int(float(months_raw))
                if not 1 <= months <= 12:
                    raise ValueError
            except ValueError:
                self.fail(n, "review_months", tr("risk.rule.review_months", value=months_raw))
        identified = self.day(n, cells, "identified_on") or self.today
        review = self.day(n, cells, "review_date")
        category = self.choice(n, cells, "category", _CATEGORY, RiskCategory.OTHER)
        status = self.choice(n, cells, "status", _STATUS, RiskStatus.OPEN)
        closed_on = self.day(n, cells, "closed_on") if status is RiskStatus.CLOSED else None
        level = self.choice(n, cells, "level", _LEVEL, RiskLevel.TEAM)
        refs = [r for r in re.split(r"[;,\s]+", text(self.cell(cells, "recommendations")) or "") if r]
        if len(self.problems) > before:
            return None
        title = text(self.cell(cells, "title")) or (event or "")[:80]
        risk_in = register.RiskIn(
            reference=reference or "",
            title=title,
            cause=cause or "",
            event=event or "",
            effect=effect or "",
            inherent=inherent,  # type: ignore[arg-type]
            current=(likelihood, impact),  # type: ignore[arg-type]
            target=target,  # type: ignore[arg-type]
            identified_on=identified,
            category=category,
            controls=text(self.cell(cells, "controls")),
            actions=text(self.cell(cells, "actions")),
            review_months=months,
            next_review_on=review,
            status=status,
            level=level,
            closed_on=closed_on,
        )
        return _Row(n, risk_in, refs)


def _owner_names(table: Table, mapping: dict[str, int]) -> dict[int, str | None]:
    index = mapping.get("owner")
    return {n: text(cells[index]) if index is not None else None for n, cells in table.rows}


def check_register(
    session: Session, table: Table, mapping: dict[str, int], *, today: date
) -> tuple[list[_Row], list[Problem]]:
    """Every row checked against the file and the database; nothing written."""
    checker = _Checker(table, mapping, today)
    missing = [f for f in ("reference", "likelihood", "impact") if f not in mapping]
    if "description" not in mapping and not {"cause", "event", "effect"} <= mapping.keys():
        missing.append("description")
    if missing:
        return [], [
            Problem(
                table.header_row,
                BY_FIELD[f].heading,
                tr("import.missing_column", heading=BY_FIELD[f].heading),
            )
            for f in missing
        ]
    if not table.rows:
        return [], [Problem(table.header_row + 1, "", tr("import.no_rows"))]
    known = {
        r
        for r in session.exec(
            select(Recommendation.reference).where(col(Recommendation.deleted_at).is_(None))
        )
        if r
    }
    rows: list[_Row] = []
    seen: dict[str, int] = {}
    for n, cells in table.rows:
        row = checker.check(n, cells)
        if row is None:
            continue
        ref = row.risk_in.reference
        if ref in seen:
            checker.fail(n, "reference", tr("risk.import.reference_twice", reference=ref, row=seen[ref]))
            continue
        unknown = [r for r in row.recommendations if r not in known]
        if unknown:
            checker.fail(
                n, "recommendations", tr("risk.import.unknown_recommendation", references=", ".join(unknown))
            )
            continue
        seen[ref] = n
        rows.append(row)
    return rows, sorted(checker.problems, key=lambda p: p.row)


class _NothingWritten(Exception):
    pass


def import_register(
    db: Store,
    source: str | Path,
    *,
    dry_run: bool = False,
    skip_invalid: bool = False,
    today: date | None = None,
    table: Table | None = None,
) -> RiskImportReport:
    """Check `source` and, unless it has problems (or `dry_run`), import it in one transaction.
    A risk whose reference is already in the register is updated; a changed current rating is
    recorded as a review on `today`, so the history keeps the old score."""
    from coprod.services.data.backup import backup_before
    from coprod.services.data.importing import rejects_path, write_rejects

    source = Path(source)
    today = today or date.today()
    table = table if table is not None else read_table(source)
    mapping = detect_mapping(table.headers)
    report = RiskImportReport(source=source, rows=len(table.rows))
    owners = _owner_names(table, mapping)
    with db.reading() as session:
        rows, problems = check_register(session, table, mapping, today=today)
        existing = sum(
            register.find(session=session, reference=r.risk_in.reference) is not None for r in rows
        )
    report.problems, report.rejected_rows = problems, len({p.row for p in problems})
    if dry_run or not rows or (problems and not skip_invalid):
        report.created, report.updated = len(rows) - existing, existing
        return report
    backup_before(db, "pre-import")
    try:
        with db.transaction() as session:
            for row in rows:
                owner_id = register.owner_named(session=session, name=owners.get(row.row))
                risk_in = replace(row.risk_in, owner_id=owner_id)
                found = register.find(session=session, reference=risk_in.reference)
                if found is None:
                    rid = register.create_risk(
                        session=session, risk_in=risk_in, by=f"Imported from {source.name}"
                    )
                    report.created += 1
                else:
                    rid = found.id
                    before = (found.current_likelihood, found.current_impact)
                    risk_in = _keep_unmapped(risk_in, found, mapping)
                    register.update_risk(session=session, risk_id=rid, risk_in=risk_in)
                    if before != risk_in.current:
                        register.record_review(
                            session=session,
                            risk_id=rid,
                            on=today,
                            likelihood=risk_in.current[0],
                            impact=risk_in.current[1],
                            reviewer=f"Imported from {source.name}",
                        )
                    report.updated += 1
                if row.recommendations:
                    ids = session.exec(
                        select(Recommendation.id).where(
                            col(Recommendation.reference).in_(row.recommendations),
                            col(Recommendation.deleted_at).is_(None),
                        )
                    ).all()
                    register.link_recommendations(session=session, risk_id=rid, recommendation_ids=ids)
            if problems:
                report.rejects_file = write_rejects(rejects_path(source), table, problems)
    except RuleViolation as exc:
        raise CoprodError("risk.import.refused", reason=str(exc)) from exc
    except _NothingWritten:
        return report
    report.written = True
    return report


# RiskIn field -> the columns it is read from; a column the file lacks leaves the value alone.
_FROM_COLUMNS = {
    "title": ("title",),
    "identified_on": ("identified_on",),
    "category": ("category",),
    "status": ("status",),
    "closed_on": ("closed_on",),
    "level": ("level",),
    "controls": ("controls",),
    "actions": ("actions",),
    "review_months": ("review_months",),
    "next_review_on": ("review_date",),
    "inherent": ("inherent_likelihood", "inherent_impact"),
    "target": ("target_likelihood", "target_impact"),
    "owner_id": ("owner",),
}


def _keep_unmapped(risk_in: register.RiskIn, existing: Risk, mapping: dict[str, int]) -> register.RiskIn:
    """On re-import, what the file does not say is kept as it was, never reset to a default."""
    current = {
        "title": existing.title,
        "identified_on": existing.identified_on,
        "category": existing.category,
        "status": existing.status,
        "closed_on": existing.closed_on,
        "level": existing.level,
        "controls": existing.controls,
        "actions": existing.actions,
        "review_months": existing.review_months,
        "next_review_on": existing.next_review_on,
        "inherent": (existing.inherent_likelihood, existing.inherent_impact),
        "target": (existing.target_likelihood, existing.target_impact),
        "owner_id": existing.owner_id,
    }
    values = _fields(risk_in)
    for name, columns in _FROM_COLUMNS.items():
        if not any(c in mapping for c in columns):
            values[name] = current[name]
    return register.RiskIn(**values)  # type: ignore[arg-type]


def _fields(risk_in: register.RiskIn) -> dict[str, object]:
    return {f: getattr(risk_in, f) for f in risk_in.__dataclass_fields__}
