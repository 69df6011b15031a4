"""Scale benchmarks for coprod. Not part of the test run.

    python -m benchmarks.run [--scale 250] [--keep DIR] [--only NAME ...]
    python -m benchmarks.run --server postgresql://USER@HOST/postgres [--only lag import GUI]
    python -m benchmarks.run --whole [--db FILE] [--scale 250] [--keep DIR] [--only NAME ...]

Builds the demo database at the given scale, then times each registered step and prints a
table. Steps live in `benchmarks/steps_*.py` modules; each registers with `@step("name")` a
function (from `benchmarks/bench.py`) taking a `Bench` context and returning an optional note.
With `--whole`, each command instead runs as a user runs it, in its own process (see
`benchmarks/whole.py`); `--db` reuses a database built earlier. With `--server`, the
databases are made on that PostgreSQL server (the login must be allowed to create databases)
and dropped at the end; steps about the SQLite file (backups, check) are for files only.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import pkgutil
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.bench import _STEPS, AS_OF, Bench, Server


def _load_steps() -> None:
    package = Path(__file__).parent
    for info in pkgutil.iter_modules([str(package)]):
        if info.name.startswith("steps_"):
            importlib.import_module(f"benchmarks.{info.name}")


def _build(path: Path | str, scale: int) -> float:
    from coprod.persistence.database import open_database
    from coprod.services.demo.scenario import generate

    started = time.perf_counter()
    db = open_database(path)
    with db.transaction() as session:
        generate(session=session, scale=scale, seed=1, as_of=AS_OF)
    db.close()
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=250)
    parser.add_argument("--keep", type=Path, help="keep the database and outputs in this folder")
    parser.add_argument("--only", nargs="*", default=None, help="run only steps whose name contains these")
    parser.add_argument(
        "--whole",
        action="store_true",
        help="time whole commands, each in its own process (median of three runs)",
    )
    parser.add_argument("--db", type=Path, help="with --whole: a database built earlier at this scale")
    parser.add_argument("--server", help="make the databases on this PostgreSQL server (a URL)")
    args = parser.parse_args(argv)
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="coprod-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    if args.whole:
        _whole(args, workdir)
        return
    _load_steps()
    server = Server(args.server) if args.server else None
    bench = Bench(db_path=workdir, scale=args.scale, workdir=workdir, server=server)
    db_path = bench.new_database(f"demo-{args.scale}")
    for suffix in ("", "-wal", "-shm"):
        if server is None:
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    bench.db_path = db_path
    rows: list[tuple[str, float, str]] = []
    seconds = _build(db_path, args.scale)
    rows.append((f"demo --scale {args.scale} (build database)", seconds, ""))
    # Steps run as the desktop app runs them: what exists after start-up is frozen out of
    # garbage collection (coprod.ui.application does the same once its window is shown).
    gc.collect()
    gc.freeze()
    for name, fn, repeat in _STEPS:
        if args.only and not any(word in name for word in args.only):
            continue
        times, note = [], ""
        for _ in range(repeat):
            started = time.perf_counter()
            note = fn(bench) or ""
            times.append(time.perf_counter() - started)
        rows.append((name, statistics.median(times), note))
    if server is not None:
        server.drop_all()
    width = max(len(r[0]) for r in rows)
    engine = "PostgreSQL" if server is not None else "SQLite"
    print(f"coprod benchmarks, scale {args.scale}, as of {AS_OF}, on {engine}")
    print(f"{'step':<{width}}  {'seconds':>9}  note")
    for name, secs, note in rows:
        print(f"{name:<{width}}  {secs:>9.3f}  {note}")
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)


def _whole(args: argparse.Namespace, workdir: Path) -> None:
    from benchmarks.whole import print_table, run_whole

    db_path = args.db
    if db_path is None:
        db_path = workdir / f"demo-{args.scale}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        _build(db_path, args.scale)
    try:
        rows = run_whole(db_path, workdir, scale=args.scale, only=args.only)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    print_table(rows, scale=args.scale, db=db_path)


if __name__ == "__main__":
    main()
