"""A refusal from PostgreSQL reads as one sentence naming the role and the thing refused."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import ProgrammingError

from coprod.i18n import describe
from coprod.persistence.errors import classify


class _Refusal(Exception):
    sqlstate = "42501"


def _refused(statement: str, message: str, role: str | None) -> ProgrammingError:
    exc = ProgrammingError(statement, {}, _Refusal(message))
    exc.server_role = role  # type: ignore[attr-defined]  (what the connection learnt at login)
    return exc


@pytest.mark.parametrize(
    ("statement", "message", "role", "sentence"),
    [
        (
            "UPDATE recommendation SET title=%(t)s",
            'new row violates row-level security policy for table "recommendation"',
            "officer",
            "Your role (officer) cannot change recommendations.",
        ),
        (
            "INSERT INTO setting (id) VALUES (%(id)s)",
            "permission denied for table setting",
            "viewer",
            "Your role (viewer) cannot change team settings.",
        ),
        (
            "SELECT participant.name FROM participant",
            "permission denied for table participant",
            "viewer",
            "Your role (viewer) cannot see participants' details.",
        ),
        (
            "UPDATE recommendation SET title=%(t)s",
            "permission denied for table recommendation",
            "ig_lead",
            "Your role (information governance lead) cannot change recommendations.",
        ),
        (
            "SELECT coprod_add_user('a', 'b', 'c', 'd')",
            "permission denied for function coprod_add_user",
            None,
            "Your database login cannot change logins and teams; "
            "ask the team server's admin for a role that may.",
        ),
    ],
)
def test_refusals_as_sentences(statement: str, message: str, role: str | None, sentence: str) -> None:
    problem = classify(_refused(statement, message, role), None)
    assert describe(problem) == sentence
