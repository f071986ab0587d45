"""The figures `stretchtui stats` prints, read from the running totals as plain tuples.

The same questions the Progress screen asks through `HistoryQueries` and
`stats.compute_stats` (the SQL is shared from here), on any reading connection, with
nothing heavier than `datetime` imported: no dataclasses, no settings model, no store.
Sessions still marked in progress whose process is gone are counted as interrupted,
as the fix-up that opening the history for writing runs would record them.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from stretchtui.history.abandoned import is_abandoned
from stretchtui.history.adherence import adherence_counts
from stretchtui.history.streaks import HEATMAP_WEEKS, streak_runs, weekly_minutes
from stretchtui.history.times import local_time

DAY_TOTALS = (
    "SELECT local_date, sessions, completed, active_seconds FROM day_totals ORDER BY local_date"
)
STATUS_SUMS = (
    "SELECT sum(sessions), sum(completed), sum(ended_early), sum(interrupted) FROM level_totals"
)
LEVEL_TOTALS = (
    "SELECT level, sessions, completed, active_seconds, first_completed, "
    "last_completed FROM level_totals WHERE sessions > 0 ORDER BY level"
)
AREA_TOTALS = "SELECT area, seconds FROM area_totals WHERE seconds > 0 ORDER BY area"
IN_PROGRESS = "SELECT host, pid, started_ms FROM sessions WHERE status = 'in_progress'"
LAST_STARTED = (
    "SELECT started_ms, utc_offset_min FROM sessions WHERE status != 'preview' "
    "ORDER BY started_ms DESC LIMIT 1"
)


def status_counts(row: tuple[object, ...]) -> dict[str, int]:
    """Sessions by status from a STATUS_SUMS row; statuses with none left out."""
    sessions, completed, ended_early, interrupted = (int(value or 0) for value in row)  # type: ignore[call-overload]
    counts = {
        "completed": completed,
        "ended_early": ended_early,
        "interrupted": interrupted,
        "in_progress": sessions - completed - ended_early - interrupted,
    }
    return {status: count for status, count in counts.items() if count}


class Figures:
    """What `stats` shows: streaks, counts by status, time per level and body area, minutes
    per week, the last session's start and reminders followed per week."""

    __slots__ = (
        "active_seconds",
        "adherence",
        "areas",
        "best_streak",
        "current_streak",
        "last_started",
        "levels",
        "mode",
        "status_counts",
        "today",
        "week_starts",
        "weekly_minutes",
    )

    def __init__(self, today: date, mode: str) -> None:
        self.today = today
        self.mode = mode
        self.current_streak = self.best_streak = 0
        self.status_counts: dict[str, int] = {}
        self.active_seconds = 0.0
        self.levels: list[tuple[str, int, int, float]] = []
        """(level, sessions, completed, active seconds), by level."""
        self.areas: dict[str, float] = {}
        self.week_starts: tuple[date, ...] = ()
        self.weekly_minutes: tuple[float, ...] = ()
        self.last_started: datetime | None = None
        self.adherence: tuple[tuple[date, int, int], ...] = ()
        """(Monday, reminders shown, followed by a session) for each of week_starts."""

    @property
    def sessions(self) -> int:
        return sum(self.status_counts.values())

    @property
    def completed(self) -> int:
        return self.status_counts.get("completed", 0)


def read_figures(
    db: sqlite3.Connection | None,
    today: date,
    mode: str,
    now_ms: int,
    weeks: int = HEATMAP_WEEKS,
) -> Figures:
    """The figures as of `today` (local) and `now_ms` (for abandoned sessions), in one
    snapshot of the file; those of an empty history when `db` is None (no file yet).
    Raises sqlite3.Error, or ValueError/TypeError for a value the history never holds."""
    figures = Figures(today, mode)
    days: list[tuple[date, int, float]] = []
    last = None
    if db is not None:
        db.execute("BEGIN")
        try:
            days = [
                (date.fromisoformat(day), int(done), float(active))
                for day, _count, done, active in db.execute(DAY_TOTALS)
            ]
            counts = status_counts(db.execute(STATUS_SUMS).fetchone())
            if counts.get("in_progress"):
                _count_abandoned(db, counts, now_ms)
            figures.status_counts = counts
            figures.levels = [
                (str(level), int(count), int(done), float(active))
                for level, count, done, active, _first, _last in db.execute(LEVEL_TOTALS)
            ]
            figures.areas = {str(area): float(seconds) for area, seconds in db.execute(AREA_TOTALS)}
            last = db.execute(LAST_STARTED).fetchone()
        finally:
            db.execute("COMMIT")
    minutes = {day: active / 60 for day, _done, active in days}
    figures.week_starts, figures.weekly_minutes = weekly_minutes(minutes, today, weeks)
    if db is None:
        figures.adherence = tuple((start, 0, 0) for start in figures.week_starts)
    else:
        figures.adherence = adherence_counts(db, figures.week_starts)
    figures.current_streak, figures.best_streak = streak_runs(
        (day for day, done, _active in days if done), today, mode
    )
    figures.active_seconds = sum(active for _day, _done, active in days)
    if last is not None:
        figures.last_started = local_time(int(last[0]), int(last[1]))
    return figures


def _count_abandoned(db: sqlite3.Connection, counts: dict[str, int], now_ms: int) -> None:
    import socket

    host = socket.gethostname()
    gone = sum(
        is_abandoned(owner, int(pid), int(started), host, now_ms)
        for owner, pid, started in db.execute(IN_PROGRESS)
    )
    if gone:
        counts["interrupted"] = counts.get("interrupted", 0) + gone
        counts["in_progress"] -= gone
        if not counts["in_progress"]:
            del counts["in_progress"]
