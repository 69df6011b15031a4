"""Every role of a team server, logged in with a plain connection and no coprod code in
between: PostgreSQL itself refuses what the role may not do, and allows what it may."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa

from coprod.domain.models import EngagementSession, Feedback, Owner, Participant, Recommendation
from coprod.persistence.database import open_database
from coprod.persistence.server import ROLES
from coprod.services.team.server import add_user, init_server
from tests.postgres import fresh_database, require_server
from tests.server.logins import PASSWORD, connected, drop_logins, login_url, unique_login

CARE, HOUSING = "Adult Social Care", "Housing"
REFUSED = "42501"


@dataclass
class TeamServer:
    url: str
    logins: dict[str, str] = field(default_factory=dict)  # role -> login
    ids: dict[str, uuid.UUID] = field(default_factory=dict)

    def as_role(self, role: str) -> str:
        return login_url(self.url, self.logins[role])


@pytest.fixture(scope="module")
def team_server() -> Iterator[TeamServer]:
    """One server database for the module: two teams' work, a participant, a login per role
    (officers and managers in Adult Social Care)."""
    server = require_server()
    with fresh_database(server) as url:
        init_server(url)
        ts = TeamServer(url)
        ts.logins = {role: unique_login(role) for role in ROLES}
        db = open_database(url)
        try:
            _seed(db, ts)
            for role, login in ts.logins.items():
                team = CARE if role in ("officer", "manager") else None
                add_user(db, login=login, role=role, team=team, password=PASSWORD)
            yield ts
        finally:
            db.close()
            drop_logins(server, url, list(ts.logins.values()))


def _seed(db: Any, ts: TeamServer) -> None:
    with db.transaction() as s:
        owner = Owner(name="Commissioning lead")
        person = Participant(code="P-001", name="Ada Moreno", contact="ada@example.org")
        ours = EngagementSession(title="Carers forum", held_on=date(2026, 3, 1), team=CARE)
        theirs = EngagementSession(title="Tenants panel", held_on=date(2026, 3, 2), team=HOUSING)
        s.add_all([owner, person, ours, theirs])
        s.flush()
        said = Feedback(session_id=ours.id, text="Respite is hard to book", participant_id=person.id)
        rec_ours = Recommendation(title="Online respite booking", raised_on=date(2026, 3, 1), team=CARE)
        rec_theirs = Recommendation(title="Repairs hotline", raised_on=date(2026, 3, 2), team=HOUSING)
        s.add_all([said, rec_ours, rec_theirs])
        s.flush()
        ts.ids.update(
            owner=owner.id,
            participant=person.id,
            session_ours=ours.id,
            session_theirs=theirs.id,
            feedback=said.id,
            rec_ours=rec_ours.id,
            rec_theirs=rec_theirs.id,
        )


def refused(url: str, statement: str, **params: Any) -> str:
    """Run `statement` as the login of `url`; PostgreSQL must refuse it for lack of privilege."""
    with connected(url) as conn, pytest.raises(sa.exc.DBAPIError) as caught:
        conn.execute(sa.text(statement), params)
    assert getattr(caught.value.orig, "sqlstate", None) == REFUSED, caught.value
    return str(caught.value.orig)


def allowed(url: str, statement: str, **params: Any) -> list[Any]:
    """Run `statement` as the login of `url` (rolled back after); the rows it returned."""
    with connected(url) as conn:
        result = conn.execute(sa.text(statement), params)
        return list(result) if result.returns_rows else [result.rowcount]


def _audit_row(actor: str) -> dict[str, Any]:
    return {"id": uuid.uuid4(), "actor": actor}


AUDIT_INSERT = (
    "INSERT INTO audit_event (id, created_at, updated_at, at, actor, device_id, action, table_name, changes) "
    "VALUES (:id, now(), now(), now(), :actor, 'dev', 'view', 'recommendation', '{}')"
)


# ---------------------------------------------------------------- officer


def test_officer_edits_their_own_teams_recommendation(team_server: TeamServer) -> None:
    url = team_server.as_role("officer")
    rows = allowed(
        url,
        "UPDATE recommendation SET title = 'Book respite online' WHERE id = :id",
        id=team_server.ids["rec_ours"],
    )
    assert rows == [1]


def test_officer_cannot_edit_another_teams_recommendation(team_server: TeamServer) -> None:
    url = team_server.as_role("officer")
    message = refused(
        url, "UPDATE recommendation SET title = 'Mine now' WHERE id = :id", id=team_server.ids["rec_theirs"]
    )
    assert "row-level security" in message


def test_officer_cannot_move_a_recommendation_to_another_team(team_server: TeamServer) -> None:
    url = team_server.as_role("officer")
    refused(
        url,
        "UPDATE recommendation SET team = :team WHERE id = :id",
        team=HOUSING,
        id=team_server.ids["rec_ours"],
    )
    refused(
        url,
        "INSERT INTO recommendation (id, created_at, updated_at, title, raised_on, status, progress, team) "
        "VALUES (:id, now(), now(), 'Theirs', current_date, 'proposed', 0, :team)",
        id=uuid.uuid4(),
        team=HOUSING,
    )


def test_a_new_recommendation_takes_the_writers_team(team_server: TeamServer) -> None:
    url = team_server.as_role("officer")
    rows = allowed(
        url,
        "INSERT INTO recommendation (id, created_at, updated_at, title, raised_on, status, progress) "
        "VALUES (:id, now(), now(), 'Carers card', current_date, 'proposed', 0) RETURNING team",
        id=uuid.uuid4(),
    )
    assert rows[0].team == CARE


def test_officer_logs_sessions_and_feedback_but_not_in_another_teams_session(team_server: TeamServer) -> None:
    url = team_server.as_role("officer")
    feedback = (
        "INSERT INTO feedback (id, created_at, updated_at, session_id, text, is_verbatim, recorded_at) "
        "VALUES (:id, now(), now(), :session, 'More evening slots', false, now())"
    )
    assert allowed(url, feedback, id=uuid.uuid4(), session=team_server.ids["session_ours"]) == [1]
    refused(url, feedback, id=uuid.uuid4(), session=team_server.ids["session_theirs"])


def test_officer_cannot_take_review_decisions(team_server: TeamServer) -> None:
    url = team_server.as_role("officer")
    refused(
        url,
        "INSERT INTO review (id, created_at, updated_at, recommendation_id, reviewed_on, decision) "
        "VALUES (:id, now(), now(), :rec, current_date, 'continue')",
        id=uuid.uuid4(),
        rec=team_server.ids["rec_ours"],
    )
    refused(url, "UPDATE participant SET name = 'Someone' WHERE code = 'P-001'")
    refused(url, "DELETE FROM consent")


def test_officer_cannot_record_progress_on_another_teams_recommendation(team_server: TeamServer) -> None:
    url = team_server.as_role("officer")
    change = (
        "INSERT INTO status_change (id, created_at, updated_at, recommendation_id, to_status, changed_on) "
        "VALUES (:id, now(), now(), :rec, 'accepted', current_date)"
    )
    assert allowed(url, change, id=uuid.uuid4(), rec=team_server.ids["rec_ours"]) == [1]
    refused(url, change, id=uuid.uuid4(), rec=team_server.ids["rec_theirs"])


# ---------------------------------------------------------------- manager


def test_manager_reviews_and_reassigns_in_their_team_only(team_server: TeamServer) -> None:
    url = team_server.as_role("manager")
    review = (
        "INSERT INTO review (id, created_at, updated_at, recommendation_id, reviewed_on, decision) "
        "VALUES (:id, now(), now(), :rec, current_date, 'continue')"
    )
    assert allowed(url, review, id=uuid.uuid4(), rec=team_server.ids["rec_ours"]) == [1]
    refused(url, review, id=uuid.uuid4(), rec=team_server.ids["rec_theirs"])
    reassign = "UPDATE recommendation SET owner_id = :owner WHERE id = :id"
    assert allowed(url, reassign, owner=team_server.ids["owner"], id=team_server.ids["rec_ours"]) == [1]
    refused(url, reassign, owner=team_server.ids["owner"], id=team_server.ids["rec_theirs"])


def test_manager_cannot_erase_or_edit_the_erasure_register(team_server: TeamServer) -> None:
    url = team_server.as_role("manager")
    refused(url, "UPDATE participant SET contact = NULL")
    refused(
        url,
        "INSERT INTO erasure (id, created_at, updated_at, code, erased_on) "
        "VALUES (:id, now(), now(), 'P-9', current_date)",
        id=uuid.uuid4(),
    )


# ---------------------------------------------------------------- viewer


def test_viewer_reads_recommendations_and_figures(team_server: TeamServer) -> None:
    url = team_server.as_role("viewer")
    titles = {r.title for r in allowed(url, "SELECT title FROM recommendation")}
    assert {"Online respite booking", "Repairs hotline"} <= titles
    assert allowed(url, "SELECT code, retain_until FROM participant") == [("P-001", None)]


def test_viewer_sees_no_personal_data(team_server: TeamServer) -> None:
    url = team_server.as_role("viewer")
    refused(url, "SELECT name FROM participant")
    refused(url, "SELECT contact FROM participant")
    refused(url, "SELECT * FROM participant")
    refused(url, "SELECT * FROM consent")


def test_viewer_writes_nothing(team_server: TeamServer) -> None:
    url = team_server.as_role("viewer")
    refused(
        url,
        "INSERT INTO recommendation (id, created_at, updated_at, title, raised_on, status, progress) "
        "VALUES (:id, now(), now(), 'Board idea', current_date, 'proposed', 0)",
        id=uuid.uuid4(),
    )
    refused(url, "UPDATE recommendation SET title = 'x' WHERE id = :id", id=team_server.ids["rec_ours"])
    refused(url, "DELETE FROM recommendation WHERE id = :id", id=team_server.ids["rec_ours"])
    refused(url, "UPDATE setting SET value = 'x'")


# ---------------------------------------------------------------- information governance lead


def test_ig_lead_manages_participants_and_reads_the_audit_log(team_server: TeamServer) -> None:
    url = team_server.as_role("ig_lead")
    assert allowed(url, "SELECT name FROM participant") == [("Ada Moreno",)]
    assert allowed(url, "UPDATE participant SET contact = NULL WHERE code = 'P-001'") == [1]
    assert allowed(url, "SELECT count(*) FROM audit_event WHERE actor IS NOT NULL")[0][0] > 0
    # erasure blanks a person's words in any team's feedback
    assert allowed(
        url, "UPDATE feedback SET text = '(erased)' WHERE id = :id", id=team_server.ids["feedback"]
    ) == [1]


def test_ig_lead_makes_no_content_edits(team_server: TeamServer) -> None:
    url = team_server.as_role("ig_lead")
    refused(url, "UPDATE recommendation SET title = 'Renamed' WHERE id = :id", id=team_server.ids["rec_ours"])
    refused(
        url,
        "UPDATE feedback SET session_id = :other WHERE id = :id",
        other=team_server.ids["session_theirs"],
        id=team_server.ids["feedback"],
    )
    refused(url, "UPDATE engagement_session SET title = 'x'")


# ---------------------------------------------------------------- admin


def test_admin_manages_logins_but_reads_no_content(team_server: TeamServer) -> None:
    url = team_server.as_role("admin")
    logins = {r.login for r in allowed(url, "SELECT login FROM team_member")}
    assert set(team_server.logins.values()) <= logins
    refused(url, "SELECT text FROM feedback")
    refused(url, "SELECT title FROM recommendation")
    refused(url, "SELECT code FROM participant")


def test_only_the_admin_may_add_logins(team_server: TeamServer) -> None:
    message = refused(
        team_server.as_role("officer"),
        "SELECT coprod_add_user(:login, 'pw', 'manager', 'Housing')",
        login=unique_login("sneaky"),
    )
    assert "coprod_add_user" in message


# ---------------------------------------------------------------- the audit log


@pytest.mark.parametrize("role", ROLES)
def test_nobody_changes_or_removes_audit_events(team_server: TeamServer, role: str) -> None:
    url = team_server.as_role(role)
    refused(url, "UPDATE audit_event SET actor = 'someone else'")
    refused(url, "DELETE FROM audit_event")
    refused(url, "TRUNCATE audit_event")
    # and each writes events only in its own name
    login = team_server.logins[role]
    assert allowed(url, AUDIT_INSERT, **_audit_row(login)) == [1]
    refused(url, AUDIT_INSERT, **_audit_row("another.person"))


def test_not_even_the_owner_edits_the_audit_log(team_server: TeamServer) -> None:
    refused(team_server.url, "UPDATE audit_event SET actor = 'someone else'")
    refused(team_server.url, "DELETE FROM audit_event")


def test_running_init_again_keeps_every_rule(team_server: TeamServer) -> None:
    init_server(team_server.url)
    refused(team_server.as_role("viewer"), "SELECT name FROM participant")
    refused(
        team_server.as_role("officer"),
        "UPDATE recommendation SET title = 'x' WHERE id = :id",
        id=team_server.ids["rec_theirs"],
    )
