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
from stretchtui.history.streaks import HEATMAP_WEEKS, streak_runs, week_start

# Asked for here by `status` and the tests: the arithmetic itself lives in streaks.py.
from stretchtui.history.streaks import day_counts as day_counts
from stretchtui.history.streaks import weekly_minutes as weekly_minutes


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


def streaks(done_days: Iterable[date], today: date, mode: StreakMode) -> Streaks:
    """Current and best runs of counted days with at least one completed session
    (`history.streaks.streak_runs`)."""
    return Streaks(*streak_runs(done_days, today, mode))


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
