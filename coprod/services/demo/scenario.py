"""A realistic, deterministic demo: a London borough's adult social care co-production loop.

`--scale 1` is about 20 sessions, 400 feedback items and 40 recommendations; the same seed
and as-of date always give the same database, UUIDs included. Rows go in through SQLAlchemy
Core in chunks: the ORM's add_all is many times slower at 100,000 rows.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from operator import itemgetter
from typing import Any

from pydantic_core import PydanticUndefined
from sqlalchemy import func, select
from sqlmodel import Session, SQLModel

from coprod.domain.enums import (
    Adjustment,
    CqcStatement,
    LadderLevel,
    ReviewDecision,
    SessionFormat,
    Status,
)
from coprod.domain.errors import CoprodError
from coprod.domain.models import (
    EngagementSession,
    Feedback,
    FeedbackTheme,
    Lesson,
    Owner,
    Participant,
    Recommendation,
    RecommendationFeedback,
    RecommendationUpdate,
    Review,
    SessionStrategy,
    StatusChange,
    Strategy,
    TargetChange,
    Theme,
)
from coprod.i18n.dates import english_month
from coprod.persistence import bulk
from coprod.persistence.audit import record_bulk
from coprod.persistence.bulk import StoredId
from coprod.persistence.dialect import larger_page_cache
from coprod.services.common.store import Store
from coprod.services.demo import risks as demo_risks
from coprod.services.demo import text as T

CHUNK = 5000
CONSENT_WORDING = "I agree that what I say can be recorded without my name and used to improve services."
SESSIONS_PER_SCALE = 20
FEEDBACK_PER_SCALE = 400
RECOMMENDATIONS_PER_SCALE = 40

Progress = Callable[[int, int], None]


@dataclass
class DemoCounts:
    tables: dict[str, int] = field(default_factory=dict)


@dataclass
class _Rows:
    by_table: dict[type[SQLModel], list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, table: type[SQLModel], **row: Any) -> None:
        self.by_table.setdefault(table, []).append(row)


class _Gen:
    def __init__(self, seed: int, as_of: date) -> None:
        self.rng = random.Random(seed)
        self.as_of = as_of
        self.rows = _Rows()
        self._first_ms = int(datetime.combine(as_of, time(), tzinfo=UTC).timestamp() * 1000)
        self._made = 0

    def uid(self) -> StoredId:
        """Ids in the order they are made (version 7), as coprod's imports make them: each
        table's unique indexes then fill from the end, with full pages, instead of at random
        places. Each takes the same 128 bits from the generator as a random id would, so every
        other choice in the scenario stays as it was. Made as the bulk path writes them (32
        hex digits, in the same order as the UUIDs): a UUID object for each of 360,000 rows,
        made only to be turned back into its digits, cost more than the digits."""
        n = self._made
        self._made = n + 1
        return f"{bulk.ordered_id(self._first_ms, n, self.rng.getrandbits(128)):032x}"

    def stamp(self, day: date) -> datetime:
        minutes = self.rng.randrange(8 * 60, 18 * 60)
        return datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=UTC)

    def row(self, table: type[SQLModel], day: date, **values: Any) -> StoredId:
        rid = self.uid()
        ts = self.stamp(day)
        self.rows.add(table, id=rid, created_at=ts, updated_at=ts, deleted_at=None, **values)
        return rid

    def days(self, lo: int, hi: int) -> timedelta:
        return timedelta(days=self.rng.randint(lo, hi))

    def cap(self, day: date) -> date:
        return min(day, self.as_of)


def write_demo(
    db: Store, *, scale: int = 1, seed: int = 1, as_of: date | None = None, progress: Progress | None = None
) -> DemoCounts:
    """Fill an empty database with the demo scenario in one transaction, then compact the
    file, as a bulk fill leaves its unique indexes' pages part empty."""
    with db.transaction() as session:
        counts = generate(session=session, scale=scale, seed=seed, as_of=as_of, progress=progress)
    db.database.compact()
    return counts


def generate(
    *,
    session: Session,
    scale: int = 1,
    seed: int = 1,
    as_of: date | None = None,
    progress: Progress | None = None,
) -> DemoCounts:
    """Write the demo scenario into an empty database, in the caller's transaction."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    if session.execute(select(func.count()).select_from(Recommendation)).scalar_one():
        raise CoprodError("demo.not_empty")
    gen = _Gen(seed, as_of or date.today())
    start = gen.as_of - timedelta(days=730)
    owners = _owners(gen, start, scale)
    strategies = _strategies(gen, start, owners)
    themes = {name: gen.row(Theme, start, name=name) for name in T.FEEDBACK}
    participants = _participants(gen, start, scale)
    sessions = _sessions(gen, start, scale, strategies)
    feedback = _feedback(gen, scale, sessions, themes, participants)
    _recommendations(gen, scale, sessions, feedback, strategies, owners)
    demo_risks.add_register(gen, owners)
    return _write(session, gen.rows, progress)


def _owners(gen: _Gen, start: date, scale: int) -> list[StoredId]:
    ids: list[StoredId] = []
    for i, (name, role, team) in enumerate(T.OWNERS):
        escalate = None if i == 0 else ids[0] if i < 9 else ids[1 + i % 8]
        email = None if role.startswith("Partner") else f"{name.split()[0].lower()}.{i}@council.example"
        ids.append(
            gen.row(
                Owner,
                start,
                name=name,
                role=role,
                team=team,
                email=email,
                escalation_contact_id=escalate,
                active=True,
            )
        )
    for n in range(scale // 5):
        name = f"{gen.rng.choice(T.FIRST_NAMES)} {gen.rng.choice(T.LAST_NAMES)}"
        ids.append(
            gen.row(
                Owner,
                start,
                name=f"{name} ({n + 1})",
                role="Project Officer",
                team=gen.rng.choice(T.OWNERS)[2],
                email=None,
                escalation_contact_id=ids[1 + n % 8],
                active=True,
            )
        )
    return ids


def _strategies(gen: _Gen, start: date, owners: list[StoredId]) -> list[StoredId]:
    return [
        gen.row(
            Strategy,
            start,
            name=name,
            description=desc,
            board=board,
            lead_owner_id=owners[i % 9],
            start_on=start,
            end_on=start + timedelta(days=365 * 5),
            active=True,
        )
        for i, (name, board, desc) in enumerate(T.STRATEGIES)
    ]


def _participants(gen: _Gen, start: date, scale: int) -> list[StoredId]:
    ids = []
    for n in range(scale * 100):
        given = start + gen.days(0, 700)
        named = gen.rng.random() < 0.1
        ids.append(
            gen.row(
                Participant,
                given,
                code=f"P-{n + 1:05d}",
                name=f"{gen.rng.choice(T.FIRST_NAMES)} {gen.rng.choice(T.LAST_NAMES)}" if named else None,
                contact=f"07700 900{n % 1000:03d}" if named else None,
                consent_given_on=given,
                consent_method=gen.rng.choice(["form", "verbal", "online"]),
                consent_wording=CONSENT_WORDING,
                consent_withdrawn_on=None,
                retain_until=given + timedelta(days=730),
            )
        )
    return ids


@dataclass
class _SessionInfo:
    id: StoredId
    held_on: date
    title: str
    strategy: StoredId


def _sessions(gen: _Gen, start: date, scale: int, strategies: list[StoredId]) -> list[_SessionInfo]:
    rng = gen.rng
    formats = list(SessionFormat)
    ladder = list(LadderLevel)
    out = []
    for n in range(scale * SESSIONS_PER_SCALE):
        held = start + gen.days(0, 700)
        fmt = formats[n] if n < len(formats) else rng.choice(formats)
        level = rng.choices(ladder, weights=[1, 2, 6, 14, 10, 6, 4])[0]
        targeted = rng.sample(T.GROUPS, rng.randint(1, 3))
        reached = [g for g in targeted if rng.random() < 0.7] + rng.sample(T.GROUPS, rng.randint(0, 1))
        title = f"{rng.choice(T.SESSION_TITLES)}, {english_month(held)}"
        count = rng.randint(4, 60) if fmt != SessionFormat.SURVEY else rng.randint(40, 400)
        returned = held + gen.days(30, 120)
        sid = gen.row(
            EngagementSession,
            held,
            title=title,
            held_on=held,
            format=fmt.value,
            venue="Online" if fmt in (SessionFormat.ONLINE, SessionFormat.SURVEY) else rng.choice(T.VENUES),
            facilitator=rng.choice(T.OWNERS[1:9])[0],
            participant_count=count,
            ladder_level=level.value,
            groups_targeted=targeted,
            groups_reached=list(dict.fromkeys(reached)),
            adjustments=[a.value for a in rng.sample(list(Adjustment), rng.randint(0, 3))],
            payments_pence=rng.choice([0, 0, 2000, 2500, 5000]) * min(count, 20),
            expenses_pence=rng.randint(0, 300) * 100,
            notes=None,
            feedback_returned_on=returned if returned <= gen.as_of and rng.random() < 0.55 else None,
        )
        strat = strategies[n % len(strategies)] if n < len(strategies) else rng.choice(strategies)
        gen.row(SessionStrategy, held, session_id=sid, strategy_id=strat)
        if rng.random() < 0.25:
            other = rng.choice(strategies)
            if other != strat:
                gen.row(SessionStrategy, held, session_id=sid, strategy_id=other)
        out.append(_SessionInfo(sid, held, title, strat))
    return out


@dataclass
class _FeedbackInfo:
    id: StoredId
    theme: str


def _feedback(
    gen: _Gen,
    scale: int,
    sessions: list[_SessionInfo],
    themes: dict[str, StoredId],
    participants: list[StoredId],
) -> dict[StoredId, list[_FeedbackInfo]]:
    rng = gen.rng
    names = list(T.FEEDBACK)
    by_session: dict[StoredId, list[_FeedbackInfo]] = {s.id: [] for s in sessions}
    total = scale * FEEDBACK_PER_SCALE
    for n in range(total):
        s = sessions[n % len(sessions)]
        theme = rng.choice(names)
        said = rng.choice(T.FEEDBACK[theme])
        opener = rng.choice(T.OPENERS)
        keep_capital = not opener or said.startswith(("I ", "I'"))
        text = opener + (said if keep_capital else said[0].lower() + said[1:])
        fid = gen.row(
            Feedback,
            s.held_on,
            session_id=s.id,
            text=text,
            is_verbatim=rng.random() < 0.3,
            participant_id=rng.choice(participants) if rng.random() < 0.5 else None,
            recorded_at=gen.stamp(s.held_on),
        )
        gen.row(FeedbackTheme, s.held_on, feedback_id=fid, theme_id=themes[theme])
        if rng.random() < 0.4:
            extra = rng.choice(names)
            if extra != theme:
                gen.row(FeedbackTheme, s.held_on, feedback_id=fid, theme_id=themes[extra])
        by_session[s.id].append(_FeedbackInfo(fid, theme))
    return by_session


_OUTCOMES = [
    Status.IMPLEMENTED,
    Status.IN_PROGRESS,
    Status.ACCEPTED,
    Status.PROPOSED,
    Status.ON_HOLD,
    Status.NOT_TAKEN_FORWARD,
]
# Weights by age: recent recommendations are mostly still being agreed, old ones mostly done.
_WEIGHTS_BY_AGE = [
    (90, [0, 25, 35, 35, 0, 5]),
    (365, [35, 40, 6, 2, 7, 10]),
    (10_000, [60, 16, 3, 1, 8, 12]),
]


def _outcome(gen: _Gen, raised: date) -> Status:
    age = (gen.as_of - raised).days
    weights = next(w for limit, w in _WEIGHTS_BY_AGE if age < limit)
    return gen.rng.choices(_OUTCOMES, weights)[0]


def _recommendations(
    gen: _Gen,
    scale: int,
    sessions: list[_SessionInfo],
    feedback: dict[StoredId, list[_FeedbackInfo]],
    strategies: list[StoredId],
    owners: list[StoredId],
) -> None:
    rng = gen.rng
    cqc = list(CqcStatement)
    ordered = sorted(sessions, key=lambda s: s.held_on)
    for n in range(scale * RECOMMENDATIONS_PER_SCALE):
        # The first six cover every status, so even the smallest demo shows each one.
        forced = n < len(_OUTCOMES)
        pool = ordered[: max(1, len(ordered) * 3 // 4)] if forced else ordered
        s = rng.choice(pool)
        items = feedback[s.id]
        linked = rng.sample(items, min(len(items), rng.randint(1, 4))) if items else []
        theme = linked[0].theme if linked else rng.choice(list(T.FEEDBACK))
        raised = gen.cap(s.held_on + gen.days(3, 28))
        outcome = _OUTCOMES[n] if forced else _outcome(gen, raised)
        _one_recommendation(
            gen,
            n,
            outcome,
            s,
            raised,
            theme,
            linked,
            strategy=s.strategy if rng.random() < 0.8 else rng.choice(strategies),
            owner=rng.choice(owners[1:]),
            cqc=rng.choice(cqc),
        )


def _one_recommendation(
    gen: _Gen,
    n: int,
    outcome: Status,
    s: _SessionInfo,
    raised: date,
    theme: str,
    linked: list[_FeedbackInfo],
    *,
    strategy: StoredId,
    owner: StoredId,
    cqc: CqcStatement,
) -> None:
    rng, as_of = gen.rng, gen.as_of
    rid = gen.uid()
    target = raised + timedelta(days=rng.choice([60, 90, 120, 180])) if rng.random() < 0.85 else None
    history: list[tuple[date, Status]] = [(raised, Status.PROPOSED)]
    updates: list[tuple[date, str, bool, int | None]] = []
    accepted_on = implemented_on = decided_on = None
    reason = None
    status = Status.PROPOSED
    day = raised

    def step(to: Status, lo: int, hi: int) -> bool:
        nonlocal day, status
        nxt = day + gen.days(lo, hi)
        if nxt > as_of:
            return False
        day, status = nxt, to
        history.append((day, to))
        return True

    if outcome is Status.NOT_TAKEN_FORWARD:
        if rng.random() < 0.5:
            step(Status.ACCEPTED, 3, 30)
        if step(Status.NOT_TAKEN_FORWARD, 10, 90):
            reason, decided_on = rng.choice(T.NOT_TAKEN_FORWARD), day
    elif outcome is not Status.PROPOSED and step(Status.ACCEPTED, 3, 30):
        accepted_on = day
        if outcome in (Status.IN_PROGRESS, Status.IMPLEMENTED, Status.ON_HOLD) and step(
            Status.IN_PROGRESS, 5, 40
        ):
            planned = (target - raised).days if target else 90
            # Most land near their target; a long tail runs late.
            duration = int(planned * rng.choice([0.6, 0.8, 0.95, 1.0, 1.1, 1.3, 1.6, 2.2]))
            cadence = rng.randint(20, 45)
            stalls = rng.random() < 0.2
            stop = day + timedelta(days=rng.randint(10, 90)) if stalls else as_of
            u = day + timedelta(days=cadence)
            progress = 10
            while u < min(stop, raised + timedelta(days=duration), as_of):
                progress = min(90, progress + rng.randint(5, 25))
                public = rng.random() < 0.35
                text = (
                    rng.choice(T.PUBLIC_UPDATES).format(session=s.title)
                    if public
                    else rng.choice(T.INTERNAL_UPDATES)
                )
                updates.append((u, text, public, progress))
                day = u
                u += timedelta(days=cadence)
            finish = raised + timedelta(days=duration)
            if outcome is Status.IMPLEMENTED and finish <= as_of and finish > day:
                day = finish
                implemented_on = finish
                status = Status.IMPLEMENTED
                history.append((finish, status))
                done = rng.choice(T.DONE_UPDATES).format(detail=rng.choice(T.DONE_DETAILS))
                updates.append((finish, done, True, 100))
            elif outcome is Status.ON_HOLD:
                step(Status.ON_HOLD, 1, 30)
    target_changes = _target_changes(gen, rid, raised, target, accepted_on, implemented_on or as_of)
    revised = target_changes[-1][1] if target_changes else None
    last = max([raised] + [d for d, _ in history] + [u[0] for u in updates] + [t[0] for t in target_changes])
    title = rng.choice(T.RECOMMENDATIONS.get(theme) or T.RECOMMENDATIONS["Co-production"])
    progress_now = 100 if status is Status.IMPLEMENTED else (updates[-1][3] or 0) if updates else 0
    gen.rows.add(
        Recommendation,
        id=rid,
        created_at=gen.stamp(raised),
        updated_at=gen.stamp(last),
        deleted_at=None,
        reference=f"R-{n + 1:04d}",
        title=title,
        description=f"Raised at the {s.title}. Residents told us about {theme.lower()}.",
        raised_on=raised,
        source_session_id=s.id,
        strategy_id=strategy,
        owner_id=owner,
        status=status.value,
        progress=progress_now,
        success_measure=rng.choice(T.SUCCESS_MEASURES),
        target_date=target,
        revised_target_date=revised,
        accepted_on=accepted_on,
        implemented_on=implemented_on,
        decision_reason=reason,
        decided_on=decided_on,
        cqc_statement=cqc.value,
        last_update_on=None,
        next_update_due=None,
    )
    for f in linked:
        gen.row(RecommendationFeedback, raised, recommendation_id=rid, feedback_id=f.id)
    previous: Status | None = None
    for d, st in history:
        gen.row(
            StatusChange,
            d,
            recommendation_id=rid,
            from_status=previous.value if previous else None,
            to_status=st.value,
            changed_on=d,
            changed_by="demo",
            note=reason if st is Status.NOT_TAKEN_FORWARD else None,
        )
        previous = st
    for d, text, public, prog in updates:
        gen.row(
            RecommendationUpdate,
            d,
            recommendation_id=rid,
            update_on=d,
            text=text,
            progress=prog,
            author="demo",
            is_public=public,
        )
    for d, new, old, why in target_changes:
        gen.row(
            TargetChange,
            d,
            recommendation_id=rid,
            old_date=old,
            new_date=new,
            reason=why,
            approved_by="Head of Service",
            changed_on=d,
            changed_by="demo",
        )
    if status.is_open and (as_of - last).days > 120 and rng.random() < 0.3:
        reviewed = last - gen.days(1, 20) if last - timedelta(days=21) > raised else last
        review = gen.row(
            Review,
            reviewed,
            recommendation_id=rid,
            reviewed_on=reviewed,
            reviewer="demo",
            decision=rng.choice([ReviewDecision.CONTINUE, ReviewDecision.ESCALATE]).value,
            notes="Owner to report back at the next meeting.",
            lessons_learnt=None,
            escalated_to_id=None,
            reassigned_to_id=None,
            next_update_due=None,
        )
        if rng.random() < 0.5:
            what, why, differently = rng.choice(T.LESSONS)
            gen.row(
                Lesson,
                reviewed,
                recommendation_id=rid,
                review_id=review,
                recorded_on=reviewed,
                what_happened=what,
                why=why,
                do_differently=differently,
                learning_owner_id=owner,
                recorded_by="demo",
            )


def _target_changes(
    gen: _Gen, rid: StoredId, raised: date, target: date | None, accepted_on: date | None, until: date
) -> list[tuple[date, date, date, str]]:
    """Extensions: (changed_on, new_date, old_date, reason), each after the last."""
    rng = gen.rng
    if target is None or accepted_on is None or rng.random() > 0.25:
        return []
    out = []
    current, day = target, max(accepted_on, target - timedelta(days=20))
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
        day = day + gen.days(5, 40)
        if day > min(until, gen.as_of):
            break
        new = max(current, day) + gen.days(30, 120)
        out.append((day, new, current, rng.choice(T.TARGET_REASONS)))
        current = new
    return out


# SQLite's default page cache (2 MB) spills long before 100,000 feedback rows and their
# indexes are written; a larger one for the length of the demo write keeps them in memory.
DEMO_CACHE_KIB = 64 * 1024


def _plain_defaults(model: type[SQLModel]) -> dict[str, Any]:
    """The model's fields that have a plain default value, with that value."""
    return {
        name: field.default
        for name, field in model.model_fields.items()
        if field.default is not PydanticUndefined and field.default is not None
    }


def _column(batch: list[dict[str, Any]], name: str, default: Any) -> list[Any]:
    """Every row's value of column `name`, or `default` where a row leaves it out."""
    try:  # the usual case, every row has it: one C-level pass
        return list(map(itemgetter(name), batch))
    except KeyError:
        return [row.get(name, default) for row in batch]


def _write(session: Session, rows: _Rows, progress: Progress | None) -> DemoCounts:
    """Every row through the bulk path (persistence/bulk.py): values converted once per
    column, feedback's search index filled in one statement."""
    counts = DemoCounts()
    total = sum(len(v) for v in rows.by_table.values())
    done = 0
    conn = session.connection()
    written = [str(m.__tablename__) for m in rows.by_table]
    # indexes built once at the end: far cheaper than keeping them up to date row by row
    with larger_page_cache(conn, DEMO_CACHE_KIB), bulk.indexes_built_after(conn, written):
        for table in SQLModel.metadata.sorted_tables:
            model = next((m for m in rows.by_table if m.__tablename__ == table.name), None)
            if model is None:
                continue
            batch = rows.by_table[model]
            # Raw inserts skip the model's defaults: a column the scenario leaves out gets
            # the model's plain default (a factory, such as a new id, is never shared).
            fallback = _plain_defaults(model)
            columns = [_column(batch, name, fallback.get(name)) for name in bulk.column_names(table)]
            if table.name == "feedback":
                with bulk.feedback_search_filled_after(conn, len(batch)):
                    bulk.insert_columns(conn, table, columns)
                done += len(batch)
                if progress:
                    progress(done, total)
            else:
                for i in range(0, len(batch), CHUNK):
                    bulk.insert_columns(conn, table, [c[i : i + CHUNK] for c in columns])
                    done += len(batch[i : i + CHUNK])
                    if progress:
                        progress(done, total)
            record_bulk(session, table.name, len(batch), note="demo data")
            counts.tables[table.name] = len(batch)
    return counts
