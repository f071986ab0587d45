"""Streak and week arithmetic over local days: which days count, runs of them, minutes per week.

Pure functions of dates, with nothing heavier than `datetime` imported: the Progress
screen (through `history.stats`), `status` and `stretchtui stats` (which must start in
about Python's own time) all count the same way through here. A streak mode is the
setting's value, `"daily"` or `"weekdays"` (`config.StreakMode` is a str enum of those).
"""

from __future__ import annotations

from datetime import date, timedelta

# Not `from typing import TYPE_CHECKING`: importing typing costs more than this whole
# module; mypy reads any name TYPE_CHECKING as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

HEATMAP_WEEKS = 12
DAILY = "daily"


def day_counts(day: date, mode: str) -> bool:
    """Whether `day` can make or break a streak: every day, or Monday to Friday."""
    return mode == DAILY or day.weekday() < 5


def _previous(day: date, mode: str) -> date:
    day -= timedelta(days=1)
    while not day_counts(day, mode):
        day -= timedelta(days=1)
    return day


def _position(day: date, mode: str) -> int:
    """A number that goes up by one from each counted day to the next (Friday to Monday, too)."""
    ordinal = day.toordinal()
    if mode == DAILY:
        return ordinal
    week, weekday = divmod(ordinal - 1, 7)  # ordinal 1 (1 Jan of year 1) was a Monday
    return week * 5 + weekday


def streak_runs(done_days: Iterable[date], today: date, mode: str) -> tuple[int, int]:
    """(current, best): runs of counted days with at least one completed session.

    The current streak ends today, or on the last counted day before it while
    today has no session yet: a day is not lost until it is over.
    """
    positions = sorted({_position(day, mode) for day in done_days if day_counts(day, mode)})
    best = run = 0
    before: int | None = None
    for position in positions:
        run = run + 1 if before is not None and position == before + 1 else 1
        best = max(best, run)
        before = position
    done = set(positions)
    cursor = today if day_counts(today, mode) else _previous(today, mode)
    if cursor == today and _position(today, mode) not in done:
        cursor = _previous(cursor, mode)
    current = 0
    point = _position(cursor, mode)
    while point in done:
        current += 1
        point -= 1
    return current, best


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly_minutes(
    minutes_by_day: dict[date, float], today: date, weeks: int = HEATMAP_WEEKS
) -> tuple[tuple[date, ...], tuple[float, ...]]:
    """The Monday of each of the last `weeks` weeks and the minutes stretched in each."""
    starts = tuple(week_start(today) - timedelta(weeks=back) for back in range(weeks - 1, -1, -1))
    totals = dict.fromkeys(starts, 0.0)
    for day, minutes in minutes_by_day.items():
        if starts and day >= starts[0]:
            start = week_start(day)
            if start in totals:
                totals[start] += minutes
    return starts, tuple(totals[start] for start in starts)
