"""The one status line: `stretch in 12 min · 6 min today · 3-day streak`, for tmux and prompts.

Built only from the two small state files (see state.py), never from the history.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime

from stretchtui.reminders.state import (
    REMIND_FILE,
    SESSIONS_FILE,
    as_date,
    as_moment,
    as_number,
    process_alive,
    read_state,
    state_file,
)
from stretchtui.textsafe import visible

DUE_PHASES = ("showing", "held")


class Status:
    """What the status line says. A plain class: dataclasses would double `status`'s start-up."""

    __slots__ = (
        "reminder",
        "due",
        "phase",
        "due_at",
        "routine_id",
        "routine_name",
        "routine_seconds",
        "today_minutes",
        "streak",
    )

    def __init__(
        self,
        reminder: str | None,  # "stretch in 12 min", "time to stretch: ..."; None: remind is off
        due: bool,
        phase: str | None,
        due_at: datetime | None,
        routine_id: str | None,
        routine_name: str | None,
        routine_seconds: float | None,
        today_minutes: float,
        streak: int,
    ) -> None:
        self.reminder = reminder
        self.due = due
        self.phase = phase
        self.due_at = due_at
        self.routine_id = routine_id
        self.routine_name = routine_name
        self.routine_seconds = routine_seconds
        self.today_minutes = today_minutes
        self.streak = streak

    def to_json(self) -> dict[str, object]:
        return {
            "reminder": self.reminder,
            "due": self.due,
            "phase": self.phase,
            "due_at": self.due_at.isoformat() if self.due_at else None,
            "routine_id": self.routine_id,
            "routine_name": self.routine_name,
            "routine_seconds": self.routine_seconds,
            "today_minutes": self.today_minutes,
            "streak": self.streak,
        }


def read_status(data_dir: str | os.PathLike[str], now: datetime) -> Status:
    """What the state files say, as seen at `now` (aware, local)."""
    remind = read_state(state_file(data_dir, REMIND_FILE))
    sessions = read_state(state_file(data_dir, SESSIONS_FILE))
    today = now.date()

    minutes = 0.0
    streak = 0
    if as_date(sessions.get("date")) == today:
        minutes = as_number(sessions.get("minutes")) or 0.0
    alive_until = as_date(sessions.get("streak_alive_until"))
    if alive_until is not None and today <= alive_until:
        streak = int(as_number(sessions.get("streak")) or 0)

    valid_until = as_moment(remind.get("valid_until"))  # left by `remind --once`
    if process_alive(sessions.get("running_pid")):
        return Status(
            "stretching now", False, "stretching", None, None, None, None, minutes, streak
        )
    if not process_alive(remind.get("pid")) and (valid_until is None or now > valid_until):
        return Status(None, False, None, None, None, None, None, minutes, streak)
    phase = remind.get("phase")
    due_at = as_moment(remind.get("due_at"))
    name = remind.get("routine_name")
    routine_id = remind.get("routine_id")
    seconds = as_number(remind.get("routine_seconds")) or None
    due = phase in DUE_PHASES
    if due:
        label = name or routine_id or "a stretch"
        length = f" ({compact_duration(seconds, exact=True)})" if seconds else ""
        reminder = f"time to stretch: {label}{length}"
    elif phase == "off_hours":
        reminder = "reminders resume " + _when(due_at, now) if due_at else "reminders paused"
    elif due_at is not None:
        left = (due_at - now).total_seconds()
        reminder = "stretch in " + compact_duration(max(left, 0)) if left > 0 else "stretch now"
    else:
        reminder = None
    return Status(reminder, due, phase, due_at, routine_id, name, seconds, minutes, streak)


def status_line(status: Status) -> str:
    parts = [status.reminder] if status.reminder else []
    if status.today_minutes >= 0.5:
        parts.append(f"{round(status.today_minutes)} min today")
    elif not parts:
        parts.append("no stretch yet today")
    if status.streak:
        parts.append(f"{status.streak}-day streak")
    return visible(" · ".join(parts))


def tmux_line(status: Status) -> str:
    """The line for tmux's status bar: `#` doubled so text from files is never a format."""
    line = status_line(status).replace("#", "##")
    if status.due:
        return f"#[bold]{line}#[default]"
    return line


def compact_duration(seconds: float, exact: bool = False) -> str:
    """`45s`, `12m`, `1h05m`: as short as a status bar needs (minutes rounded up, or with
    their seconds when `exact`: `1m30s`)."""
    total = max(0, round(seconds))
    if total < 60:
        return f"{total}s"
    if exact and total % 60 and total < 3600:
        return f"{total // 60}m{total % 60:02d}s"
    minutes = -(-total // 60)
    if minutes < 60:
        return f"{minutes}m"
    return f"{minutes // 60}h{minutes % 60:02d}m"


def _when(moment: datetime, now: datetime) -> str:
    local = moment.astimezone(now.tzinfo)
    if local.date() == now.date():
        return local.strftime("at %H:%M")
    return local.strftime("%a %H:%M")


FORMATS = ("plain", "tmux", "json")


def render(status: Status, form: str) -> str:
    """The status in one of FORMATS."""
    if form == "json":
        import json

        return json.dumps(status.to_json() | {"line": status_line(status)})
    if form == "tmux":
        return tmux_line(status)
    return status_line(status)


def print_status(data_dir: str | os.PathLike[str], form: str) -> int:
    """Print the status line for the state under `data_dir` in `form` (one of FORMATS)."""
    now = datetime.now().astimezone()
    line = render(read_status(os.path.expanduser(data_dir), now), form)
    try:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        sys.stderr.close()
    return 0
