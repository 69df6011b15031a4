"""Accessible HTML from the same content: the version for screen readers and the website.

One h1, then h2 per section, h3 per entry and h4 per part, so headings never skip a level;
`lang` on the page; real lists, quotations and tables with captions and header cells; a
contents list; and it reads in order with the styles switched off.
"""

from __future__ import annotations

import base64
import html
import mimetypes
from datetime import date
from functools import lru_cache
from pathlib import Path

from coprod.i18n import tr
from coprod.i18n.dates import long_day
from coprod.services.reports.content import (
    RAG_COLOURS,
    BarChart,
    Block,
    Bullets,
    Entry,
    Facts,
    Para,
    Point,
    Quote,
    Report,
    Table,
)

_CSS = """
body{font-family:Arial,"Helvetica Neue",Helvetica,"DejaVu Sans",sans-serif;font-size:1.2rem;line-height:1.5;
color:#1d1d1b;max-width:46rem;margin:0 auto;padding:1.5rem}
body.easy{font-size:1.6rem}
h1,h2,h3,h4{color:#00576b;line-height:1.25}h4{color:#1d1d1b;margin-bottom:.25rem}
.council{font-weight:bold}.logo{float:right;max-height:5rem}
.subtitle{color:#4a4a48;font-size:1.1em}
.notice{border:3px solid #1d1d1b;padding:.5rem 1rem}
blockquote{margin:.5rem 0 1rem;padding:.5rem 1rem;background:#eef3f4;border-left:.35rem solid #00576b}
blockquote .source{color:#4a4a48;font-size:.9em;margin:.25rem 0 0}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;width:100%}
caption{text-align:left;font-weight:bold;padding:.5rem 0}
th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid #8a8a86}
thead th{background:#eef3f4;border-bottom:2px solid #1d1d1b}td.num{text-align:right}
dl{display:grid;grid-template-columns:max-content auto;gap:.25rem 1.5rem}dt{font-weight:bold}dd{margin:0}
.status{font-weight:bold}.bar{display:inline-block;height:.8em;background:#00576b;margin-right:.4rem}
.point{display:flex;gap:1rem;margin-bottom:1rem}
.picture{flex:0 0 6rem;width:6rem;height:6rem}
article{border-top:1px solid #8a8a86;margin-top:1.5rem}footer{margin-top:2rem;color:#4a4a48}
"""


# html.escape once per distinct text: a long report repeats the same labels, statuses and words
# tens of thousands of times.
escape = lru_cache(maxsize=1 << 16)(html.escape)


def render(report: Report) -> str:
    out: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(report.lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(report.title)}: {escape(report.subtitle)}</title>",
        f'<meta name="author" content="{escape(report.author)}">',
        f'<meta name="description" content="{escape(report.subject)}">',
        f"<style>{_CSS}</style>",
        "</head>",
        f'<body class="{"easy" if report.easy_read else "standard"}">',
        "<header>",
    ]
    logo = _logo(report.logo_path, report.council_name)
    if logo:
        out.append(logo)
    if report.council_name:
        out.append(f'<p class="council">{escape(report.council_name)}</p>')
    out.append("</header>")
    out.append("<main>")
    out.append(f"<h1>{escape(report.title)}</h1>")
    if report.subtitle:
        out.append(f'<p class="subtitle">{escape(report.subtitle)}</p>')
    if report.notice:
        out.append(f'<p class="notice"><strong>{escape(report.notice)}</strong></p>')
    out.append(_contents(report))
    for n, section in enumerate(report.sections):
        out.append(f'<section aria-labelledby="s{n}">')
        out.append(f'<h2 id="s{n}">{escape(section.heading)}</h2>')
        for block in section.blocks:
            out.append(_block(block, report.easy_read))
        out.append("</section>")
    out.append("</main>")
    generated = tr("report.generated", today=long_day(date.today()))
    out.append(f"<footer><p>{escape(generated)}</p></footer>")
    out.append("</body>\n</html>\n")
    return "\n".join(out)


def _contents(report: Report) -> str:
    items = "".join(
        f'<li><a href="#s{n}">{escape(s.heading)}</a></li>' for n, s in enumerate(report.sections)
    )
    contents = tr("report.contents")
    return f'<nav aria-labelledby="contents"><h2 id="contents">{escape(contents)}</h2><ol>{items}</ol></nav>'


def _logo(path: str, council: str) -> str:
    if not path or not Path(path).is_file():
        return ""
    mime = mimetypes.guess_type(path)[0] or "image/png"
    data = base64.b64encode(Path(path).read_bytes()).decode("ascii")
    alt = escape(tr("report.logo_alt", council=council or tr("report.your_council")))
    try:
        from reportlab.lib.utils import ImageReader

        w, h = ImageReader(path).getSize()
    except Exception:  # noqa: BLE001  (an unreadable logo is left out, never fatal)
        return ""
    # Sizes in the tag too: viewers that ignore the style sheet still show it small.
    height = 80
    width = round(height * w / h) if h else height
    return f'<img class="logo" src="data:{mime};base64,{data}" alt="{alt}" width="{width}" height="{height}">'


def _block(block: Block, easy: bool) -> str:
    if isinstance(block, Entry):
        return _entry(block, easy)
    if isinstance(block, Point):
        inner = f"<h3>{escape(block.label)}</h3>" + "".join(_block(b, easy) for b in block.blocks)
        return _point(inner, block.picture, block.alt)
    if isinstance(block, Para):
        return f'<p class="lead">{escape(block.text)}</p>' if block.lead else f"<p>{escape(block.text)}</p>"
    if isinstance(block, Quote):
        source = f'<p class="source">{escape(block.source)}</p>' if block.source else ""
        return f"<blockquote><p>{escape(block.text)}</p>{source}</blockquote>"
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in block.items) + "</ul>"
    if isinstance(block, Facts):
        return "<dl>" + "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in block.pairs) + "</dl>"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, BarChart):
        return _chart(block)
    return ""


def _entry(entry: Entry, easy: bool) -> str:
    out = [f"<article><h3>{escape(entry.heading)}</h3>"]
    if entry.status:
        status = tr("report.status_label")
        out.append(f'<p class="status">{escape(status)} {escape(entry.status)}</p>')
    for part in entry.parts:
        inner = f"<h4>{escape(part.label)}</h4>" + "".join(_block(b, easy) for b in part.blocks)
        if easy:
            out.append(_point(inner, part.picture, part.alt))
        else:
            out.append(inner)
    out.append("</article>")
    return "".join(out)


def _cell(text: str) -> str:
    """Escaped cell text; a status symbol is drawn in its colour and hidden from screen
    readers, which read the word after it."""
    colour = RAG_COLOURS.get(text[:1])
    if colour is None:
        return escape(text)
    return f'<span class="mark" style="color:{colour}" aria-hidden="true">{text[:1]}</span>{escape(text[1:])}'


@lru_cache(maxsize=64)
def _picture_data(path: str) -> str:
    svg = path.lower().endswith(".svg")
    mime = "image/svg+xml" if svg else (mimetypes.guess_type(path)[0] or "image/png")
    return f"data:{mime};base64,{base64.b64encode(Path(path).read_bytes()).decode('ascii')}"


def _point(inner: str, picture: str, alt: str) -> str:
    """A picture to the left of the point, described for screen readers."""
    img = ""
    if picture and Path(picture).is_file():
        img = (
            f'<img class="picture" src="{_picture_data(picture)}" alt="{escape(alt)}" width="96" height="96">'
        )
    return f'<div class="point">{img}<div>{inner}</div></div>'


def _table(block: Table) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in block.headers)
    rows = []
    for row in block.rows:
        cells = [f'<th scope="row">{_cell(row[0])}</th>'] + [
            f'<td class="num">{_cell(v)}</td>' if i in block.numeric else f"<td>{_cell(v)}</td>"
            for i, v in enumerate(row)
            if i > 0
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f"<table><caption>{escape(block.caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _chart(block: BarChart) -> str:
    """The chart as a table with a drawn bar beside each value (the bar is decoration only)."""
    top = block.maximum or max(block.values or [1]) or 1
    rows = "".join(
        f'<tr><th scope="row">{escape(c)}</th><td><span class="bar" aria-hidden="true" '
        f'style="width:{max(0.0, v) / top * 12:.2f}rem"></span>{v:.0f}</td></tr>'
        for c, v in zip(block.categories, block.values, strict=True)
    )
    group = tr("report.chart_group")
    return (
        f'<figure><table><caption>{escape(block.title)}</caption><thead><tr><th scope="col">'
        f'{escape(group)}</th><th scope="col">{escape(block.unit)}</th></tr></thead>'
        f"<tbody>{rows}</tbody></table><figcaption>{escape(block.description)}</figcaption></figure>"
    )
