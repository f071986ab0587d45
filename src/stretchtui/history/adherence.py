"""How many reminders were followed by a session within ten minutes, week by week.

The one query and the one summary line, over a reading connection and plain tuples,
so that `stretchtui stats` (which must start in about Python's own time) and the
Progress screen (through `reminder_log`) count alike. Snoozed reminders are left out:
they were put off, not declined, and the reminder after the snooze is counted instead.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta


def _ms(column: str) -> str:
    """`schema.text_to_ms`: a version-3 UTC text time as milliseconds since 1970 (a test
    holds them equal; schema brings the migrations and typing with it)."""
    return f"CAST(round((julianday({column}) - 2440587.5) * 86400000.0) AS INTEGER)"


ADHERENCE = (
    "SELECT r.local_date, count(*), sum(EXISTS (SELECT 1 FROM sessions s "
    f"WHERE s.started_ms >= {_ms('r.shown_utc')} AND s.started_ms <= {_ms('r.follow_until')} "
    "AND s.status != 'preview')) "
    "FROM reminders r WHERE r.local_date >= ? AND coalesce(r.outcome, '') != 'snoozed' "
    "GROUP BY r.local_date"
)


def adherence_counts(
    db: sqlite3.Connection, week_starts: tuple[date, ...]
) -> tuple[tuple[date, int, int], ...]:
    """For each week (given by its Monday): (Monday, reminders shown, those followed)."""
    if not week_starts:
        return ()
    rows = db.execute(ADHERENCE, (week_starts[0].isoformat(),)).fetchall()
    totals = {start: [0, 0] for start in week_starts}
    for day_text, reminded, followed in rows:
        day = date.fromisoformat(day_text)
        start = day - timedelta(days=day.weekday())
        if start in totals:
            totals[start][0] += int(reminded)
            totals[start][1] += int(followed or 0)
    return tuple((start, *totals[start]) for start in week_starts)  # type: ignore[misc]


def summary_line(weeks: list[tuple[int, int]]) -> str | None:
    """`this week 3 of 5 followed · 12 weeks 20 of 31 (65%)` from (reminded, followed) per
    week, oldest first; None before any reminder."""
    reminded = sum(week[0] for week in weeks)
    if not weeks or not reminded:
        return None
    followed = sum(week[1] for week in weeks)
    this_reminded, this_followed = weeks[-1]
    return (
        f"this week {this_followed} of {this_reminded} · "
        f"{len(weeks)} weeks {followed} of {reminded} ({round(100 * followed / reminded)}%)"
    )
