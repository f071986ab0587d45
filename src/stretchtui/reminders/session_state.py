"""What a finished session leaves for `status` and `remind`: today's minutes, the streak, the end.

Wired into every real session (not previews) by services.py, after the store,
so the totals it reads already include this session.
"""

from __future__ import annotations

import os
from datetime import date, timedelta

from stretchtui.config import StreakMode
from stretchtui.history import HistoryStore, HistoryUnreadable
from stretchtui.records import SegmentRun, SessionInfo, SessionResult, SessionStatus
from stretchtui.reminders.state import SESSIONS_FILE, read_state, state_file, write_state

FINISHED = (SessionStatus.COMPLETED, SessionStatus.ENDED_EARLY)


class SessionStateHook:
    """A SessionObserver that keeps `status/sessions.state`: a session running now (so
    `remind` does not count it as desk work), and when one finishes, the day's figures."""

    def __init__(self, store: HistoryStore, data_dir: str, streak_mode: StreakMode) -> None:
        self.store = store
        self.path = state_file(data_dir, SESSIONS_FILE)
        self.streak_mode = streak_mode

    def session_started(self, info: SessionInfo) -> None:
        state: dict[str, object] = dict(read_state(self.path))
        state.update(running_since=info.started_at.isoformat(), running_pid=os.getpid())
        write_state(self.path, state)

    def segment_ended(self, run: SegmentRun) -> None:
        return None

    def session_ended(self, result: SessionResult) -> None:
        if result.status not in FINISHED:
            kept = {k: v for k, v in read_state(self.path).items() if not k.startswith("running")}
            write_state(self.path, dict(kept))
            return
        today = result.ended_at.date()
        write_state(self.path, self.summary(today) | {"last_finished": result.ended_at.isoformat()})

    def summary(self, today: date) -> dict[str, object]:
        """Today's minutes and the streak as of `today`, from the store's running totals."""
        from stretchtui.history.stats import day_counts, streaks

        try:
            days = self.store.day_totals()
        except HistoryUnreadable:
            return {"date": today.isoformat(), "minutes": 0.0}
        minutes = sum(total.active_seconds for total in days if total.day == today) / 60
        done = [total.day for total in days if total.completed]
        current = streaks(done, today, self.streak_mode).current
        # The streak stands until the end of the next day that counts (Monday after a Friday
        # in weekdays mode): `status` can tell without the history.
        alive_until = today + timedelta(days=1)
        while not day_counts(alive_until, self.streak_mode):
            alive_until += timedelta(days=1)
        return {
            "date": today.isoformat(),
            "minutes": round(minutes, 1),
            "streak": current,
            "streak_alive_until": alive_until.isoformat(),
        }
