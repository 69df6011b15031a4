"""tr, ntr, label and describe as a user meets them: English by default, Welsh when chosen,
English wherever the Welsh catalogue has no entry yet, and errors worded when shown."""

from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Iterator
from datetime import date

import pytest

from coprod import i18n
from coprod.domain.enums import Status
from coprod.domain.errors import RuleViolation
from coprod.domain.privacy import ConsentUse
from coprod.domain.workflow import check_open, check_transition
from coprod.i18n import describe, label, ntr, report_name, tr
from coprod.i18n.dates import day
from coprod.services.reports.generate import KINDS


@pytest.fixture
def welsh(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "cy")
    assert i18n.set_language() == "cy"
    yield
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "en")
    i18n.set_language()


def test_english_counts_agree_with_their_noun() -> None:
    assert [ntr("count.day", n) for n in (0, 1, 2, 1200)] == ["0 days", "1 day", "2 days", "1,200 days"]
    assert ntr("pending.waiting", 1) == "1 item waiting to be saved"
    assert ntr("ui.data.exported", 3, path="x.csv") == "Exported 3 recommendations to x.csv."


def test_a_day_put_into_a_sentence_is_written_in_words() -> None:
    said = tr("privacy.consent_given", code="P-0042", use=label(ConsentUse.QUOTE), on=date(2026, 1, 5))
    assert said == "Consent recorded: P-0042 agreed to quoting in reports on 5 January 2026."
    assert tr("privacy.consent_active", use="photographs", on=day(date(2026, 1, 5))).endswith("5 Jan 2026")


def test_every_kind_of_report_has_a_name() -> None:
    assert {kind: report_name(kind) for kind in KINDS} == {
        "you-said-we-did": "You said, we did (for residents)",
        "lag": "Board lag report",
        "review": "Review pack",
        "risks": "Risk register (for committees)",
    }


def test_welsh_chooses_among_six_plural_forms(welsh: None) -> None:
    assert ntr("pending.waiting", 1) == "1 eitem yn aros i gael ei chadw"
    assert ntr("pending.waiting", 2) == "2 eitem yn aros i gael eu cadw"
    assert ntr("count.recommendation", 6) == "6 argymhelliad"


def test_welsh_falls_back_to_english_entry_by_entry(welsh: None) -> None:
    assert tr("menu.file") == "&Ffeil"
    assert tr("recs.detail.empty") == "Choose a recommendation to see its details and timeline."
    assert ntr("ui.audit.exported", 2, path="log.csv") == "Saved 2 events to log.csv."
    assert label(Status.IN_PROGRESS) == "Ar y gweill"


def test_a_missing_id_fails_a_test_run() -> None:
    with pytest.raises(i18n.MissingMessage):
        tr("no.such.message")
    with pytest.raises(i18n.MissingMessage):
        ntr("no.such.count", 2)


def test_a_missing_id_is_logged_and_shown_as_itself_in_use(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv(i18n.STRICT_ENV)
    with caplog.at_level(logging.WARNING, logger="coprod.i18n"):
        assert tr("no.such.sentence", n=1) == "no.such.sentence"
    assert "no.such.sentence" in caplog.text


def test_errors_are_worded_when_shown_in_the_language_of_the_moment(
    welsh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(RuleViolation) as caught:
        check_transition(Status.PROPOSED, Status.PROPOSED, raised_on=None)  # type: ignore[arg-type]
    assert caught.value.code == "rule.same_status" and caught.value.params["status"] is Status.PROPOSED
    assert "Wedi'i gynnig" in describe(caught.value)  # the Welsh label, in the (still English) sentence
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "en")
    i18n.set_language()
    assert describe(caught.value) == "The recommendation is already Proposed."


def test_an_error_parameter_can_ask_for_lower_case() -> None:
    with pytest.raises(RuleViolation) as caught:
        check_open(Status.IMPLEMENTED)
    assert str(caught.value) == "This recommendation is implemented, so its target can no longer change."


def test_the_domain_does_not_load_the_catalogue() -> None:
    code = "import sys, coprod.domain.workflow, coprod.domain.risk; print('coprod.i18n' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("asked", "system", "chosen"),
    [
        ("cy", "en_GB.UTF-8", "cy"),
        (None, "cy_GB.UTF-8", "cy"),
        (None, "Welsh_United Kingdom.1252", "cy"),
        (None, "fr_FR.UTF-8", "en"),
        ("xx", "C", "en"),
    ],
)
def test_the_language_follows_the_setting_then_the_system(
    monkeypatch: pytest.MonkeyPatch, asked: str | None, system: str, chosen: str
) -> None:
    monkeypatch.delenv(i18n.LANGUAGE_ENV)
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", system)
    assert i18n.choose_language(asked) == chosen


def test_coprod_lang_overrides_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "cy")
    assert i18n.choose_language("en") == "cy"
