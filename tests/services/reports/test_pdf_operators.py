"""The committee table's text, written as PDF operators directly, is exactly what ReportLab's
own text object writes for it: fonts, subsets, status colours, right-aligned figures and all;
and text is wrapped exactly where ReportLab wraps it."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from coprod.services.reports.fonts import register_fonts
from coprod.services.reports.pdf_grid import Grid
from coprod.services.reports.pdf_styles import INK, RULE, SHADE
from coprod.services.reports.pdf_text import draw_string, wrapped


def _grid() -> Grid:
    regular, bold = register_fonts()
    return Grid.build(
        ["Recommendation", "Status", "Days late"],
        [
            ["Ramps at the day centre", "■ Stalled", "1,204"],
            ["Large-print letters — Ŵyn’s idea, £5 a box", "● On track", "0"],
            ["", "✓ Implemented", ""],
            ["Transport to the forum (Ελληνικά, 中文 left for the font check)", "▲ At risk", "17"],
        ],
        [200.0, 110.0, 60.0],
        numeric=frozenset({2}),
        font=regular,
        bold=bold,
        size=9.0,
        ink=INK,
        rule=RULE,
        shade=SHADE,
        caption="Overdue recommendations",
        bold_first=True,
    )


def _drawn(monkeypatch: pytest.MonkeyPatch, direct: bool) -> str:
    canvas = Canvas(io.BytesIO())
    grid = _grid()
    grid.wrap(400, 800)
    with monkeypatch.context() as m:
        m.setattr(Grid, "_plain", lambda self, c: direct)
        grid.drawOn(canvas, 40, 300)
    return "\n".join(canvas._code)


def test_a_grid_written_directly_matches_reportlabs_text_object(monkeypatch: pytest.MonkeyPatch) -> None:
    direct, through_reportlab = _drawn(monkeypatch, True), _drawn(monkeypatch, False)
    assert "Tj" in direct and " rg" in direct
    assert direct == through_reportlab


def test_the_report_fonts_are_written_directly() -> None:
    grid = _grid()
    assert grid._plain(Canvas(io.BytesIO()))


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from("aé Ŵ—£.\n\t  Wmmmmmmmmmmmmmmmmmmmmmm,"), max_size=200),
    width=st.floats(min_value=1, max_value=400),
    bold=st.booleans(),
)
def test_text_wraps_exactly_where_reportlab_wraps_it(text: str, width: float, bold: bool) -> None:
    """Words' widths are remembered between texts; the lines are those of ReportLab's own
    simpleSplit: the same breaks, long words alone on a line, blank lines dropped."""
    regular, heavy = register_fonts()
    face = heavy if bold else regular
    assert wrapped(text, face, 9.0, width) == simpleSplit(text, face, 9.0, width)
    assert wrapped(text, face, 9.0, width) == simpleSplit(text, face, 9.0, width)  # from memory


@pytest.mark.parametrize("text", ["•", "Page 1,204 of 2,964", "Ŵyn’s “quoted” (text) \\ back"])
@pytest.mark.parametrize("bold", [False, True])
def test_a_line_written_directly_matches_reportlabs_draw_string(text: str, bold: bool) -> None:
    regular, heavy = register_fonts()
    written = []
    for draw in (draw_string, Canvas.drawString):
        canvas = Canvas(io.BytesIO())
        canvas.setFont(heavy if bold else regular, 11)
        draw(canvas, 56.7, 34.02, text)
        written.append(canvas._code[-1])
    assert "Tj" in written[0] and written[0] == written[1]
