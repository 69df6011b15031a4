"""`coprod report` sums up its plain-English advice; `--advice` lists every suggestion."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.command import run as coprod
from tests.engines import copy_database


@pytest.fixture
def demo(demo_db_file: Path, tmp_path: Path) -> Path:
    return copy_database(demo_db_file, tmp_path / "demo.db")  # type: ignore[return-value]


def test_the_advice_is_summed_up_and_listed_in_full_when_asked(demo: Path, tmp_path: Path) -> None:
    report = ("report", "you-said-we-did", "--db", str(demo), "--as-of", "2026-06-30")
    summed = coprod(*report, "--out", str(tmp_path / "a.html"))
    listed = coprod(*report, "--out", str(tmp_path / "b.html"), "--advice")
    assert summed.returncode == listed.returncode == 0, summed.stderr + listed.stderr

    every = [line for line in listed.stdout.splitlines() if line.startswith("Plain English: ")]
    assert len(set(every)) == len(every)  # a suggestion met in several places is listed once...
    places = {
        line: int(m.group(1)) if (m := re.search(r"\(In (\d+) places\.\)$", line)) else 1 for line in every
    }
    assert max(places.values()) > 1  # ...saying in how many
    unknown = [line for line in every if "residents may not know the word" in line]
    assert len(every) > len(unknown) > 1  # both kinds of advice, for the summary to count
    (total,) = [line for line in summed.stdout.splitlines() if line.startswith("Plain English: ")]
    n_all, n_unknown = sum(places.values()), sum(places[line] for line in unknown)
    assert total == (
        f"Plain English: {n_all:,} places could be easier for residents to read "
        f"({n_unknown:,} with a word they may not know, {n_all - n_unknown:,} hard to read)."
    )
    (words,) = [line for line in summed.stdout.splitlines() if line.startswith("  Words most met: ")]
    met = re.findall(r'"([^"]+)" in ([\d,]+) \(try "', words)
    counts = [int(n.replace(",", "")) for _word, n in met]
    assert 1 <= len(met) <= 5 and counts == sorted(counts, reverse=True)
    for word, n in met:  # each count is the number of places the full list names that word
        named = sum(places[line] for line in unknown if f'know the word "{word}";' in line)
        assert named == int(n.replace(",", ""))
    assert "Give --advice to list each one" in summed.stdout
    assert len(summed.stdout.splitlines()) < 10 < len(every)
