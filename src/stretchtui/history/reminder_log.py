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

from stretchtui.history.adherence import adherence_counts, summary_line
from stretchtui.history.rows import offset_minutes, utc_text
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
    return summary_line([(week.reminded, week.followed) for week in weeks])


def weekly_adherence(
    store: HistoryStore, week_starts: tuple[date, ...]
) -> tuple[WeekAdherence, ...]:
    """For each week (given by its Monday): reminders shown and those followed by a session."""
    with store.reading() as db:
        counts = adherence_counts(db, week_starts)
    return tuple(WeekAdherence(*week) for week in counts)
