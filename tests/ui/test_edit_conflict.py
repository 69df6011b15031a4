"""Two people, one recommendation: a save over someone else's is stopped, and nothing typed is lost."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coprod.domain.enums import Status
from coprod.domain.models import Recommendation
from coprod.persistence.database import Database
from coprod.services.recommendations import edits
from coprod.services.recommendations import lifecycle as recs
from coprod.ui.context import AppContext
from coprod.ui.dialogs.recommendation_base import RecommendationDialog
from coprod.ui.views.recommendations import RecommendationsPage
from tests.ui.test_recommendations_page import _open, _seed


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext) -> RecommendationsPage:
    _seed(ctx)
    view = RecommendationsPage(ctx)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1 and view.detail is not None)
    return view


def _their_edit(colleague: Database, rid: uuid.UUID) -> None:
    with colleague.transaction(actor="Priya Raman") as s:
        edits.edit_details(
            session=s, recommendation_id=rid, title="Weekend respite for carers", description="Their words"
        )


def _type(qtbot: QtBot, dialog: RecommendationDialog) -> None:
    dialog.title_box.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(dialog.title_box, "Respite every weekend")  # type: ignore[attr-defined]
    qtbot.keyClicks(dialog.description, "Sitters on Saturdays and Sundays")  # type: ignore[attr-defined]


def _save_refused(qtbot: QtBot, dialog: RecommendationDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.problem.isVisible() and dialog.save_button.isEnabled())


def _title(db: Database, rid: uuid.UUID) -> str:
    with db.reading() as s:
        rec = s.get(Recommendation, rid)
        assert rec is not None
        return rec.title


def test_saving_over_a_colleagues_change_says_who_and_keeps_theirs(
    qtbot: QtBot, page: RecommendationsPage, ctx: AppContext, colleague: Database
) -> None:
    assert page.detail is not None
    rid = page.detail.id
    dialog = _open(qtbot, page, "details")
    _type(qtbot, dialog)
    _their_edit(colleague, rid)
    _save_refused(qtbot, dialog)
    text = dialog.problem.text()
    assert text.startswith("Changed by Priya Raman at ") and text.endswith(" since you opened it.")
    assert dialog.isVisible() and dialog.conflict_bar.isVisible()
    assert _title(ctx.workspace, rid) == "Weekend respite for carers"  # nothing overwritten

    qtbot.mouseClick(dialog.conflict_bar.review_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.differences_dialog is not None and dialog.differences_dialog.isVisible())
    assert dialog.differences_dialog is not None
    rows = dialog.differences_dialog.rows()
    assert ("Title", "Weekend respite for carers", "Respite every weekend") in rows
    assert ("Description", "Their words", "Sitters on Saturdays and Sundays") in rows
    dialog.differences_dialog.reject()
    assert dialog.title_box.text() == "Respite every weekend"  # type: ignore[attr-defined]  (still yours)

    qtbot.mouseClick(dialog.conflict_bar.reload_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.title_box.text() == "Weekend respite for carers")  # type: ignore[attr-defined]
    assert dialog.description.toPlainText() == "Their words"  # type: ignore[attr-defined]
    typed = {note.text() for note in dialog.notes.notes.values()}
    assert typed == {"You typed: Respite every weekend", "You typed: Sitters on Saturdays and Sundays"}
    qtbot.waitUntil(lambda: all(note.isVisible() for note in dialog.notes.notes.values()))
    assert not dialog.conflict_bar.isVisible()

    # Now made against what is saved: the save goes through.
    dialog.title_box.setText("Respite every weekend, as agreed")  # type: ignore[attr-defined]
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.current_dialog is None)
    assert _title(ctx.workspace, rid) == "Respite every weekend, as agreed"


def test_a_status_change_over_a_colleagues_change_is_stopped(
    qtbot: QtBot, page: RecommendationsPage, ctx: AppContext, colleague: Database
) -> None:
    assert page.detail is not None
    rid = page.detail.id
    dialog = _open(qtbot, page, "status")
    with colleague.transaction(actor="Priya Raman") as s:
        recs.change_status(session=s, recommendation_id=rid, new_status=Status.ACCEPTED, on=date(2026, 5, 20))
    _save_refused(qtbot, dialog)
    assert dialog.problem.text().startswith("Changed by Priya Raman at ")
    qtbot.mouseClick(dialog.conflict_bar.review_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.differences_dialog is not None and dialog.differences_dialog.isVisible())
    assert dialog.differences_dialog is not None
    assert ("Status", "Accepted", "Proposed") in dialog.differences_dialog.rows()
    dialog.differences_dialog.reject()
    with ctx.workspace.reading() as s:
        assert recs.get(session=s, recommendation_id=rid).status is Status.ACCEPTED
    dialog.reject()


def test_an_owner_edit_over_a_colleagues_change_offers_reload_and_review(
    qtbot: QtBot, ctx: AppContext, colleague: Database
) -> None:
    from coprod.domain.models import Owner
    from coprod.services.common import records
    from coprod.services.engagement import capture as engagement
    from coprod.services.engagement import owners_view
    from coprod.ui.dialogs.owner_editor import OwnerEditor

    with ctx.workspace.transaction() as s:
        oid = engagement.create_owner(session=s, name="Dana Lee", role="Officer")
    with ctx.workspace.reading() as s:
        values = owners_view.owner_values(session=s, owner_id=oid)
    editor = OwnerEditor(ctx, owners=[], values=values, owner_id=oid)
    qtbot.addWidget(editor)
    editor.show()
    editor.role.setText("Team manager")
    with colleague.transaction(actor="Priya Raman") as s:
        records.update_fields(s, Owner, oid, {"role": "Head of service"}, expected_version=values["version"])
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.error.isVisible() and editor.conflict_bar.isVisible())
    assert editor.error.text().startswith("Changed by Priya Raman at ")

    qtbot.mouseClick(editor.conflict_bar.review_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.differences_dialog is not None and editor.differences_dialog.isVisible())
    assert editor.differences_dialog is not None
    assert editor.differences_dialog.rows() == [("Role", "Head of service", "Team manager")]
    editor.differences_dialog.reject()

    qtbot.mouseClick(editor.conflict_bar.reload_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.role.text() == "Head of service")
    assert [n.text() for n in editor.typed_notes.notes.values()] == ["You typed: Team manager"]
    with ctx.workspace.reading() as s:
        owner = s.get(Owner, oid)
        assert owner is not None and owner.role == "Head of service"
    editor.role.setText("Team manager")  # the user's choice, made knowing theirs
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.isVisible())
    with ctx.workspace.reading() as s:
        owner = s.get(Owner, oid)
        assert owner is not None and owner.role == "Team manager"


def test_a_participant_edit_over_a_colleagues_change_is_stopped(
    qtbot: QtBot, ctx: AppContext, colleague: Database
) -> None:
    from coprod.services.privacy import participants
    from coprod.ui.dialogs.participant_editor import ParticipantEditor

    with ctx.workspace.transaction() as s:
        participants.add_participant(session=s, code="P-0001", name="Ann Jones")
        pid = participants.get_participant(s, "P-0001").id
    with ctx.workspace.reading() as s:
        (row,) = participants.participant_rows(session=s, ids=[pid])
    editor = ParticipantEditor(ctx, row=row)
    qtbot.addWidget(editor)
    editor.show()
    editor.name.setText("Ann Jones-Smith")
    with colleague.transaction(actor="Priya Raman") as s:
        participants.edit_participant(
            session=s, code="P-0001", name="Anne Jones", expected_version=row.version
        )
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.error.isVisible() and editor.conflict_bar.isVisible())
    assert editor.error.text().startswith("Changed by Priya Raman at ")
    qtbot.mouseClick(editor.conflict_bar.reload_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.name.text() == "Anne Jones")
    assert [n.text() for n in editor.typed_notes.notes.values()] == ["You typed: Ann Jones-Smith"]
    with ctx.workspace.reading() as s:
        assert participants.get_participant(s, "P-0001").name == "Anne Jones"
