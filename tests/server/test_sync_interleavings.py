"""Random interleavings of offline edits, syncs and syncs cut short on two laptops: once both
have synced, the laptops and the server hold the same records, and nothing written is lost."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import suppress
from datetime import date, timedelta
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from coprod.domain.models import Feedback, Recommendation
from coprod.persistence.database import Database, open_database
from coprod.services import sync as sync_service
from coprod.services.common.records import soft_delete
from coprod.services.engagement.capture import add_feedback
from coprod.services.recommendations.lifecycle import create_recommendation, team_next_reference
from tests.server.sync_team import Team, content_hash, team_server

LAPTOPS = ("a", "b")
THEMES = ("Respite", "Transport", "Parking", "Loneliness")


@pytest.fixture
def team(pg_server: str, pg_migrated_url: str) -> Iterator[Team]:
    with team_server(pg_server, pg_migrated_url) as made:
        yield made


action = st.one_of(
    st.tuples(st.just("title"), st.sampled_from(LAPTOPS), st.integers(0, 3)),
    st.tuples(st.just("target"), st.sampled_from(LAPTOPS), st.integers(0, 3)),
    st.tuples(st.just("say"), st.sampled_from(LAPTOPS), st.integers(0, 1000)),
    st.tuples(st.just("idea"), st.sampled_from(LAPTOPS), st.integers(0, 1000)),
    st.tuples(st.just("unsay"), st.sampled_from(LAPTOPS), st.integers(0, 1000)),
    st.tuples(st.just("sync"), st.sampled_from(LAPTOPS), st.just(0)),
    st.tuples(st.just("cut"), st.sampled_from(LAPTOPS), st.sampled_from(["after push", "in pull"])),
)


class Cut(Exception):
    """The sync process dying at that point."""


def _die(*args: object, **kwargs: object) -> None:
    raise Cut


def test_random_edits_and_syncs_converge(team: Team, tmp_path: Path) -> None:
    paths = {who: tmp_path / f"{who}.db" for who in LAPTOPS}
    for who, path in paths.items():
        sync_service.make_copy(path, team.server_as(who))
    dbs: dict[str, Database] = {who: open_database(path, create=False) for who, path in paths.items()}
    server = open_database(team.url, create=False, migrate_schema=False)  # only read, by content_hash
    said: set[str] = set()
    unsaid: set[str] = set()
    ideas: set[str] = set()
    rec = team.ids["rec"]

    def sync(who: str) -> None:
        sync_service.sync(dbs[who], team.server_as(who))

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.lists(action, min_size=1, max_size=8))
    def run(actions: list[tuple[str, str, object]]) -> None:
        for kind, who, arg in actions:
            db = dbs[who]
            if kind == "sync":
                sync(who)
            elif kind == "cut":
                target = "forget" if arg == "after push" else "pull_changes"
                with mock.patch.object(sync_service, target, _die), suppress(Cut):  # nothing to send: no cut
                    sync(who)
            else:
                with db.transaction() as s:
                    r = s.get(Recommendation, rec)
                    assert r is not None
                    if kind == "title":
                        r.title = f"Title {who} {arg}"
                        s.add(r)
                    elif kind == "target":
                        r.target_date = date(2026, 6, 1) + timedelta(days=int(str(arg)))
                        s.add(r)
                    elif kind == "say":
                        text = f"Said on {who} #{arg} ({len(said)})"
                        theme = THEMES[int(str(arg)) % len(THEMES)]  # new ones made on both laptops
                        add_feedback(session=s, session_id=team.ids["session"], text=text, themes=[theme])
                        said.add(text)
                    elif kind == "idea":  # the next free reference, taken on both laptops
                        title = f"Idea on {who} #{arg} ({len(ideas)})"
                        reference = team_next_reference(session=s)
                        create_recommendation(
                            session=s, title=title, raised_on=date(2026, 5, 1), reference=reference
                        )
                        ideas.add(title)
                    else:
                        live = s.exec(select(Feedback).where(Feedback.deleted_at.is_(None))).all()  # type: ignore[union-attr]
                        if live:
                            gone = sorted(live, key=lambda f: str(f.id))[int(str(arg)) % len(live)]
                            unsaid.add(gone.text or "")
                            soft_delete(s, Feedback, gone.id)
        for who in (*LAPTOPS, LAPTOPS[0]):  # each sends what it has, then the first hears the last
            sync(who)
        assert content_hash(dbs["a"]) == content_hash(dbs["b"]) == content_hash(server)
        with dbs["a"].reading() as s:
            live = {f.text for f in s.exec(select(Feedback).where(Feedback.deleted_at.is_(None)))}  # type: ignore[union-attr]
            every = {f.text for f in s.exec(select(Feedback))}
        assert said <= every  # nothing written is lost
        assert not (live & unsaid)  # a deletion wins
        assert said - unsaid <= live
        with dbs["b"].reading() as s:
            kept = {r.title: r.reference for r in s.exec(select(Recommendation))}
        assert ideas <= set(kept)
        assert len(set(kept.values())) == len(kept)  # every reference still unique

    try:
        run()
    finally:
        for db in (*dbs.values(), server):
            db.close()
