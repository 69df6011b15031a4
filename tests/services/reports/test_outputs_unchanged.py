"""Reports read exactly as they did: the text of each report for a fixed demo scenario is
compared with a copy kept beside this test (PDF text as extracted, HTML whole), so changes
made for speed cannot change a word.

When a report is meant to read differently, write the new copies with

    python -m tests.services.reports.test_outputs_unchanged

and review the difference like any other change.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from coprod.i18n.dates import long_day
from coprod.persistence.database import Database, open_database
from coprod.services.demo.scenario import generate as generate_demo
from coprod.services.reports.generate import ReportRequest, generate
from tests.reports_scenario import pdf_text

GOLDEN = Path(__file__).with_name("golden")
AS_OF = date(2026, 11, 26)
OUTPUTS = {
    "you-said-we-did.pdf.txt": ("you-said-we-did", ".pdf", False),
    "you-said-we-did.html": ("you-said-we-did", ".html", False),
    "you-said-we-did-easy.pdf.txt": ("you-said-we-did", ".pdf", True),
    "review.pdf.txt": ("review", ".pdf", False),
    "review.html": ("review", ".html", False),
}


def _demo(folder: Path) -> Database:
    db = open_database(folder / "demo.db")
    with db.transaction() as session:
        generate_demo(session=session, scale=2, seed=5, as_of=AS_OF)
    return db


def _render(db: Database, folder: Path, name: str) -> str:
    kind, suffix, easy = OUTPUTS[name]
    out = folder / f"{name}{suffix}"
    with db.transaction() as session:
        request = ReportRequest(kind=kind, out=out, as_of=AS_OF, easy_read=easy)
        result = generate(session=session, request=request)
    text = pdf_text(out) if suffix == ".pdf" else out.read_text(encoding="utf-8")
    removed = "\n".join(r.describe() for r in result.redactions)
    return f"{text.replace(long_day(date.today()), '<today>')}\n--- removed ---\n{removed}\n"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Database, Path]:
    folder = tmp_path_factory.mktemp("golden")
    db = _demo(folder)
    yield db, folder
    db.close()


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_report_reads_as_before(demo: tuple[Database, Path], name: str) -> None:
    db, folder = demo
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    assert _render(db, folder, name) == expected


def test_a_repeated_text_is_cleaned_and_listed_wherever_it_appears() -> None:
    from coprod.services.reports.guard import Guard

    guard = Guard(["Jane Plantedperson"], allowed=["Sam Officer"])
    said = "Jane Plantedperson (jane@example.com) asked Sam Officer"
    first, second = guard.clean("Forum > A", said), guard.clean("Forum > B", said)
    assert first == second and "Jane" not in first and "jane@" not in first and "Sam Officer" in first
    assert [(r.kind, r.where) for r in guard.redactions] == [
        ("email", "Forum > A"),
        ("name", "Forum > A"),
        ("email", "Forum > B"),
        ("name", "Forum > B"),
    ]


def test_a_pdf_has_the_bytes_reportlab_alone_writes(
    demo: tuple[Database, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Page streams compressed on another thread, and the quicker encoding of the document's
    pieces, change nothing in the file: not a byte, with ReportLab's dates and ids held still."""
    from reportlab import rl_config
    from reportlab.pdfbase import pdfdoc

    from coprod.services.reports import render_pdf
    from coprod.services.reports.generate import prepare

    db, folder = demo
    with db.reading() as session:
        request = ReportRequest(kind="review", out=folder / "r.pdf", as_of=AS_OF)
        report, _redactions, _advice = prepare(session=session, request=request)
    report.title += " for Llanfair — £5"  # text outside ASCII, encoded the slow way
    monkeypatch.setattr(rl_config, "invariant", 1)

    render_pdf.render(report, folder / "quick.pdf")
    monkeypatch.setattr(pdfdoc, "pdfdocEnc", render_pdf._pdfdoc_encoded)
    monkeypatch.setattr(render_pdf, "_deflate", lambda page, pool: None)
    render_pdf.render(report, folder / "plain.pdf")

    quick, plain = (folder / "quick.pdf").read_bytes(), (folder / "plain.pdf").read_bytes()
    assert len(quick) > 50_000 and b"/FlateDecode" in quick
    assert quick == plain


def _write_golden(folder: Path) -> None:
    db = _demo(folder)
    try:
        for name in OUTPUTS:
            (GOLDEN / name).write_text(_render(db, folder, name), encoding="utf-8")
            print(f"wrote {GOLDEN / name}", file=sys.stderr)
    finally:
        db.close()


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        _write_golden(Path(scratch))
