"""How a run of `coprod` ends, on every path out of `main`: the exit code the shell sees and the one
sentence (never a traceback) on stderr."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from coprod import cli
from coprod.cli import ExitCode
from coprod.cli.program import log_path
from coprod.services.figures import lag as lag_service
from tests.engines import copy_database, on_server, raw_connection

ROOT = Path(__file__).resolve().parents[2]


def run(*argv: str, **kwargs: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), out=out, err=err, **kwargs)  # type: ignore[arg-type]
    return code, out.getvalue(), err.getvalue()


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert lines[0].startswith("coprod: ")
    return lines[0]


def env_for(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "COPROD_CONFIG_DIR": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
    }


def run_python(script: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """`script` in a Python process of its own, with a home folder of its own."""
    env = env_for(tmp_path / "home")
    argv = [sys.executable, "-c", script]
    return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def demo(demo_db_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    return copy_database(demo_db_file, path)  # type: ignore[return-value]


def test_the_codes_are_the_ones_shells_and_scripts_expect() -> None:
    assert [int(c) for c in ExitCode] == [0, 1, 2, 130]
    assert (ExitCode.OK, ExitCode.FAILED, ExitCode.ERROR, ExitCode.INTERRUPTED) == (0, 1, 2, 130)


def test_a_missing_file_is_one_sentence_and_exit_2(tmp_path: Path) -> None:
    code, out, err = run("lag", "--db", str(tmp_path / "nowhere.db"))
    assert code == ExitCode.ERROR and out == ""
    assert "There is no file at" in one_line(err) and "nowhere.db" in err
    assert not (tmp_path / "nowhere.db").exists()


def test_a_bad_argument_is_one_sentence_and_exit_2() -> None:
    code, _, err = run("lag", "--by", "colour")
    assert code == ExitCode.ERROR
    assert "invalid choice" in one_line(err) and "coprod lag --help" in err


def test_ctrl_c_stops_with_one_line_and_exit_130(demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(**_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(lag_service, "recommendation_lags", interrupted)
    code, out, err = run("lag", "--db", str(demo))
    assert code == ExitCode.INTERRUPTED == 130
    assert one_line(err) == "coprod: stopped." and out == ""


def test_ctrl_c_in_a_real_process(demo: Path, tmp_path: Path) -> None:
    """The signal itself, sent to coprod's own process while it reads the database."""
    script = (
        "import os, signal, sys\n"
        "from coprod.services.figures import lag\n"
        "def interrupted(**_): os.kill(os.getpid(), signal.SIGINT)\n"
        "lag.recommendation_lags = interrupted\n"
        "from coprod.cli import main\n"
        f"sys.exit(main(['lag', '--db', {str(demo)!r}]))\n"
    )
    # Started as from a terminal: a run started in the background (`pytest &`) ignores Ctrl+C,
    # and a Python started with it ignored never turns it into KeyboardInterrupt.
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env_for(tmp_path / "home"),
        timeout=120,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert result.returncode == 130
    assert result.stderr == "coprod: stopped.\n" and result.stdout == ""


def test_a_reader_that_stops_early_is_not_an_error(demo: Path, tmp_path: Path) -> None:
    """`coprod lag | head -1`: the first line reaches head; coprod exits 0 with nothing on stderr."""
    coprod = subprocess.Popen(
        [sys.executable, "-m", "coprod", "lag", "--db", str(demo)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env_for(tmp_path / "home"),
    )
    assert coprod.stdout is not None and coprod.stderr is not None
    head = subprocess.run(["head", "-1"], stdin=coprod.stdout, capture_output=True, text=True, timeout=120)
    coprod.stdout.close()
    assert coprod.wait(timeout=120) == ExitCode.OK
    assert coprod.stderr.read() == b""
    coprod.stderr.close()
    assert head.stdout.startswith("40 recommendations as of")


def test_a_pipe_closed_before_the_first_line_is_not_an_error(demo: Path, tmp_path: Path) -> None:
    """The reader has gone before coprod writes anything, so every write fails: still exit 0, quietly."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        argv = [sys.executable, "-m", "coprod", "lag", "--db", str(demo), "--format", "json"]
        result = subprocess.run(
            argv,
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env=env_for(tmp_path / "home"),
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert result.returncode == ExitCode.OK
    assert result.stderr == ""


def test_an_unexpected_error_goes_to_the_log_and_the_sentence_says_where(
    demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(**_: object) -> None:
        raise RuntimeError("the engine fell over")

    monkeypatch.setattr(lag_service, "recommendation_lags", broken)
    code, out, err = run("lag", "--db", str(demo))
    assert code == ExitCode.ERROR and out == ""
    line = one_line(err)
    log = log_path()
    assert "the engine fell over" in line and f"The details are in {log}." in line
    written = log.read_text(encoding="utf-8")
    assert f"coprod lag --db {demo}" in written
    assert "Traceback" in written and "RuntimeError: the engine fell over" in written


def test_an_unexpected_error_when_the_log_cannot_be_written(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the log folder would go")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocked))

    def broken(**_: object) -> None:
        raise RuntimeError("the engine fell over")

    monkeypatch.setattr(lag_service, "recommendation_lags", broken)
    code, _, err = run("lag", "--db", str(demo))
    assert code == ExitCode.ERROR
    assert "The details could not be written to" in one_line(err)
    assert blocked.read_text() == "a file where the log folder would go"


def test_no_command_opens_the_window_it_is_given(tmp_path: Path) -> None:
    opened: list[tuple[str | None, bool]] = []

    def open_window(db_target: str | None, *, read_only: bool = False) -> int:
        opened.append((db_target, read_only))
        return 0

    code, _, err = run("--db", str(tmp_path / "team.db"), "--read-only", open_window=open_window)
    assert code == ExitCode.OK and err == ""
    assert opened == [(str(tmp_path / "team.db"), True)]


def test_no_command_and_no_window_is_a_usage_error() -> None:
    code, _, err = run()
    assert code == ExitCode.ERROR
    assert "no command given" in one_line(err)


@pytest.mark.parametrize("command", [["lag"], ["stalled"], ["lag", "--by", "strategy"], ["check"]])
def test_a_reading_command_loads_neither_qt_nor_the_report_libraries_nor_the_orm(
    demo: Path, tmp_path: Path, command: list[str]
) -> None:
    """Figures and checks read through Core: SQLModel, pydantic and the models cost 0.3 s to load."""
    script = (
        "import sys\n"
        "from coprod.app import main\n"
        f"sys.argv = ['coprod', *{command!r}, '--db', {str(demo)!r}]\n"
        "try:\n"
        "    main()\n"
        "finally:\n"
        "    heavy = {'PySide6', 'reportlab', 'docx', 'xlsxwriter', 'svglib', 'coprod.ui',\n"
        "             'sqlmodel', 'pydantic', 'sqlalchemy.orm', 'coprod.domain.models', 'alembic'}\n"
        "    loaded = sorted(n for n in heavy if n in sys.modules)\n"
        "    print('loaded:', loaded, file=sys.stderr)\n"
    )
    result = run_python(script, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "loaded: []"


def test_a_command_process_ends_at_once_with_all_it_wrote_kept(demo: Path, tmp_path: Path) -> None:
    """A command's process skips freeing its objects one by one at exit (`coprod.app.main`):
    what it printed, the report it wrote and the audit entry it committed are all there, the
    database is whole without a -wal file beside it, and exit handlers that the libraries a
    command uses register (logging's, the file locks') still run first."""
    report, marker = tmp_path / "review.pdf", tmp_path / "handlers.txt"
    script = (
        "import atexit, gc, sys\n"
        "import coprod.cli\n"
        "from coprod.app import main\n"
        "command = coprod.cli.main\n"
        "def running(*args, **kwargs):  # a library registering its handler on first use\n"
        f"    mark = lambda: open({str(marker)!r}, 'w').write(f'ran, collector on: {{gc.isenabled()}}')\n"
        "    atexit.register(mark)\n"
        "    return command(*args, **kwargs)\n"
        "coprod.cli.main = running\n"
        f"sys.argv = ['coprod', '--db', {str(demo)!r}, 'report', 'review', '--as-of', '2026-06-30',\n"
        f"            '--out', {str(report)!r}]\n"
        "main()\n"
    )
    result = run_python(script, tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"Report saved to {report}." in result.stdout
    assert report.read_bytes().startswith(b"%PDF") and report.read_bytes().rstrip().endswith(b"%%EOF")
    assert marker.read_text() == "ran, collector on: False"
    if not on_server():  # a file: whole on its own, nothing left in a journal beside it
        assert not Path(f"{demo}-wal").exists() and not Path(f"{demo}-journal").exists()
    with raw_connection(demo) as conn:
        exported = conn.execute(
            "SELECT count(*) FROM audit_event WHERE action = 'export' AND table_name = 'published_report'"
        ).fetchone()[0]
    assert exported == 1


def test_a_command_process_passes_on_all_its_output_and_its_exit_code(demo: Path, tmp_path: Path) -> None:
    """Output still in Python's buffers when a command ends is written before the process
    ends at once, through a pipe as to a terminal; a failing command's code is kept."""
    env = env_for(tmp_path / "home")
    argv = [sys.executable, "-m", "coprod", "--db", str(demo), "lag", "--as-of", "2026-06-30"]
    result = subprocess.run([*argv, "--format", "json"], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    code, out, _ = run("--db", str(demo), "lag", "--as-of", "2026-06-30", "--format", "json")
    assert code == 0 and json.loads(result.stdout) == json.loads(out) and len(json.loads(out)) > 10
    missing = subprocess.run(
        [*argv[:3], "--db", str(tmp_path / "nowhere.db"), "lag"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert missing.returncode == ExitCode.ERROR
    assert "There is no file at" in one_line(missing.stderr)


def test_a_command_without_a_console_does_its_work_and_exits_0(demo: Path, tmp_path: Path) -> None:
    """Windows starts the build without a console (`coprodw`) for a scheduled task with no
    standard streams at all: the report is written, and the exit code says it went well."""
    report = tmp_path / "review.html"
    script = (
        "import sys\n"
        "from coprod.app import main\n"
        f"sys.argv = ['coprod', '--db', {str(demo)!r}, 'report', 'review', '--out', {str(report)!r}]\n"
        "sys.stdout = sys.stderr = None\n"
        "main()\n"
    )
    result = run_python(script, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == result.stderr == ""
    assert "Review pack" in report.read_text(encoding="utf-8")
