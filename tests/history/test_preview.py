"""A run at --speed other than 1 is a preview: recorded as one, and counted nowhere."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from stretchtui.cli import main
from stretchtui.config import StreakMode
from stretchtui.history import HistoryStore, open_store
from stretchtui.history.advice import PROGRESS_SESSIONS, progress_note
from stretchtui.history.reminder_log import ReminderLog
from stretchtui.history.stats import compute_stats
from stretchtui.services import open_services
from stretchtui.tui.screens.history import status_text

from .helpers import ROUTINES, record_session

ZONE = timezone(timedelta(hours=2))
TODAY = date(2026, 3, 11)


def day(back: int, hour: int = 8) -> datetime:
    return datetime.combine(TODAY - timedelta(days=back), datetime.min.time(), ZONE).replace(
        hour=hour
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    opened = open_store(tmp_path / "history.sqlite3")
    yield opened
    opened.close()


def totals(path: Path) -> tuple[object, ...]:
    db = sqlite3.connect(path)
    kept = tuple(
        db.execute(f"SELECT * FROM {table}").fetchall()
        for table in ("day_totals", "level_totals", "area_totals")
    )
    db.close()
    return kept


def test_a_preview_is_recorded_as_one_with_what_it_ran(store: HistoryStore) -> None:
    store.previews = True
    finished = record_session(store, "beginner", day(0))
    early = record_session(store, "desk-coffee-break", day(0, 9), complete=False)
    rows = {row.id: row for row in store.sessions()}
    assert {row.status for row in rows.values()} == {"preview"}
    # However it ended, its record keeps what ran, on the preview's own clock.
    row = rows[finished.session_id]
    assert finished.result is not None
    assert row.active_seconds == finished.result.active_seconds > 0
    assert row.ended is not None and row.ended > row.started
    detail = store.session_detail(early.session_id)
    assert detail is not None and detail.session.status == "preview"
    assert len(detail.segments) == 2


def test_previews_count_in_no_streak_total_statistic_or_advice(store: HistoryStore) -> None:
    assert store.path is not None
    empty = totals(store.path)
    store.previews = True
    for back in range(PROGRESS_SESSIONS + 10):  # every day for weeks: an easy level, surely?
        record_session(store, "beginner", day(back))
    assert totals(store.path) == empty
    stats = compute_stats(store, StreakMode.DAILY, TODAY)
    assert (stats.streaks.current, stats.streaks.best) == (0, 0)
    assert (stats.sessions, stats.completed, stats.active_seconds) == (0, 0, 0)
    assert stats.levels == () and stats.areas == {}
    assert sum(stats.weekly_minutes) == 0
    assert all(cell.minutes == 0 for row in stats.heatmap for cell in row)
    assert stats.last_session is None
    assert progress_note(store, TODAY) is None
    # Real sessions beside them count exactly as they would alone.
    store.previews = False
    real = record_session(store, "beginner", day(1, 7))
    stats = compute_stats(store, StreakMode.DAILY, TODAY)
    assert (stats.sessions, stats.completed, stats.streaks.current) == (1, 1, 1)
    assert real.result is not None
    assert stats.active_seconds == real.result.active_seconds
    assert stats.last_session is not None and stats.last_session.id == real.session_id
    assert len(store.sessions(limit=None)) == PROGRESS_SESSIONS + 11  # the history shows all


def test_a_preview_is_no_reminder_followed(store: HistoryStore) -> None:
    log = ReminderLog(store)
    log.shown("r1", day(0, 10), None)
    store.previews = True
    record_session(store, "desk-coffee-break", day(0, 10) + timedelta(minutes=2))
    stats = compute_stats(store, StreakMode.DAILY, TODAY)
    this_week = stats.adherence[-1]
    assert (this_week.reminded, this_week.followed) == (1, 0)
    store.previews = False
    record_session(store, "desk-coffee-break", day(0, 10) + timedelta(minutes=4))
    this_week = compute_stats(store, StreakMode.DAILY, TODAY).adherence[-1]
    assert (this_week.reminded, this_week.followed) == (1, 1)


def test_services_at_another_speed_record_previews(isolated_dirs: dict[str, Path]) -> None:
    from stretchtui.paths import AppPaths

    paths = AppPaths(isolated_dirs["config"], isolated_dirs["data"])
    for speed, previews in ((1.0, False), (20.0, True), (0.5, True)):
        services = open_services(paths, sound=False, speed=speed)
        assert services.store.previews is previews
        services.close()


def test_run_at_speed_shows_in_history_and_nowhere_else(
    isolated_dirs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    routine = str(ROUTINES / "desk-coffee-break.yaml")
    assert main(["run", routine, "--plain", "--no-sound", "--speed", "50"]) == 0
    capsys.readouterr()
    assert main(["history", "--format", "json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["status"] == "preview" and row["active_seconds"] > 0
    assert main(["history"]) == 0
    assert "preview" in capsys.readouterr().out
    assert main(["stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["sessions"] == stats["completed"] == stats["current_streak"] == 0
    assert stats["active_minutes"] == 0 and stats["levels"] == {} and stats["areas"] == {}
    assert stats["last_session"] is None


def test_the_history_screen_names_a_preview() -> None:
    assert status_text("preview").plain == "preview"
    assert status_text("preview", compact=True).plain == "»"
