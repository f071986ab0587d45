"""Reminders in the history: each one shown, how it was answered, and how many were followed.

A reminder is *followed* when a session starts within ten minutes of it being
shown. Snoozed ones are left out of adherence: they were put off, not declined,
and the reminder that comes after the snooze is counted instead.

The rows go through the store's own writer (one thread, one transaction each),
so they never race the session being recorded.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from stretchtui.history.rows import offset_minutes, utc_text
from stretchtui.history.schema import text_to_ms
from stretchtui.history.store import HistoryStore

FOLLOW_WINDOW = timedelta(minutes=10)
OUTCOMES = ("started", "snoozed", "skipped", "missed")


@dataclass(frozen=True)
class WeekAdherence:
    week_start: date  # a Monday
    reminded: int
    followed: int

    @property
    def share(self) -> float | None:
        return self.followed / self.reminded if self.reminded else None


class ReminderLog:
    """Writes reminder rows into the history the store keeps."""

    def __init__(self, store: HistoryStore) -> None:
        self.store = store

    def shown(self, reminder_id: str, at: datetime, routine_id: str | None) -> None:
        values = (
            reminder_id,
            utc_text(at),
            offset_minutes(at),
            at.date().isoformat(),
            routine_id,
            utc_text(at + FOLLOW_WINDOW),
        )

        def write(db: sqlite3.Connection) -> None:
            db.execute(
                "INSERT OR IGNORE INTO reminders (id, shown_utc, utc_offset_min, local_date, "
                "routine_id, follow_until) VALUES (?,?,?,?,?,?)",
                values,
            )

        self.store.submit(write)

    def answered(self, reminder_id: str, outcome: str, at: datetime) -> None:
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown reminder outcome {outcome!r}")
        values = (outcome, utc_text(at), reminder_id)

        def write(db: sqlite3.Connection) -> None:
            db.execute(
                "UPDATE reminders SET outcome = ?, answered_utc = ? "
                "WHERE id = ? AND outcome IS NULL",
                values,
            )

        self.store.submit(write)


def adherence_summary(weeks: tuple[WeekAdherence, ...]) -> str | None:
    """`this week 3 of 5 followed · 12 weeks 20 of 31 (65%)`; None before any reminder."""
    reminded = sum(week.reminded for week in weeks)
    if not weeks or not reminded:
        return None
    followed = sum(week.followed for week in weeks)
    this = weeks[-1]
    return (
        f"this week {this.followed} of {this.reminded} · "
        f"{len(weeks)} weeks {followed} of {reminded} ({round(100 * followed / reminded)}%)"
    )


def weekly_adherence(
    store: HistoryStore, week_starts: tuple[date, ...]
) -> tuple[WeekAdherence, ...]:
    """For each week (given by its Monday): reminders shown and those followed by a session."""
    if not week_starts:
        return ()
    first = week_starts[0]
    with store.reading() as db:
        rows = db.execute(
            "SELECT r.local_date, count(*), sum(EXISTS (SELECT 1 FROM sessions s "
            f"WHERE s.started_ms >= {text_to_ms('r.shown_utc')} "
            f"AND s.started_ms <= {text_to_ms('r.follow_until')} "
            "AND s.status != 'preview')) "
            "FROM reminders r WHERE r.local_date >= ? AND coalesce(r.outcome, '') != 'snoozed' "
            "GROUP BY r.local_date",
            (first.isoformat(),),
        ).fetchall()
    totals = {start: [0, 0] for start in week_starts}
    for day_text, reminded, followed in rows:
        day = date.fromisoformat(day_text)
        start = day - timedelta(days=day.weekday())
        if start in totals:
            totals[start][0] += int(reminded)
            totals[start][1] += int(followed or 0)
    return tuple(WeekAdherence(start, *totals[start]) for start in week_starts)
