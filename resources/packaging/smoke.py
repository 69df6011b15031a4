"""Smoke test of the frozen coprod: `python resources/packaging/smoke.py [dist/coprod]`.

First every file coprod ships (coprod/resources, the migrations, coprod/locale) must be in
the bundle: a picture left out would otherwise only leave a gap in the easy read report. Then
it runs the built program the way an officer and IT would, each step in a scratch folder with
its own home, data and settings folders (nothing of the user's is read or written):

- `coprod --version` names the version the source tree has;
- `coprod demo` makes a database, and `coprod check` finds its schema at the newest
  migration in the source tree (a migration left out of the bundle shows here);
- `coprod lag` prints the lag of the demo's recommendations;
- `coprod report you-said-we-did` writes a PDF with text in the bundled font, the easy read
  one with its pictures, and a Word copy;
- the window opens offscreen on the demo database, shows its rows and closes itself
  (COPROD_SMOKE_EXIT=1), ending with status 0.

Any failure prints what went wrong and exits 1. Needs only the standard library and pypdf.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
ROOT = PACKAGING.parents[1]
STEP_TIMEOUT_S = 180
BUNDLED_FONT = "DejaVuSans"  # the bundled font, embedded in reports under this name


class SmokeFailed(Exception):
    pass


@dataclass
class Frozen:
    program: Path
    scratch: Path

    def env(self, **extra: str) -> dict[str, str]:
        home = self.scratch / "home"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("COPROD_", "PYTHON", "XDG_"))}
        env.update(
            HOME=str(home),
            USERPROFILE=str(home),
            APPDATA=str(home / "AppData" / "Roaming"),
            LOCALAPPDATA=str(home / "AppData" / "Local"),
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_DATA_HOME=str(home / ".local" / "share"),
            XDG_STATE_HOME=str(home / ".local" / "state"),
            XDG_CACHE_HOME=str(home / ".cache"),
            XDG_RUNTIME_DIR=str(self.scratch / "runtime"),
            COPROD_CONFIG_DIR=str(home / "coprod-config"),
            QT_QPA_PLATFORM="offscreen",
            LANG="en_GB.UTF-8",
            **extra,
        )
        return env

    def run(self, *args: str, expect: int = 0, **extra: str) -> str:
        started = time.perf_counter()
        try:
            done = subprocess.run(
                [str(self.program), *args],
                cwd=self.scratch,
                env=self.env(**extra),
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                timeout=STEP_TIMEOUT_S,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired:
            raise SmokeFailed(f"`coprod {' '.join(args)}` did not finish in {STEP_TIMEOUT_S} s") from None
        took = time.perf_counter() - started
        output = done.stdout + done.stderr
        if done.returncode != expect or "Traceback" in output:
            raise SmokeFailed(
                f"`coprod {' '.join(args)}` ended with status {done.returncode}"
                f" (expected {expect}):\n{output.strip()}"
            )
        print(f"  ok  coprod {' '.join(args)}  ({took:.1f} s)")
        return done.stdout if expect == 0 else done.stderr  # a refusal is said on stderr


def find_program(folder: Path) -> Path:
    for name in ("coprod.exe", "coprod"):
        if (folder / name).is_file():
            return folder / name
    raise SmokeFailed(f"no coprod program in {folder}; build it with python resources/packaging/build.py")


SHIPPED = ("resources", "persistence/migrations", "locale")


def missing_shipped_files(folder: Path) -> list[str]:
    """Files of the source tree's shipped folders that the bundle lacks (modules excepted)."""
    bundled = folder / "_internal" if (folder / "_internal").is_dir() else folder
    missing = []
    for shipped in SHIPPED:
        top = ROOT / "coprod" / shipped
        for path in sorted(top.rglob("*")) if top.is_dir() else []:
            if (
                not path.is_file()
                or "__pycache__" in path.parts
                or path.suffix == ".pyc"
                or path.name == "__init__.py"
            ):
                continue
            relative = path.relative_to(ROOT)
            if not (bundled / relative).is_file():
                missing.append(relative.as_posix())
    return missing


def source_version() -> str:
    text = (ROOT / "coprod" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r"__version__\s*=\s*[\"']([^\"']+)", text)
    if not found:
        raise SmokeFailed("no __version__ in coprod/__init__.py")
    return found.group(1)


MIGRATIONS = ROOT / "coprod" / "persistence" / "migrations" / "versions"


def newest_migration(folder: Path = MIGRATIONS) -> str:
    """The head of the migration chain in the source tree: the revision no other builds on."""

    def value(name: str, text: str) -> str | None:
        found = re.search(rf"^{name}\s*(?::[^=]*)?=\s*[\"']([^\"']+)[\"']", text, re.M)
        return found.group(1) if found else None

    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.py"))]
    revisions = {value("revision", t) for t in texts} - {None}
    heads = revisions - {value("down_revision", t) for t in texts}
    if len(heads) != 1:
        raise SmokeFailed(f"the migrations in {folder} do not make one chain (heads: {sorted(heads)})")
    return str(heads.pop())


def check_pdf(path: Path, *, words: str) -> None:
    from pypdf import PdfReader

    if not path.is_file() or path.stat().st_size == 0:
        raise SmokeFailed(f"{path.name} was not written")
    reader = PdfReader(path)
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    if words.casefold() not in text.casefold():
        raise SmokeFailed(f"{path.name} does not say {words!r}; its text begins: {text[:200]!r}")
    fonts: set[str] = set()
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            fonts.add(str(font.get_object().get("/BaseFont", "")))
    if not any(BUNDLED_FONT in name for name in fonts):
        raise SmokeFailed(f"{path.name} does not use the bundled font {BUNDLED_FONT}: {sorted(fonts)}")


def count_drawings(path: Path) -> int:
    """Pictures (raster or vector forms) in a PDF: the easy read pictograms are SVG, drawn as forms."""
    from pypdf import PdfReader

    found = 0
    for page in PdfReader(path).pages:
        objects = (page.get("/Resources") or {}).get("/XObject") or {}
        found += len(objects)
    return found


def smoke(folder: Path) -> None:
    program = find_program(folder)
    missing = missing_shipped_files(folder)
    if missing:
        raise SmokeFailed(f"{len(missing)} shipped files are not in the bundle: {', '.join(missing[:10])}")
    print("  ok  every shipped file is in the bundle")
    with tempfile.TemporaryDirectory(prefix="coprod-smoke-") as tmp:
        frozen = Frozen(program, Path(tmp))
        (frozen.scratch / "runtime").mkdir(mode=0o700)
        db = str(frozen.scratch / "demo.db")

        version = frozen.run("--version").strip()
        if version != f"coprod {source_version()}":
            raise SmokeFailed(f"--version says {version!r}, the source tree is {source_version()}")

        frozen.run("demo", "--db", db, "--as-of", "2026-03-31")
        checked = frozen.run("check", "--db", db)
        head = newest_migration()
        if f"Schema: {head} (up to date)" not in checked:
            raise SmokeFailed(f"the demo database is not at the newest migration {head}:\n{checked}")

        lag = frozen.run("lag", "--db", db, "--as-of", "2026-03-31", "--format", "csv")
        if len(lag.strip().splitlines()) < 10:
            raise SmokeFailed(f"`coprod lag` listed too little:\n{lag}")

        # The team server's driver (psycopg, with libpq and TLS) is in the bundle: a server that
        # is not there is one sentence, not an import error.
        away = frozen.run("lag", "--db", "postgresql://coprod@127.0.0.1:9/coprod?sslmode=require", expect=2)
        if "could not reach the team server" not in away:
            raise SmokeFailed(f"`coprod lag` on an unreachable server did not say so:\n{away}")

        pdf = frozen.scratch / "you-said.pdf"
        frozen.run("report", "you-said-we-did", "--db", db, "--as-of", "2026-03-31", "--out", str(pdf))
        check_pdf(pdf, words="You said")
        easy = frozen.scratch / "easy-read.pdf"
        frozen.run(
            "report",
            "you-said-we-did",
            "--easy-read",
            "--db",
            db,
            "--as-of",
            "2026-03-31",
            "--out",
            str(easy),
        )
        check_pdf(easy, words="You said")
        if count_drawings(easy) == 0:
            raise SmokeFailed("the easy read report has no pictures")
        word = frozen.scratch / "you-said.docx"
        frozen.run("report", "you-said-we-did", "--db", db, "--as-of", "2026-03-31", "--out", str(word))
        with zipfile.ZipFile(word) as docx:
            if "You said" not in docx.read("word/document.xml").decode("utf-8"):
                raise SmokeFailed("the Word copy does not say 'You said'")

        shown = frozen.run("--db", db, COPROD_SMOKE_EXIT="1")
        if "window shown" not in shown:
            raise SmokeFailed(f"the window did not say it was shown:\n{shown}")
        print(f"  ok  {shown.strip().removeprefix('coprod: ')}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Smoke test of the frozen coprod.")
    parser.add_argument(
        "folder",
        nargs="?",
        type=Path,
        default=ROOT / "dist" / "coprod",
        help="the one-folder build (default dist/coprod)",
    )
    args = parser.parse_args(argv)
    print(f"smoke test of {args.folder}")
    try:
        smoke(args.folder.resolve())
    except SmokeFailed as exc:
        print(f"SMOKE TEST FAILED: {exc}", file=sys.stderr)
        return 1
    print("smoke test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
