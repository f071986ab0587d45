"""Streaks and progress on a worked example: weekends, two time zones, a session across midnight."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stretchtui.config import StreakMode
from stretchtui.history import HistoryStore, open_store
from stretchtui.history.stats import Streaks, compute_stats, heatmap, streaks, weekly_minutes

from .helpers import record_session

PARIS = timezone(timedelta(hours=1))
NEW_YORK = timezone(timedelta(hours=-5))
TODAY = date(2026, 3, 11)  # a Wednesday


@pytest.fixture
def worked_example(tmp_path: Path) -> HistoryStore:
    """Two weeks of one person's sessions, part at home in Paris, part on a trip to New York."""
    store = open_store(tmp_path / "history.sqlite3")
    # Friday to Sunday two weeks ago: three days in a row, a weekend included.
    for day in (20, 21, 22):
        record_session(store, "desk-coffee-break", datetime(2026, 2, day, 12, 0, tzinfo=PARIS))
    # Thursday morning, then Friday late evening: that session runs past midnight into
    # Saturday but belongs to Friday, the day it started.
    record_session(store, "desk-coffee-break", datetime(2026, 3, 5, 8, 0, tzinfo=PARIS))
    record_session(store, "beginner", datetime(2026, 3, 6, 23, 50, tzinfo=PARIS))
    # Nothing on the weekend. Monday evening in New York is already Tuesday in UTC and Paris.
    record_session(store, "desk-coffee-break", datetime(2026, 3, 9, 20, 0, tzinfo=NEW_YORK))
    record_session(store, "desk-coffee-break", datetime(2026, 3, 10, 7, 0, tzinfo=NEW_YORK))
    # Today: one session stopped early, which does not count for a streak.
    record_session(
        store, "desk-coffee-break", datetime(2026, 3, 11, 7, 0, tzinfo=NEW_YORK), complete=False
    )
    return store


def test_session_across_midnight_counts_on_the_day_it_started(worked_example: HistoryStore) -> None:
    late = [row for row in worked_example.sessions() if row.routine_id == "beginner"]
    assert late[0].local_date == date(2026, 3, 6)
    assert late[0].ended is not None and late[0].ended.date() == date(2026, 3, 7)


def test_day_is_local_to_the_time_zone_the_session_started_in(
    worked_example: HistoryStore,
) -> None:
    days = [row.local_date for row in worked_example.sessions()]
    assert date(2026, 3, 9) in days, "Monday 20:00 in New York is Monday, not Tuesday"


def test_daily_streak_is_broken_by_the_empty_weekend(worked_example: HistoryStore) -> None:
    stats = compute_stats(worked_example, StreakMode.DAILY, TODAY)
    assert (stats.streaks.current, stats.streaks.best) == (2, 3)


def test_weekday_streak_steps_over_the_weekend(worked_example: HistoryStore) -> None:
    stats = compute_stats(worked_example, StreakMode.WEEKDAYS, TODAY)
    # Thu, Fri, Mon, Tue; weekend sessions (Feb 21-22) neither count nor break.
    assert (stats.streaks.current, stats.streaks.best) == (4, 4)


def test_streak_is_lost_only_once_a_day_is_over(worked_example: HistoryStore) -> None:
    thursday = compute_stats(worked_example, StreakMode.DAILY, date(2026, 3, 12))
    assert thursday.streaks.current == 0, "Wednesday ended with no completed session"


def test_totals_per_status_level_and_area(worked_example: HistoryStore) -> None:
    stats = compute_stats(worked_example, StreakMode.DAILY, TODAY)
    assert (stats.sessions, stats.completed, stats.status_counts["ended_early"]) == (8, 7, 1)
    levels = {total.level: total for total in stats.levels}
    assert (levels["desk"].sessions, levels["desk"].completed) == (7, 6)
    assert levels["beginner"].completed == 1
    # Six finished coffee breaks of a 30 s fold, the early-stopped one got no hold at all.
    assert stats.areas["hamstrings"] >= 6 * 30


def test_heatmap_has_seven_rows_of_twelve_weeks_ending_this_week() -> None:
    cells = heatmap({date(2026, 3, 10): 12.5, date(2025, 12, 1): 99.0}, TODAY)
    assert len(cells) == 7 and all(len(row) == 12 for row in cells)
    assert cells[0][-1].day == date(2026, 3, 9)  # Monday of this week, bottom right column
    assert cells[1][-1].minutes == 12.5
    assert cells[2][-1].future is False and cells[3][-1].future is True
    assert cells[0][0].day == date(2025, 12, 22)
    assert all(cell.minutes == 0 for row in cells for cell in row if cell.day != date(2026, 3, 10))


def test_weekly_minutes_sum_each_monday_to_sunday() -> None:
    starts, minutes = weekly_minutes(
        {date(2026, 3, 1): 5.0, date(2026, 2, 23): 2.0, date(2026, 3, 9): 4.0}, TODAY, weeks=3
    )
    assert starts == (date(2026, 2, 23), date(2026, 3, 2), date(2026, 3, 9))
    assert minutes == (7.0, 0.0, 4.0)


def test_weekend_today_in_weekday_mode_looks_back_to_friday() -> None:
    saturday = date(2026, 3, 14)
    friday_run = [date(2026, 3, 12), date(2026, 3, 13)]
    assert streaks(friday_run, saturday, StreakMode.WEEKDAYS).current == 2
    assert streaks(friday_run[:1], saturday, StreakMode.WEEKDAYS).current == 0


def test_no_sessions_means_no_streak(tmp_path: Path) -> None:
    store = open_store(tmp_path / "history.sqlite3")
    stats = compute_stats(store, StreakMode.DAILY, TODAY)
    assert (stats.streaks.current, stats.streaks.best, stats.sessions) == (0, 0, 0)
    assert stats.last_session is None
    store.close()


def walk_back_streaks(days: set[date], today: date, mode: StreakMode) -> Streaks:
    """The streak rules spelled out day by day, to check the fast version against."""

    def counted(day: date) -> bool:
        return mode is StreakMode.DAILY or day.weekday() < 5

    def earlier(day: date) -> date:
        day -= timedelta(days=1)
        while not counted(day):
            day -= timedelta(days=1)
        return day

    done = {day for day in days if counted(day)}
    best = 0
    for day in done:
        length, cursor = 0, day
        while cursor in done:
            length += 1
            cursor = earlier(cursor)
        best = max(best, length)
    cursor = today if counted(today) else earlier(today)
    if cursor == today and cursor not in done:
        cursor = earlier(cursor)
    current = 0
    while cursor in done:
        current += 1
        cursor = earlier(cursor)
    return Streaks(current, best)


@given(
    offsets=st.sets(st.integers(min_value=0, max_value=60), max_size=40),
    today_offset=st.integers(min_value=0, max_value=62),
    mode=st.sampled_from(list(StreakMode)),
)
def test_streaks_agree_with_walking_back_day_by_day(
    offsets: set[int], today_offset: int, mode: StreakMode
) -> None:
    origin = date(2026, 1, 1)
    days = {origin + timedelta(days=n) for n in offsets}
    today = origin + timedelta(days=today_offset)
    assert streaks(days, today, mode) == walk_back_streaks(days, today, mode)
