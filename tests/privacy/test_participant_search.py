"""Searches that take the text as typed find "%" and "_" as typed, not everything.

SQL's LIKE reads "%" as any text and "_" as any one character: a search for "lena_s" would
also find "lenas", and one for "%" every participant there is. (The list pages' search boxes
take words, without punctuation, so these characters never reach their queries.)
"""

from __future__ import annotations

from coprod.persistence.database import Database
from coprod.services.privacy import participants


def test_participant_search_takes_wildcards_as_typed(db: Database) -> None:
    with db.transaction() as s:
        participants.add_participant(session=s, name="Lena Smith", contact="lena_s@example.org")
        participants.add_participant(session=s, name="Lena Sands", contact="lenas@example.org")
    with db.reading() as s:
        assert len(participants.find_participants(session=s, search="lena_s")) == 1
        assert participants.find_participants(session=s, search="%") == []
        assert len(participants.find_participants(session=s, search="LENA")) == 2
