"""A team server with two officers, each with a laptop copy, for the sync tests."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from coprod.domain.models import Recommendation
from coprod.persistence.audit import jsonable
from coprod.persistence.database import Database, open_database
from coprod.persistence.repositories import settings
from coprod.persistence.sync import CONFLICT, SyncState, read_state, synced_tables
from coprod.services.engagement.capture import add_feedback, create_owner, create_session
from coprod.services.recommendations.lifecycle import create_recommendation
from coprod.services.team.server import add_user, init_server
from tests.command import run
from tests.postgres import admin, copy_of, created, drop_database, keep_until_the_end, migrated_database
from tests.server.logins import PASSWORD, drop_logins, login_url, unique_login

CARE = "Adult Social Care"
AS_OF = "2026-11-26"


@dataclass
class Team:
    server: str  # the superuser's URL of the test server
    url: str  # the team database, as its owner
    logins: dict[str, str] = field(default_factory=dict)  # "a", "b" -> officer login
    ids: dict[str, uuid.UUID] = field(default_factory=dict)

    def server_as(self, who: str) -> str:
        return login_url(self.url, self.logins[who])


@contextmanager
def team_server(server: str, url: str) -> Iterator[Team]:
    """`url`, a database at the newest schema (the `pg_migrated_url` fixture), made a team
    server with some of a team's work and two officers, "a" and "b".

    The team's work and `server init` are done once in a test process, on a database kept as a
    template (`_team_template`); `url` is made again as a copy of it, then given an identity of
    its own, as `server init` gives each server, and its two officers."""
    template, ids = _team_template(server)
    team = Team(server, url, {"a": unique_login("officer"), "b": unique_login("officer")}, dict(ids))
    copy_of(server, template, name=make_url(url).database)
    db = open_database(url)
    try:
        with db.transaction() as s:
            settings.set_value(session=s, key=settings.SERVER_ID, value=str(uuid.uuid4()))
        for login in team.logins.values():
            add_user(db, login=login, role="officer", team=CARE, password=PASSWORD)
    finally:
        db.close()
    try:
        yield team
    finally:
        drop_logins(server, url, list(team.logins.values()))


_templates: dict[str, tuple[str, dict[str, uuid.UUID]]] = {}  # server -> (template URL, its ids)


def _team_template(server: str) -> tuple[str, dict[str, uuid.UUID]]:
    """A team server made once in this process: the team's work, then `server init` (what was
    there becomes the team's), without officers; dropped at the end of the run."""
    made = _templates.get(server)
    if made is None:
        url = migrated_database(server)
        keep_until_the_end(server, url)
        ids: dict[str, uuid.UUID] = {}
        db = open_database(url)
        try:
            _seed(db, ids)
        finally:
            db.close()
        init_server(url, team=CARE)
        made = _templates[server] = (url, ids)
    return made


def _seed(db: Database, ids: dict[str, uuid.UUID]) -> None:
    with db.transaction() as s:
        owner = create_owner(session=s, name="Commissioning lead")
        session_id = create_session(session=s, title="Carers forum", held_on=date(2026, 3, 1))
        said = add_feedback(
            session=s, session_id=session_id, text="Respite is hard to book", themes=["Respite"]
        )
        rec = create_recommendation(
            session=s,
            title="Online respite booking",
            raised_on=date(2026, 3, 1),
            reference="R-001",
            feedback_ids=[said],
            owner_id=owner,
            source_session_id=session_id,
        )
        other = create_recommendation(
            session=s, title="Carers card", raised_on=date(2026, 3, 2), reference="R-002"
        )
        spare = add_feedback(session=s, session_id=session_id, text="The leaflet was out of date", themes=[])
    ids.update(owner=owner, session=session_id, feedback=said, rec=rec, other=other, spare=spare)


ADA = ("P-900", "Ada Moreno", "ada@example.org")  # a resident: code, name, contact


def plant_resident(team: Team, words: str = "Ada's kitchen floods") -> uuid.UUID:
    """Ada, with a name and a contact, and something she said at the team's session, written on
    the server by its owner; the feedback's id."""
    from coprod.services.privacy.participants import add_participant

    code, name, contact = ADA
    owner = open_database(team.url)
    try:
        with owner.transaction() as s:
            add_participant(session=s, code=code, name=name, contact=contact)
            return add_feedback(session=s, session_id=team.ids["session"], text=words, participant_code=code)
    finally:
        owner.close()


def title_of(target: str | Path | Database, rec: uuid.UUID) -> str:
    """The recommendation's title in the database at `target` (a server's URL or a file), or
    read through one already open (left open)."""
    db = target if isinstance(target, Database) else open_database(target, create=False, migrate_schema=False)
    try:
        with db.reading() as s:
            found = s.get(Recommendation, rec)
            assert found is not None
            return found.title
    finally:
        if db is not target:
            db.close()


def content_hash(target: str | Path | Database) -> str:
    """A digest of every synced record, every column, in a canonical form: of the database at
    `target`, or read through one already open (left open)."""
    if isinstance(target, Database):
        return _digest(target)
    db = open_database(target, create=False, migrate_schema=False)
    try:
        return _digest(db)
    finally:
        db.close()


def _digest(db: Database) -> str:
    digest = hashlib.sha256()
    with db.engine.connect() as conn:
        for table in synced_tables():
            for row in conn.execute(sa.select(table).order_by(table.c.id)):
                digest.update(table.name.encode())
                digest.update(json.dumps(jsonable(dict(row._mapping)), sort_keys=True).encode())
    return digest.hexdigest()


def laptop_state(path: Path) -> SyncState:
    """What a laptop copy keeps about its server: how to reach it, and how far it has read."""
    db = open_database(path, create=False)
    try:
        with db.reading() as s:
            state = read_state(s.connection())
    finally:
        db.close()
    assert state is not None, f"{path} is not a laptop copy"
    return state


def lag_json(target: str | Path) -> object:
    ran = run("lag", "--db", str(target), "--format", "json", "--as-of", AS_OF)
    assert ran.returncode == 0, ran.stderr
    return json.loads(ran.stdout)


def retitle(path: Path, rec: uuid.UUID, title: str) -> None:
    """An officer retitles a recommendation on a laptop copy."""
    db = open_database(path, create=False)
    try:
        with db.transaction() as s:
            r = s.get(Recommendation, rec)
            assert r is not None
            r.title = title
    finally:
        db.close()


def conflict_rows(url: str) -> list[dict[str, object]]:
    """Every conflict the server recorded, as stored."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(sa.select(CONFLICT))]
    finally:
        engine.dispose()


@dataclass
class Backup:
    """A backup of the team database (`take`), put back under the same name (`restore`), as a
    database team restores last night's copy after the server failed."""

    team: Team
    name: str

    def take(self) -> None:
        source = make_url(self.team.url).database
        admin(
            self.team.server,
            f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{source}'",
            created(self.team.server, self.name, source),
        )

    def restore(self) -> None:
        target = make_url(self.team.url).database
        admin(
            self.team.server,
            f'DROP DATABASE "{target}" WITH (FORCE)',
            created(self.team.server, target, self.name),
        )


@contextmanager
def backups(team: Team) -> Iterator[Backup]:
    """A backup to take and restore, dropped when the test ends."""
    made = Backup(team, f"coprod_test_backup_{uuid.uuid4().hex[:12]}")
    try:
        yield made
    finally:
        drop_database(team.server, make_url(team.url).set(database=made.name).render_as_string())
