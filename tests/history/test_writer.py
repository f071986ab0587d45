"""The writer thread: a failed or stuck write is told once and never stops or hangs the program."""

from __future__ import annotations

import dataclasses
import os
import queue
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import IO

import pytest

from stretchtui.clock import FakeClock
from stretchtui.history import HistoryStore, open_store
from stretchtui.history import store as store_module
from stretchtui.history.jobs import Job, segment_job
from stretchtui.plan import build_plan
from stretchtui.records import SegmentRun
from stretchtui.routines import load_routine
from stretchtui.session import Session

from .helpers import REPO, ROUTINES, record_session

MORNING = datetime(2026, 3, 4, 8, 0, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    opened = open_store(tmp_path / "history.sqlite3")
    yield opened
    opened.close()


def failing_first_segment(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    """Make the job of the first segment to end raise `error` inside the writer thread."""
    real = segment_job
    failed: list[bool] = []

    def failing(session_id: str, seq: int, run: SegmentRun) -> Job:
        job = real(session_id, seq, run)

        def write(db: sqlite3.Connection) -> None:
            if not failed:
                failed.append(True)
                raise error
            job(db)

        return write

    monkeypatch.setattr(store_module, "segment_job", failing)


def test_a_write_failing_with_any_exception_is_told_once_and_the_rest_is_kept(
    store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    failing_first_segment(monkeypatch, ValueError("no such thing"))
    session = record_session(store, "beginner", MORNING)
    assert session.is_finished and session.result is not None  # the session has its record
    assert store.warning == (
        f"Could not write {store.path} (unexpected ValueError: no such thing); "
        "this session may be missing from it."
    )
    [row] = store.sessions()
    assert row.status == "completed"
    detail = store.session_detail(row.id)
    assert detail is not None
    assert len(detail.segments) == len(session.result.runs) - 1  # only the failed one is lost
    # A second failure has the same cause: still one line, the first one.
    failing_first_segment(monkeypatch, RuntimeError("again"))
    record_session(store, "beginner", MORNING + timedelta(days=1))
    assert store.warning is not None and "ValueError" in store.warning
    assert "again" not in store.warning


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_a_writer_thread_that_dies_makes_nobody_wait(
    store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # SystemExit gets past any `except Exception`: the thread ends.
    failing_first_segment(monkeypatch, SystemExit(3))
    started = time.monotonic()
    for day in range(3):
        session = record_session(store, "beginner", MORNING + timedelta(days=day))
        assert session.is_finished
    store.sessions()
    store.close()
    assert time.monotonic() - started < 1.5
    assert store.warning is not None
    assert store.warning.endswith("(its writer stopped); this session may be missing from it.")


def test_a_stuck_write_holds_up_neither_the_session_nor_closing(
    store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    real = segment_job

    def stuck(session_id: str, seq: int, run: SegmentRun) -> Job:
        job = real(session_id, seq, run)

        def write(db: sqlite3.Connection) -> None:
            release.wait(30)  # a hung network file system, say
            job(db)

        return write

    monkeypatch.setattr(store_module, "segment_job", stuck)
    try:
        started = time.monotonic()
        session = record_session(store, "desk-coffee-break", MORNING)
        assert session.is_finished
        # The first event after the stuck write waits a bounded while for it; after that
        # nothing waits on it again (a stuck write costs one wait, not one per event).
        assert time.monotonic() - started < 1.5
        reading = time.monotonic()
        for _ in range(10):
            store.sessions()  # reads what is there without waiting
        assert time.monotonic() - reading < 0.5
        closing = time.monotonic()
        store.close()
        assert time.monotonic() - closing < 1.5
        assert store.warning is not None and "(writing it took too long)" in store.warning
    finally:
        release.set()


def test_text_sqlite_cannot_keep_is_stored_with_a_stand_in(store: HistoryStore) -> None:
    routine = load_routine(ROUTINES / "desk-coffee-break.yaml", "desk-coffee-break")
    step = dataclasses.replace(routine.steps[0], name="Ne\udcffck roll")
    routine = dataclasses.replace(
        routine,
        id="c\ud83d",
        name="a\ud800b",
        steps=(step, *routine.steps[1:]),
        path=Path("/tmp/r\udcff.yaml"),  # a file name that was not UTF-8
    )
    plan = build_plan(routine)
    clock = FakeClock(0.0)
    session = Session(plan, clock, wall=lambda: MORNING, observers=[store])
    session.start()
    while not session.is_finished:
        clock.advance(session.remaining)
        session.update()
    store.flush()
    assert store.warning is None
    [row] = store.sessions()
    assert (row.routine_name, row.routine_id, row.status) == ("a\ufffdb", "c\ufffd", "completed")
    detail = store.session_detail(row.id)
    assert detail is not None and len(detail.segments) == len(plan.segments)
    assert "Ne\ufffdck roll" in {segment.name for segment in detail.segments}


_FAILING_RUN = textwrap.dedent(
    """
    import sys
    import threading
    from stretchtui.history import store

    real = store.segment_job

    def segment_job(session_id, seq, run):
        def write(db):
            if sys.argv[2] == "stuck":
                threading.Event().wait()  # a hung network file system, say
            raise UnicodeEncodeError("utf-8", "a\\ud800b", 1, 2, "surrogates not allowed")
        return write

    store.segment_job = segment_job
    from stretchtui.cli import main
    sys.exit(main(["run", sys.argv[1], "--plain", "--no-sound"]))
    """
)

ONE_LONG_STRETCH = """\
name: Failing writes
level: beginner
rounds: 1
defaults: {prepare: 1s, rest: 1s}
steps:
  - {name: Short one, how: x, areas: [lower], hold: 1s}
  - {name: Long one, how: x, areas: [lower], hold: 10m}
"""


def _read_into(stream: IO[str], lines: queue.Queue[str]) -> None:
    for line in stream:
        lines.put(line)


def run_then_sigterm(tmp_path: Path, mode: str) -> tuple[float, int, str, str]:
    """Run a routine in plain mode with every segment write failing (or stuck), SIGTERM it
    once the long stretch is on; how long it took to end, its exit code, stdout and stderr."""
    routine = tmp_path / "failing.yaml"
    routine.write_text(ONE_LONG_STRETCH)
    env = dict(
        os.environ,
        STRETCHTUI_CONFIG_DIR=str(tmp_path / "config"),
        STRETCHTUI_DATA_DIR=str(tmp_path / "data"),
        PYTHONPATH=str(REPO / "src"),
    )
    child = subprocess.Popen(
        [sys.executable, "-c", _FAILING_RUN, str(routine), mode],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout is not None and child.stderr is not None
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=_read_into, args=(child.stdout, lines), daemon=True)
    reader.start()
    try:
        # Wait until the long stretch has begun: by then three segment writes have failed.
        seen: list[str] = []
        while not any("Long one" in line for line in seen):
            seen.append(lines.get(timeout=30))
        child.send_signal(signal.SIGTERM)
        sent = time.monotonic()
        child.wait(timeout=10)
        took = time.monotonic() - sent
    finally:
        child.kill()
        child.wait()
    reader.join(timeout=5)
    errors = child.stderr.read()
    rest = "".join(lines.get_nowait() for _ in range(lines.qsize()))
    assert child.returncode is not None
    return took, child.returncode, rest, errors


def test_writer_failure_then_sigterm_ends_the_process_within_2_seconds(tmp_path: Path) -> None:
    took, code, rest, errors = run_then_sigterm(tmp_path, "failing")
    assert took < 2.0
    assert code == 128 + signal.SIGTERM, errors
    assert "Traceback" not in errors
    history = tmp_path / "data" / "history.sqlite3"
    assert rest.splitlines()[-1] == (
        f"Note: Could not write {history} (unexpected UnicodeEncodeError: 'utf-8' codec can't "
        "encode character '\\ud800' in position 1: surrogates not allowed); "
        "this session may be missing from it."
    )
    # What could be written was: the session, ended early, without its segments.
    opened = open_store(history)
    [row] = opened.sessions()
    assert row.status == "ended_early"
    opened.close()


def test_a_stuck_writer_then_sigterm_ends_the_process_within_2_seconds(tmp_path: Path) -> None:
    took, code, rest, errors = run_then_sigterm(tmp_path, "stuck")
    assert took < 2.0
    assert code == 128 + signal.SIGTERM, errors
    assert "Traceback" not in errors
    history = tmp_path / "data" / "history.sqlite3"
    assert rest.splitlines()[-1] == (
        f"Note: Could not write {history} (writing it took too long); "
        "this session may be missing from it."
    )
    # The session's start was written; its end is stuck behind the hung write, so the
    # next run finds it abandoned and marks it interrupted.
    opened = open_store(history)
    [row] = opened.sessions()
    assert row.status == "interrupted"
    opened.close()
