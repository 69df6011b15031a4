"""The frozen build's smoke test notices what is missing from a bundle (without freezing:
it is run on folders and files made here)."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def smoke() -> ModuleType:
    path = ROOT / "resources" / "packaging" / "smoke.py"
    spec = importlib.util.spec_from_file_location("coprod_smoke", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def _bundle(tmp_path: Path) -> Path:
    """A one-folder layout holding every shipped file, as the spec lays it out."""
    folder = tmp_path / "coprod"
    for shipped in ("resources", "persistence/migrations", "locale"):
        shutil.copytree(
            ROOT / "coprod" / shipped,
            folder / "_internal" / "coprod" / shipped,
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "__init__.py"),
        )
    return folder


def test_a_complete_bundle_lacks_nothing(smoke: ModuleType, tmp_path: Path) -> None:
    assert smoke.missing_shipped_files(_bundle(tmp_path)) == []


@pytest.mark.parametrize(
    "piece",
    [
        "coprod/resources/fonts/DejaVuSans.ttf",
        "coprod/resources/pictograms/1f4ac.svg",
        "coprod/resources/plain_words.json",
        "coprod/persistence/migrations/versions/0006_risk_register.py",
        "coprod/persistence/migrations/env.py",
        "coprod/locale/cy/LC_MESSAGES/coprod.mo",
    ],
)
def test_a_missing_font_picture_or_migration_is_named(smoke: ModuleType, tmp_path: Path, piece: str) -> None:
    folder = _bundle(tmp_path)
    (folder / "_internal" / piece).unlink()
    assert smoke.missing_shipped_files(folder) == [piece]


def test_a_pdf_without_the_bundled_font_fails(smoke: ModuleType, tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    pdf = tmp_path / "plain.pdf"
    canvas = Canvas(str(pdf))
    canvas.setFont("Helvetica", 12)
    canvas.drawString(72, 720, "You said, we did")
    canvas.save()
    with pytest.raises(smoke.SmokeFailed, match="bundled font"):
        smoke.check_pdf(pdf, words="You said")
    with pytest.raises(smoke.SmokeFailed, match="does not say"):
        smoke.check_pdf(pdf, words="Easy read")


def test_the_newest_migration_is_the_head_of_the_chain(smoke: ModuleType, tmp_path: Path) -> None:
    assert smoke.newest_migration()  # the source tree's migrations make one chain
    for name, revision, down in (
        ("0007_b.py", "0007", "0008"),
        ("0008_a.py", "0008", "0006"),
        ("0006_c.py", "0006", None),
    ):
        down_text = repr(down) if down else "None"
        (tmp_path / name).write_text(f"revision: str = {revision!r}\ndown_revision = {down_text}\n")
    assert smoke.newest_migration(tmp_path) == "0007"
