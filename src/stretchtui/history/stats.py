"""Streaks, the calendar heatmap, minutes per week and totals: what the Progress screen shows.

A day is the local calendar day on which a session started, in the offset it
started in, so a session across midnight counts for the evening it began and a
trip abroad does not shift earlier days.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from stretchtui.config import StreakMode
from stretchtui.history.reminder_log import WeekAdherence, weekly_adherence
from stretchtui.history.rows import LevelTotal, SessionRow
from stretchtui.history.store import HistoryStore

HEATMAP_WEEKS = 12


@dataclass(frozen=True)
class Streaks:
    current: int
    best: int


@dataclass(frozen=True)
class HeatCell:
    day: date
    minutes: float
    future: bool


@dataclass(frozen=True)
class Stats:
    today: date
    mode: StreakMode
    streaks: Streaks
    status_counts: dict[str, int]
    active_seconds: float
    levels: tuple[LevelTotal, ...]
    areas: dict[str, float]
    week_starts: tuple[date, ...]
    weekly_minutes: tuple[float, ...]
    heatmap: tuple[tuple[HeatCell, ...], ...]  # 7 rows (Monday first) by one column per week
    last_session: SessionRow | None
    # Reminders shown and followed by a session within 10 minutes, per week of week_starts.
    adherence: tuple[WeekAdherence, ...] = ()

    @property
    def sessions(self) -> int:
        return sum(self.status_counts.values())

    @property
    def completed(self) -> int:
        return self.status_counts.get("completed", 0)


def day_counts(day: date, mode: StreakMode) -> bool:
    """Whether `day` can make or break a streak: every day, or Monday to Friday."""
    return mode is StreakMode.DAILY or day.weekday() < 5


def _previous(day: date, mode: StreakMode) -> date:
    day -= timedelta(days=1)
    while not day_counts(day, mode):
        day -= timedelta(days=1)
    return day


def _position(day: date, mode: StreakMode) -> int:
    """A number that goes up by one from each counted day to the next (Friday to Monday, too)."""
    ordinal = day.toordinal()
    if mode is StreakMode.DAILY:
        return ordinal
    week, weekday = divmod(ordinal - 1, 7)  # ordinal 1 (1 Jan of year 1) was a Monday
    return week * 5 + weekday


def streaks(done_days: Iterable[date], today: date, mode: StreakMode) -> Streaks:
    """Current and best runs of counted days with at least one completed session.

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
    return Streaks(current, best)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def heatmap(
    minutes_by_day: dict[date, float], today: date, weeks: int = HEATMAP_WEEKS
) -> tuple[tuple[HeatCell, ...], ...]:
    """Seven rows (Monday to Sunday) of `weeks` columns; the last column holds today."""
    first = week_start(today) - timedelta(weeks=weeks - 1)
    return tuple(
        tuple(
            HeatCell(
                day := first + timedelta(weeks=column, days=row),
                minutes_by_day.get(day, 0.0),
                day > today,
            )
            for column in range(weeks)
        )
        for row in range(7)
    )


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


def compute_stats(
    store: HistoryStore, mode: StreakMode, today: date, weeks: int = HEATMAP_WEEKS
) -> Stats:
    """Everything the Progress screen and `stretchtui stats` show, from a handful of queries."""
    days = store.day_totals()
    minutes = {total.day: total.active_seconds / 60 for total in days}
    starts, per_week = weekly_minutes(minutes, today, weeks)
    return Stats(
        today=today,
        mode=mode,
        streaks=streaks((total.day for total in days if total.completed), today, mode),
        status_counts=store.status_counts(),
        active_seconds=sum(total.active_seconds for total in days),
        levels=tuple(store.level_totals()),
        areas=store.area_totals(),
        week_starts=starts,
        weekly_minutes=per_week,
        heatmap=heatmap(minutes, today, weeks),
        last_session=store.last_session(),
        adherence=weekly_adherence(store, starts),
    )
