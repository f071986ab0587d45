"""Reminders in the history: the migration, adherence in stats and Progress, and the state a
finished session leaves for `status` and `remind`."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import platformdirs
import pytest
from textual.app import App
from textual.widgets import Static

from stretchtui.catalog import load_catalog
from stretchtui.cli import main
from stretchtui.clock import FakeClock
from stretchtui.config import StreakMode
from stretchtui.entry import linux_data_dir
from stretchtui.history import SCHEMA_VERSION, HistoryStore, open_store
from stretchtui.history.reminder_log import ReminderLog, adherence_summary, weekly_adherence
from stretchtui.history.schema import migrate
from stretchtui.history.stats import compute_stats
from stretchtui.paths import bundled_routines_dir
from stretchtui.reminders.session_state import SessionStateHook
from stretchtui.reminders.state import SESSIONS_FILE, read_state, state_file
from stretchtui.services import open_services
from stretchtui.session import Session
from stretchtui.tui.screens.progress import ProgressScreen

ZONE = timezone(timedelta(hours=1))
MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=ZONE)


def run_session(
    store: HistoryStore,
    started: datetime,
    data_dir: Path | None = None,
    routine: str = "desk-midday",
) -> None:
    entry = load_catalog(bundled_routines_dir(), None).get(routine)
    assert entry is not None and entry.plan is not None
    clock = FakeClock(0.0)
    observers: list[object] = [store]
    if data_dir is not None:
        observers.append(SessionStateHook(store, str(data_dir), StreakMode.DAILY))
    session = Session(
        entry.plan,
        clock,
        wall=lambda: started + timedelta(seconds=clock.now),
        observers=observers,  # type: ignore[arg-type]
    )
    session.start()
    while not session.is_finished:
        clock.advance(session.remaining)
        session.update()
    store.flush()


def test_a_version_2_history_gains_the_reminders_table(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    db = sqlite3.connect(path, isolation_level=None)
    migrate(db, target=2)
    db.close()
    store = open_store(path)
    store.close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 3
    columns = [row[1] for row in db.execute("PRAGMA table_info(reminders)")]
    assert columns[:3] == ["id", "shown_utc", "utc_offset_min"] and "outcome" in columns


def test_adherence_counts_reminders_followed_within_ten_minutes_per_week(tmp_path: Path) -> None:
    store = open_store(tmp_path / "history.sqlite3")
    log = ReminderLog(store)
    # Week of 16 Nov: one followed after 4 minutes, one followed only after 11.
    log.shown("a", MONDAY - timedelta(days=7), "desk-midday")
    run_session(store, MONDAY - timedelta(days=7) + timedelta(minutes=4))
    log.answered("a", "started", MONDAY - timedelta(days=7))
    log.shown("b", MONDAY - timedelta(days=6), "desk-midday")
    run_session(store, MONDAY - timedelta(days=6) + timedelta(minutes=11))
    # Week of 23 Nov: one snoozed (not counted) then shown again and followed; one skipped.
    log.shown("c", MONDAY, "desk-evening")
    log.answered("c", "snoozed", MONDAY)
    log.shown("d", MONDAY + timedelta(minutes=10), "desk-evening")
    run_session(store, MONDAY + timedelta(minutes=12))
    log.shown("e", MONDAY + timedelta(hours=3), None)
    log.answered("e", "skipped", MONDAY + timedelta(hours=3))
    weeks = weekly_adherence(store, (date(2026, 11, 16), date(2026, 11, 23)))
    assert [(w.reminded, w.followed) for w in weeks] == [(2, 1), (2, 1)]
    assert adherence_summary(weeks) == "this week 1 of 2 · 2 weeks 2 of 4 (50%)"
    stats = compute_stats(store, StreakMode.DAILY, date(2026, 11, 25), weeks=2)
    assert [(w.reminded, w.followed) for w in stats.adherence] == [(2, 1), (2, 1)]
    store.close()


def test_stats_shows_adherence_once_there_are_reminders(
    isolated_dirs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    store = open_store(isolated_dirs["data"] / "history.sqlite3")
    now = datetime.now().astimezone()
    ReminderLog(store).shown("x", now - timedelta(minutes=5), "desk-midday")
    run_session(store, now - timedelta(minutes=3))
    store.close()
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    assert "Reminders followed by a session within 10 min: this week 1 of 1 · 12 weeks" in out
    assert main(["stats", "--json"]) == 0
    weeks = json.loads(capsys.readouterr().out)["reminder_adherence"]
    assert len(weeks) == 12 and weeks[-1]["reminded"] == 1 and weeks[-1]["followed"] == 1


def test_stats_without_reminders_says_nothing_of_them(
    isolated_dirs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats"]) == 0
    assert "Reminders" not in capsys.readouterr().out


class ProgressApp(App[None]):
    def __init__(self, store: HistoryStore) -> None:
        super().__init__()
        self.store = store

    def on_mount(self) -> None:
        self.push_screen(ProgressScreen(self.store, today=lambda: date(2026, 11, 25)))


async def test_progress_screen_shows_adherence_only_with_reminders(tmp_path: Path) -> None:
    store = open_store(tmp_path / "history.sqlite3")
    run_session(store, MONDAY)
    app = ProgressApp(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        line = app.screen.query_one("#adherence", Static)
        assert not line.display
    ReminderLog(store).shown("r", MONDAY - timedelta(minutes=2), "desk-midday")
    app = ProgressApp(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        line = app.screen.query_one("#adherence", Static)
        assert line.display
        assert str(line.render()) == (
            "Reminders followed within 10 min: this week 1 of 1 · 12 weeks 1 of 1 (100%)"
        )
    store.close()


def test_finished_session_writes_todays_minutes_and_streak(tmp_path: Path) -> None:
    store = open_store(tmp_path / "history.sqlite3")
    data = tmp_path / "data"
    run_session(store, MONDAY - timedelta(days=1), data)
    run_session(store, MONDAY, data)
    state = read_state(state_file(data, SESSIONS_FILE))
    assert state["date"] == "2026-11-23"
    assert 0.5 < float(state["minutes"]) < 1.0  # one 38 s session today
    assert state["streak"] == "2" and state["streak_alive_until"] == "2026-11-24"
    assert datetime.fromisoformat(state["last_finished"]) > MONDAY
    store.close()


def test_previews_do_not_touch_the_status_state(isolated_dirs: dict[str, Path]) -> None:
    from stretchtui.paths import resolve_paths

    paths = resolve_paths()
    preview = open_services(paths, sound=False, speed=10.0)
    real = open_services(paths, sound=False)
    try:
        assert preview.observers == [preview.store]
        assert len(real.observers) == 2 and isinstance(real.observers[1], SessionStateHook)
    finally:
        preview.close()
        real.close()


def test_quick_status_finds_the_same_data_folder_as_platformdirs(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for xdg in ("", str(tmp_path / "xdg")):
        monkeypatch.setenv("XDG_DATA_HOME", xdg)
        expected = platformdirs.user_data_dir("stretchtui")
        assert linux_data_dir({"XDG_DATA_HOME": xdg}) == expected


def test_a_running_session_is_marked_and_cleared(tmp_path: Path) -> None:
    store = open_store(tmp_path / "history.sqlite3")
    data = tmp_path / "data"
    hook = SessionStateHook(store, str(data), StreakMode.DAILY)
    entry = load_catalog(bundled_routines_dir(), None).get("desk-midday")
    assert entry is not None and entry.plan is not None
    clock = FakeClock(0.0)
    session = Session(entry.plan, clock, wall=lambda: MONDAY, observers=[store, hook])
    session.start()
    state = read_state(state_file(data, SESSIONS_FILE))
    assert state["running_since"] == MONDAY.isoformat()
    assert state["running_pid"] == str(os.getpid())
    clock.advance(5)
    session.update()
    session.end()
    store.flush()
    state = read_state(state_file(data, SESSIONS_FILE))
    assert "running_since" not in state and "running_pid" not in state
    assert "last_finished" in state  # ended early still counts as a break
    store.close()
