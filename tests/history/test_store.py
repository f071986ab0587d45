"""The history file: recorded as sessions happen, and kept whatever happens to the file."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from stretchtui.history import SCHEMA_VERSION, open_store
from stretchtui.history.queries import HistoryUnreadable
from stretchtui.history.schema import migrate
from stretchtui.kinds import SegmentKind
from stretchtui.records import CheckIn, Feeling

from .helpers import REPO, ROUTINES, record_session, remount_readonly, tmpfs

PARIS = timezone(timedelta(hours=1))
MORNING = datetime(2026, 3, 4, 8, 0, tzinfo=PARIS)


def test_empty_file_is_migrated_to_the_current_schema(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.touch()
    store = open_store(path)
    store.close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"sessions", "segments", "routines", "steps"} <= tables
    assert "session_areas" not in tables
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_session_row_is_written_when_it_starts_and_grows_per_segment(tmp_path: Path) -> None:
    store = open_store(tmp_path / "history.sqlite3")
    from stretchtui.clock import FakeClock
    from stretchtui.plan import build_plan
    from stretchtui.routines import load_routine
    from stretchtui.session import Session

    plan = build_plan(load_routine(ROUTINES / "beginner.yaml", "beginner"))
    clock = FakeClock(0.0)
    session = Session(
        plan, clock, wall=lambda: MORNING + timedelta(seconds=clock.now), observers=[store]
    )
    session.start()
    store.flush()
    [row] = store.sessions()
    assert row.status == "in_progress"
    assert row.routine_id == "beginner" and row.level == "beginner"
    assert row.routine_digest == plan.routine.digest
    assert row.started == MORNING and row.started.utcoffset() == timedelta(hours=1)
    for done in (1, 2, 3):
        clock.advance(session.remaining)
        session.update()
        detail = store.session_detail(session.session_id)
        assert detail is not None and len(detail.segments) == done
    assert store.sessions()[0].active_seconds == sum(s.duration for s in plan.segments[:3])
    store.close()


def test_finished_session_keeps_done_skipped_and_paused_apart(tmp_path: Path) -> None:
    store = open_store(tmp_path / "history.sqlite3")
    session = record_session(
        store, "beginner", MORNING, complete=False, skip_first=True, pause_seconds=7
    )
    detail = store.session_detail(session.session_id)
    assert detail is not None
    assert detail.session.status == "ended_early"
    skipped = [s for s in detail.segments if s.skipped]
    done = [s for s in detail.segments if not s.skipped]
    assert skipped[0].name == "March in place" and skipped[0].active_seconds == 1
    assert done and all(s.active_seconds == s.planned_seconds for s in done)
    # The pause is its own time: on the segment it happened in and on the session, never
    # counted as stretching.
    assert [s.paused_seconds for s in detail.segments] == [0, 7, 0]
    assert detail.session.paused_seconds == 7
    assert detail.session.active_seconds == sum(s.active_seconds for s in detail.segments)
    assert detail.session.ended is not None
    assert detail.session.ended - detail.session.started == timedelta(
        seconds=detail.session.active_seconds + detail.session.paused_seconds
    )
    [row] = store.sessions()
    assert row.paused_seconds == 7
    store.close()


def test_checkin_answers_are_stored(tmp_path: Path) -> None:
    store = open_store(tmp_path / "history.sqlite3")
    checkin = CheckIn(Feeling.WORSE, warning_signs=True)
    session = record_session(store, "desk-coffee-break", MORNING, checkin=checkin)
    row = store.sessions()[0]
    assert (row.id, row.feeling, row.warning_signs) == (session.session_id, Feeling.WORSE, True)
    store.close()


def test_history_survives_closing_and_reopening(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    store = open_store(path)
    record_session(store, "desk-coffee-break", MORNING)
    store.close()
    again = open_store(path)
    assert [row.status for row in again.sessions()] == ["completed"]
    assert again.warning is None
    again.close()


def test_corrupt_file_is_moved_aside_and_a_fresh_history_started(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"these are my notes, not a database\n" * 200)
    store = open_store(path, now=datetime(2026, 3, 4, 9, 30, tzinfo=UTC))
    assert store.warning is not None
    assert "history.sqlite3.broken-20260304-093000" in store.warning
    moved = tmp_path / "history.sqlite3.broken-20260304-093000"
    assert moved.read_bytes().startswith(b"these are my notes")
    record_session(store, "desk-coffee-break", MORNING)
    assert len(store.sessions()) == 1
    store.close()
    assert sqlite3.connect(path).execute("SELECT count(*) FROM sessions").fetchone()[0] == 1


def test_newer_history_file_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    store = open_store(path)
    record_session(store, "desk-coffee-break", MORNING)
    store.close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    before = path.read_bytes()
    newer = open_store(path)
    assert newer.warning is not None and "newer stretchtui" in newer.warning
    assert "left untouched" in newer.warning
    assert len(newer.sessions()) == 1, "what could be read is still shown"
    record_session(newer, "desk-coffee-break", MORNING + timedelta(days=1))
    assert len(newer.sessions()) == 2, "this run's session is kept in memory"
    newer.close()
    assert path.read_bytes() == before


def test_read_only_data_dir_runs_the_session_with_one_warning(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro", "size=4m") as data:
        store = open_store(data / "history.sqlite3")
        record_session(store, "desk-coffee-break", MORNING)
        store.close()
        remount_readonly(data)
        readonly = open_store(data / "history.sqlite3")
        assert readonly.warning is not None and "read-only" in readonly.warning
        assert len(readonly.sessions()) == 1
        record_session(readonly, "beginner", MORNING + timedelta(days=1))
        assert [row.routine_id for row in readonly.sessions()] == ["beginner", "desk-coffee-break"]
        readonly.close()


def test_empty_read_only_data_dir_still_records_in_memory(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro", "ro,size=1m") as data:
        store = open_store(data / "history.sqlite3")
        assert store.warning is not None and "will not be saved" in store.warning
        record_session(store, "desk-coffee-break", MORNING)
        assert len(store.sessions()) == 1
        store.close()


def fill(path: Path) -> None:
    """Write zeros until the file system has no room left."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)


def test_full_disk_warns_once_and_the_session_goes_on(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "full", "size=512k") as data:
        store = open_store(data / "history.sqlite3")
        at_open = store.warning
        assert at_open is None
        fill(data / "filler")
        for day in range(5):
            session = record_session(store, "beginner", MORNING + timedelta(days=day))
            assert session.is_finished
        warning = store.warning  # set by the writer thread while the sessions ran
        assert warning is not None and "disk is full" in warning
        assert warning.count("\n") == 0
        store.close()


def test_data_dir_that_cannot_be_created_keeps_the_session_in_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    store = open_store(blocker / "data" / "history.sqlite3")
    assert store.warning is not None and "Cannot create the data folder" in store.warning
    record_session(store, "desk-coffee-break", MORNING)
    assert len(store.sessions()) == 1
    store.close()


def test_damage_found_while_reading_is_reported_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    store = open_store(path)
    for day in range(40):
        record_session(store, "beginner", MORNING + timedelta(days=day))
    store.close()
    raw = bytearray(path.read_bytes())
    page = 4096
    for offset in range(3 * page, len(raw) - page, page):
        raw[offset : offset + 64] = b"\xff" * 64
    path.write_bytes(bytes(raw))
    damaged = open_store(path)
    try:
        damaged.sessions(limit=None)
        damaged.day_totals()
        damaged.area_totals()
    except HistoryUnreadable as error:
        assert "cannot read the history file" in str(error)
    else:
        assert damaged.warning is not None, "damage must be noticed somewhere"
    damaged.close()


_WRITER = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timedelta, timezone
    from pathlib import Path
    sys.path.insert(0, sys.argv[3])
    from history.helpers import record_session
    from stretchtui.history import open_store

    store = open_store(Path(sys.argv[1]))
    start = datetime(2026, 3, 4, 8, 0, tzinfo=timezone.utc)
    for n in range(int(sys.argv[2])):
        record_session(store, "desk-coffee-break", start + timedelta(minutes=n))
    store.close()
    print(store.warning or "ok")
    """
)


def test_two_processes_record_into_one_history_at_once(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    tests_dir = str(REPO / "tests")
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(path), "40", tests_dir],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [writer.communicate(timeout=120) for writer in writers]
    assert [out.strip() for out, _ in outputs] == ["ok", "ok"], outputs
    store = open_store(path)
    rows = store.sessions(limit=None)
    assert len(rows) == 80 and all(row.status == "completed" for row in rows)
    assert all(len(store.session_detail(row.id).segments) == 2 for row in rows)  # type: ignore[union-attr]
    store.close()


_KILLED = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from stretchtui.clock import FakeClock
    from stretchtui.history import open_store
    from stretchtui.plan import build_plan
    from stretchtui.routines import load_routine
    from stretchtui.session import Session

    class Announce:
        def session_started(self, info):
            pass
        def segment_ended(self, run):
            print("ended", run.segment.name, flush=True)
            sys.stdin.readline()
        def session_ended(self, result):
            pass

    store = open_store(Path(sys.argv[1]))
    plan = build_plan(load_routine(Path(sys.argv[2]), "beginner"))
    clock = FakeClock(0.0)
    # The store is told first: when Announce hears of a segment, the store has it.
    session = Session(plan, clock, observers=[store, Announce()])
    session.start()
    while not session.is_finished:
        clock.advance(session.remaining)
        session.update()
    """
)


def test_kill_9_mid_session_keeps_every_finished_segment(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    child = subprocess.Popen(
        [sys.executable, "-c", _KILLED, str(path), str(ROUTINES / "beginner.yaml")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None and child.stdout is not None
    names = []
    for _ in range(4):
        names.append(child.stdout.readline().split(" ", 1)[1].strip())
        if len(names) < 4:
            child.stdin.write("\n")
            child.stdin.flush()
    child.kill()  # SIGKILL: no atexit, no close(), no flush
    child.wait(timeout=10)

    store = open_store(path)
    [row] = store.sessions()
    assert row.status == "interrupted"
    detail = store.session_detail(row.id)
    assert detail is not None
    recorded = [segment.name for segment in detail.segments]
    # At most the segment being handed over at the moment of the kill may be missing.
    assert recorded in (names, names[:-1])
    assert row.ended is not None and row.ended >= row.started
    assert row.active_seconds == sum(segment.active_seconds for segment in detail.segments)
    store.close()
    assert kept_totals(path)[:2] == raw_totals(path)[:2]
    assert kept_totals(path)[1][0][4] == 1, "the level's totals count one interrupted session"


def test_a_session_still_running_elsewhere_is_not_marked_interrupted(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    running = open_store(path)
    from stretchtui.clock import FakeClock
    from stretchtui.plan import build_plan
    from stretchtui.routines import load_routine
    from stretchtui.session import Session

    plan = build_plan(load_routine(ROUTINES / "beginner.yaml", "beginner"))
    session = Session(plan, FakeClock(), observers=[running])
    session.start()
    running.flush()
    other = open_store(path)  # a second terminal opening the same history
    other.flush()
    assert [row.status for row in other.sessions()] == ["in_progress"]
    other.close()
    running.close()


def raw_totals(
    path: Path,
) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]], dict[str, float]]:
    """The totals recomputed from the session rows themselves (previews count in none)."""
    db = sqlite3.connect(path)
    days = db.execute(
        "SELECT local_date, count(*), sum(status = 'completed'), round(sum(active_seconds), 6) "
        "FROM session_rows WHERE status != 'preview' GROUP BY local_date ORDER BY local_date"
    ).fetchall()
    levels = db.execute(
        "SELECT level, count(*), sum(status = 'completed'), sum(status = 'ended_early'), "
        "sum(status = 'interrupted'), round(sum(active_seconds), 6), "
        "min(CASE WHEN status = 'completed' THEN local_date END), "
        "max(CASE WHEN status = 'completed' THEN local_date END) "
        "FROM session_rows WHERE status != 'preview' GROUP BY level ORDER BY level"
    ).fetchall()
    areas: dict[str, float] = {}
    for kind, names, active in db.execute(
        "SELECT t.kind, t.areas, g.active_ms FROM segments g JOIN steps t ON t.key = g.step "
        "JOIN sessions s ON s.key = g.session WHERE s.status != 'preview'"
    ):
        if SegmentKind(kind).is_work and active > 0:
            for area in filter(None, names.split(",")):
                areas[area] = areas.get(area, 0.0) + active / 1000
    db.close()
    return days, levels, areas


def kept_totals(
    path: Path,
) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]], dict[str, float]]:
    db = sqlite3.connect(path)
    days = db.execute(
        "SELECT local_date, sessions, completed, round(active_seconds, 6) FROM day_totals "
        "ORDER BY local_date"
    ).fetchall()
    levels = db.execute(
        "SELECT level, sessions, completed, ended_early, interrupted, round(active_seconds, 6), "
        "first_completed, last_completed FROM level_totals ORDER BY level"
    ).fetchall()
    areas = dict(db.execute("SELECT area, seconds FROM area_totals"))
    db.close()
    return days, levels, areas


def test_running_totals_match_the_rows_they_sum(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    store = open_store(path)
    for day in range(6):
        moment = MORNING + timedelta(days=day, hours=day * 3)
        record_session(store, ("beginner", "desk-midday")[day % 2], moment, complete=day != 3)
    record_session(store, "intermediate", MORNING + timedelta(days=1), skip_first=True)
    store.close()
    days, levels, areas = kept_totals(path)
    assert (days, levels) == raw_totals(path)[:2]
    assert areas == pytest.approx(raw_totals(path)[2])


def test_version_1_file_is_migrated_with_its_totals_filled_in(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    db = sqlite3.connect(path, isolation_level=None)
    migrate(db, target=1)
    db.execute(
        "INSERT INTO sessions (id, routine_id, routine_name, level, routine_digest, started_utc, "
        "utc_offset_min, local_date, ended_utc, planned_seconds, active_seconds, status) VALUES "
        "('a', 'beginner', 'Beginner', 'beginner', '', '2026-03-01T07:00:00.000000Z', 60, "
        "'2026-03-01', '2026-03-01T07:15:00.000000Z', 900, 900, 'completed'), "
        "('b', 'desk-midday', 'Mid-day', 'desk', '', '2026-03-02T23:30:00.000000Z', 60, "
        "'2026-03-03', '2026-03-02T23:31:00.000000Z', 40, 12, 'ended_early')"
    )
    db.execute("INSERT INTO session_areas VALUES ('a', 'lower', 300), ('b', 'upper', 12)")
    db.close()
    store = open_store(path)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert [(d.day.isoformat(), d.sessions, d.completed) for d in store.day_totals()] == [
        ("2026-03-01", 1, 1),
        ("2026-03-03", 1, 0),
    ]
    assert store.status_counts() == {"completed": 1, "ended_early": 1}
    assert store.area_totals() == {"lower": 300.0, "upper": 12.0}
    record_session(store, "beginner", MORNING)
    assert store.status_counts() == {"completed": 2, "ended_early": 1}
    store.close()


def test_a_session_given_up_elsewhere_that_then_finishes_counts_as_finished(
    tmp_path: Path,
) -> None:
    from stretchtui.clock import FakeClock
    from stretchtui.plan import build_plan
    from stretchtui.routines import load_routine
    from stretchtui.session import Session

    path = tmp_path / "history.sqlite3"
    running = open_store(path)
    plan = build_plan(load_routine(ROUTINES / "desk-coffee-break.yaml", "desk-coffee-break"))
    clock = FakeClock(0.0)
    started = datetime(2026, 3, 1, 8, 0, tzinfo=PARIS)
    session = Session(
        plan, clock, wall=lambda: started + timedelta(seconds=clock.now), observers=[running]
    )
    session.start()
    running.flush()
    # Seen from a machine sharing the file, a day-old session in progress is given up.
    sqlite3.connect(path, isolation_level=None).execute("UPDATE sessions SET host = 'elsewhere'")
    other = open_store(path)
    other.flush()
    assert other.status_counts() == {"interrupted": 1}
    other.close()
    while not session.is_finished:
        clock.advance(session.remaining)
        session.update()
    running.flush()
    assert running.status_counts() == {"completed": 1}
    running.close()
    assert kept_totals(path)[:2] == raw_totals(path)[:2]


def test_a_folder_where_the_history_file_should_be_is_reported(tmp_path: Path) -> None:
    (tmp_path / "history.sqlite3").mkdir()
    store = open_store(tmp_path / "history.sqlite3")
    assert store.warning is not None
    assert "cannot be opened as a file" in store.warning
    record_session(store, "desk-coffee-break", MORNING)
    assert len(store.sessions()) == 1
    store.close()


class _BusyThenWal:
    """A connection whose first two journal-mode switches meet another opener's lock."""

    def __init__(self, busy_times: int) -> None:
        self.busy_times = busy_times
        self.calls = 0

    def execute(self, sql: str) -> sqlite3.Cursor:
        self.calls += 1
        if self.calls <= self.busy_times:
            error = sqlite3.OperationalError("database is locked")
            error.sqlite_errorname = "SQLITE_BUSY"
            raise error
        return sqlite3.connect(":memory:").execute("SELECT 'wal'")


def test_switching_a_fresh_file_to_wal_waits_out_another_opener() -> None:
    from stretchtui.history.opening import enable_wal

    connection = _BusyThenWal(busy_times=2)
    enable_wal(connection)  # type: ignore[arg-type]
    assert connection.calls == 3
