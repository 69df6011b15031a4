"""Whole-process figures: what a user waits for, from starting `coprod` to its exit.

    python -m benchmarks.run --whole [--db FILE] [--scale 250] [--only WORD ...]

Each command runs in a fresh process three times, once in each of three rounds over the
whole table (so a slow minute on a shared machine does not fall on one command's three runs);
the table gives the median wall time and the largest resident memory, beside the start-up
floor (`coprod --version`) measured in the same run. Building the scale-250 database takes
a while: pass `--db` to reuse one (it is only read; commands that write work on a copy).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.bench import AS_OF

RUNS = 3
TIMEOUT = 600


@dataclass(frozen=True)
class Command:
    """One row of the table: the arguments after `coprod`, a target and what to do before each run."""

    name: str
    args: Callable[[Path, Path], list[str]]  # (database, scratch folder) -> argv after `coprod`
    target: float | None = None
    before: Callable[[Path, Path], None] | None = None
    python: bool = False  # args are for `python` itself, not `coprod`


def _coprod() -> list[str]:
    script = Path(sys.executable).with_name("coprod")
    return [str(script)] if script.exists() else [sys.executable, "-m", "coprod"]


def _fresh(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.rmtree(f"{path}-lock", ignore_errors=True)


def _demo_target(db: Path, work: Path) -> None:
    _fresh(work / "demo.db")


def _merge_copy(db: Path, work: Path) -> None:
    _fresh(work / "merge.db")
    shutil.copyfile(db, work / "merge.db")
    if not (work / "all.coprod.json").exists():
        _run([*_coprod(), "--db", str(db), "export", "--out", str(work / "all.coprod.json")])


def _scale25(db: Path, work: Path) -> None:
    """A database with exactly 1,000 recommendations, to see that time per entry stays flat."""
    if not (work / "demo-25.db").exists():
        _run([*_coprod(), "--db", str(work / "demo-25.db"), "demo", "--scale", "25", "--as-of", AS])


AS = AS_OF.isoformat()


def _rows(scale: int) -> list[Command]:
    def on(*args: str) -> Callable[[Path, Path], list[str]]:
        return lambda db, work: ["--db", str(db), *[a.replace("{work}", str(work)) for a in args]]

    return [
        # The machine's speed at the time, to compare tables made at different times: on a
        # shared machine the same work takes from 1.4 to 2.5 s of CPU from one hour to the next.
        Command(
            "reference: 20 million Python additions",
            lambda db, work: ["-c", "s = 0\nfor i in range(20_000_000): s += i"],
            python=True,
        ),
        Command("coprod --version (start-up floor)", lambda db, work: ["--version"]),
        Command(
            f"demo --scale {scale}",
            lambda db, work: ["--db", str(work / "demo.db"), "demo", "--scale", str(scale), "--as-of", AS],
            12.0,
            before=_demo_target,
        ),
        Command(
            "report you-said-we-did (PDF)",
            on("report", "you-said-we-did", "--as-of", AS, "--out", "{work}/yswd.pdf"),
            12.0,
        ),
        Command(
            "report you-said-we-did (PDF), 1,000 recommendations",
            lambda db, work: [
                "--db",
                str(work / "demo-25.db"),
                "report",
                "you-said-we-did",
                "--as-of",
                AS,
                "--out",
                str(work / "yswd-1000.pdf"),
            ],
            before=_scale25,
        ),
        Command(
            "report you-said-we-did (HTML)",
            on("report", "you-said-we-did", "--as-of", AS, "--out", "{work}/yswd.html"),
            3.0,
        ),
        Command(
            "report review (PDF)", on("report", "review", "--as-of", AS, "--out", "{work}/review.pdf"), 6.0
        ),
        Command("report review (HTML)", on("report", "review", "--as-of", AS, "--out", "{work}/review.html")),
        Command("export .coprod.json", on("export", "--out", "{work}/out.coprod.json"), 6.0),
        Command(
            "merge .coprod.json (into a copy)",
            lambda db, work: ["--db", str(work / "merge.db"), "merge", str(work / "all.coprod.json")],
            8.0,
            before=_merge_copy,
        ),
        Command("check", on("check"), 1.0),
        Command("check --full", on("check", "--full")),
        Command("lag", on("lag", "--as-of", AS), 0.7),
        Command("lag --format json", on("lag", "--as-of", AS, "--format", "json")),
        Command("stalled", on("stalled", "--as-of", AS), 0.7),
        Command(
            "window on screen with data",
            lambda db, work: ["-m", "benchmarks.window_probe", str(db)],
            1.2,
            python=True,
        ),
    ]


def _run(argv: list[str]) -> tuple[float, float, float]:
    """Wall seconds, peak resident MiB and CPU seconds (user and system) of one process."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        raise RuntimeError(f"{' '.join(argv)} failed ({proc.returncode}): {err.strip()}")
    if proc.stderr:
        proc.stderr.close()
    return seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


Row = tuple[str, float, float, float, str]  # name, median wall seconds, median CPU seconds, peak MiB, note


def _compiled() -> None:
    """Bytecode for coprod's own modules, as an installed copy has (pip and the frozen build
    compile it, and Python keeps it after a first start). The runs themselves write none
    (PYTHONDONTWRITEBYTECODE), so without this every run would compile some 300 modules
    from source again, about 0.4 s of each figure."""
    import compileall

    import coprod

    compileall.compile_dir(Path(coprod.__file__).parent, quiet=1)


def run_whole(db: Path, work: Path, *, scale: int, only: list[str] | None) -> list[Row]:
    """Each command's runs are spread over the whole table: round by round, every command
    once a round. The machine's speed wanders by a third within minutes; three runs in a row
    could all fall in one slow minute and make one command look slow, where spread out each
    command meets the same mix of quick and slow minutes (and the reference loop, run at the
    start of each round, shows how much the machine wandered meanwhile)."""
    _compiled()
    chosen: list[tuple[Command, list[str]]] = []
    for command in _rows(scale):
        always = "--version" in command.name or command.name.startswith("reference")
        if only and not any(word in command.name for word in only) and not always:
            continue
        argv = (
            [sys.executable, *command.args(db, work)]
            if command.python
            else [*_coprod(), *command.args(db, work)]
        )
        chosen.append((command, argv))
    runs: dict[str, list[tuple[float, float, float]]] = {command.name: [] for command, _ in chosen}
    failed: set[str] = set()
    for _ in range(RUNS):
        for command, argv in chosen:
            if command.name in failed:
                continue
            try:
                if command.before:
                    command.before(db, work)
                runs[command.name].append(_run(argv))
            except RuntimeError as exc:
                print(f"  {command.name}: {exc}", file=sys.stderr)
                failed.add(command.name)
    rows = []
    for command, _ in chosen:
        if command.name in failed:
            rows.append((command.name, float("nan"), float("nan"), float("nan"), "failed"))
            continue
        times = [seconds for seconds, _peak, _cpu in runs[command.name]]
        median = statistics.median(times)
        verdict = ""
        if command.target is not None:
            verdict = f"target {command.target:g} s: {'met' if median < command.target else 'NOT met'}"
        cpu = statistics.median(cpu for _seconds, _peak, cpu in runs[command.name])
        peak = max(peak for _seconds, peak, _cpu in runs[command.name])
        rows.append((command.name, median, cpu, peak, verdict))
        print(f"  {command.name}: {median:.2f} s ({', '.join(f'{t:.2f}' for t in times)})", file=sys.stderr)
    size = sum(Path(f"{db}{s}").stat().st_size for s in ("", "-wal") if Path(f"{db}{s}").exists())
    rows.append(("database file (MiB, not seconds)", size / 2**20, 0.0, 0.0, ""))
    return rows


def print_table(rows: list[Row], *, scale: int, db: Path) -> None:
    width = max(len(r[0]) for r in rows)
    print(f"coprod whole-process figures, scale {scale}, {db}; median of {RUNS} runs each")
    print(f"{'command':<{width}}  {'seconds':>8}  {'CPU s':>7}  {'peak MiB':>8}  note")
    for name, secs, cpu, peak, note in rows:
        print(f"{name:<{width}}  {secs:>8.2f}  {cpu:>7.2f}  {peak:>8.0f}  {note}")
