"""Figures for the frozen build: its size on disk and how long the window takes to show data.

    .venv/bin/python -m benchmarks.frozen [dist/coprod] [--runs 5]

Build first with `python resources/packaging/build.py`. Prints the one-folder build's size
(and its largest parts), the time `coprod --version` takes (the start of the frozen
interpreter alone) and, over several runs, the time from starting the frozen program to its
window on screen showing the demo database's rows (offscreen, closed by COPROD_SMOKE_EXIT=1).
Budgets: under 200 MB on disk, window on screen in under 2 s. On a busy machine the wall
clock says more about the other programs than about coprod, so on Linux and macOS the CPU
time each start-up used (until the window had closed again) is printed too: about what it
takes on an idle core.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZE_BUDGET_MB = 200
WINDOW_BUDGET_S = 2.0


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def program_in(folder: Path) -> Path:
    for name in ("coprod.exe", "coprod"):
        if (folder / name).is_file():
            return folder / name
    sys.exit(f"no coprod program in {folder}: build it with python resources/packaging/build.py")


def environment(scratch: Path) -> dict[str, str]:
    home = scratch / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COPROD_", "PYTHON", "XDG_"))}
    env.update(
        HOME=str(home),
        USERPROFILE=str(home),
        APPDATA=str(home / "Roaming"),
        LOCALAPPDATA=str(home / "Local"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CACHE_HOME=str(home / "cache"),
        QT_QPA_PLATFORM="offscreen",
    )
    return env


def timed(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        argv, env=env, cwd=cwd, capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL
    )
    took = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return took, done.stdout


def children_cpu() -> float:
    """CPU seconds used so far by this process's ended children (0 where the system cannot say)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def window_on_screen(program: Path, db: Path, env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Seconds from starting the program to its window showing rows (read as the line is
    printed), and the CPU seconds the whole run took."""
    cpu_before = children_cpu()
    started = time.perf_counter()
    proc = subprocess.Popen(
        [str(program), "--db", str(db)],
        env={**env, "COPROD_SMOKE_EXIT": "1"},
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    shown = time.perf_counter() - started
    out, err = proc.communicate(timeout=120)
    if proc.returncode != 0 or "window shown" not in line:
        sys.exit(f"the window did not show its rows ({proc.returncode}):\n{line}{out}{err}")
    return shown, children_cpu() - cpu_before


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Size and start-up time of the frozen coprod.")
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "dist" / "coprod")
    parser.add_argument("--runs", type=int, default=5, help="window start-ups to time (default 5)")
    args = parser.parse_args(argv)
    folder = args.folder.resolve()
    program = program_in(folder)

    size = folder_size(folder)
    print(f"bundle: {folder}")
    print(f"  size on disk       {size / 1e6:7.1f} MB   (budget {SIZE_BUDGET_MB} MB)")
    internal = folder / "_internal"
    parts = sorted(
        (
            (folder_size(p) if p.is_dir() else p.lstat().st_size, p.name)
            for p in (internal.iterdir() if internal.is_dir() else [])
        ),
        reverse=True,
    )
    for bytes_, name in parts[:6]:
        print(f"    {name:<28} {bytes_ / 1e6:6.1f} MB")

    with tempfile.TemporaryDirectory(prefix="coprod-frozen-bench-") as tmp:
        scratch = Path(tmp)
        env = environment(scratch)
        version_s, _ = timed([str(program), "--version"], env, scratch)
        db = scratch / "demo.db"
        timed([str(program), "demo", "--db", str(db)], env, scratch)
        window_on_screen(program, db, env, scratch)  # the first start also writes settings: not counted
        runs = [window_on_screen(program, db, env, scratch) for _ in range(args.runs)]
    times = [wall for wall, _ in runs]
    cpu = statistics.median(used for _, used in runs)
    print(f"  coprod --version   {version_s:7.2f} s")
    print(
        f"  window on screen   {statistics.median(times):7.2f} s median of {len(times)} "
        f"(min {min(times):.2f}, max {max(times):.2f}; budget {WINDOW_BUDGET_S:.0f} s)"
    )
    if cpu:
        print(f"  CPU per start-up   {cpu:7.2f} s median (user + system, to the window closed again)")
    within = size / 1e6 < SIZE_BUDGET_MB and statistics.median(times) < WINDOW_BUDGET_S
    print("  within budget" if within else "  OVER BUDGET")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
