"""The `reminders:` section of config.yaml: read leniently, one message per bad value.

Outside the reminders package because config.py reads it with the other settings
(so a bad value is reported wherever config is loaded) and sits below reminders.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from stretchtui.durations import parse_duration
from stretchtui.textsafe import excerpt

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_NAMES = {name: index for index, name in enumerate(WEEKDAYS)} | {
    full: index
    for index, full in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")

Warn = Callable[[str, str], None]


@dataclass(frozen=True)
class WorkPeriod:
    """A stretch of the working day, in minutes after local midnight; start < end."""

    start: int
    end: int

    def __str__(self) -> str:
        return f"{_clock_text(self.start)}-{_clock_text(self.end)}"


@dataclass(frozen=True)
class ReminderSettings:
    every: int = 50 * 60
    work_hours: tuple[WorkPeriod, ...] = (WorkPeriod(9 * 60, 18 * 60),)
    days: frozenset[int] = frozenset(range(5))  # Monday is 0
    snooze: int = 10 * 60
    max_snoozes: int = 2
    idle_reset: int = 5 * 60
    routine: str = "auto"
    bell: bool = False  # the terminal bell with a fallback line on the terminal


KEYS = ("every", "work_hours", "days", "snooze", "max_snoozes", "idle_reset", "routine", "bell")


def parse_reminders(value: object, warn: Warn) -> ReminderSettings:
    """Settings from the `reminders:` mapping; each bad value is warned about and left default."""
    settings = ReminderSettings()
    if value is None:
        return settings
    if not isinstance(value, dict):
        warn("reminders", f"expected settings such as {{every: 50m}}, got {_shown(value)}")
        return settings
    for key, raw in value.items():
        name = f"reminders.{key}"
        if key not in KEYS:
            warn(name, f"unknown setting (known: {', '.join(KEYS)})")
        elif key in ("every", "snooze", "idle_reset"):
            seconds = _duration(raw)
            if seconds is None or seconds < 60 or seconds > 24 * 3600:
                warn(name, f"expected a duration from 1m to 24h such as 50m, got {_shown(raw)}")
            elif key == "every":
                settings = replace(settings, every=seconds)
            elif key == "snooze":
                settings = replace(settings, snooze=seconds)
            else:
                settings = replace(settings, idle_reset=seconds)
        elif key == "work_hours":
            periods = parse_work_hours(raw)
            if isinstance(periods, str):
                warn(name, periods)
            else:
                settings = replace(settings, work_hours=periods)
        elif key == "days":
            days = parse_days(raw)
            if isinstance(days, str):
                warn(name, days)
            else:
                settings = replace(settings, days=days)
        elif key == "max_snoozes":
            if isinstance(raw, int) and not isinstance(raw, bool) and 0 <= raw <= 10:
                settings = replace(settings, max_snoozes=raw)
            else:
                warn(name, f"expected a whole number from 0 to 10, got {_shown(raw)}")
        elif key == "routine":
            if isinstance(raw, str) and raw.strip() and not any(c in raw for c in "/\\\n"):
                settings = replace(settings, routine=raw.strip())
            else:
                warn(name, f"expected auto or a routine id such as desk-midday, got {_shown(raw)}")
        elif key == "bell":
            if isinstance(raw, bool):
                settings = replace(settings, bell=raw)
            else:
                warn(name, f"expected true or false, got {_shown(raw)}")
    return settings


def _duration(raw: object) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        # A bare number is read as minutes here: nobody means `every: 50` seconds.
        return raw * 60
    if isinstance(raw, str):
        text = raw.strip()
        return int(text) * 60 if text.isdigit() else parse_duration(text)
    return None


def parse_work_hours(raw: object) -> tuple[WorkPeriod, ...] | str:
    """`"09:00-12:30, 13:30-17:30"` (or a YAML list of such ranges) as periods; a message if bad."""
    expected = 'expected ranges such as "09:00-12:30, 13:30-17:30"'
    if isinstance(raw, list) and all(isinstance(item, str) for item in raw):
        parts = [str(item) for item in raw]
    elif isinstance(raw, str):
        parts = raw.split(",")
    else:
        # Unquoted 9:00 in YAML 1.1 is a number of minutes (540): say how to write it.
        return f"{expected} (in quotes), got {_shown(raw)}"
    periods: list[WorkPeriod] = []
    for part in parts:
        ends = part.strip().split("-")
        if len(ends) != 2:
            return f"{expected}, got {_shown(part.strip())}"
        start, end = (_minutes(text.strip()) for text in ends)
        if start is None or end is None:
            return f"{expected}, got {_shown(part.strip())}"
        if end <= start:
            return f"{_shown(part.strip())} ends before it starts (ranges cannot cross midnight)"
        periods.append(WorkPeriod(start, end))
    if not periods:
        return f"{expected}, got {_shown(raw)}"
    periods.sort(key=lambda period: period.start)
    for before, after in zip(periods, periods[1:], strict=False):
        if after.start < before.end:
            return f"{before} and {after} overlap"
    return tuple(periods)


def _minutes(text: str) -> int | None:
    match = _CLOCK.match(text)
    if match is None:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2))
    if minutes > 59 or hours > 24 or (hours == 24 and minutes):
        return None
    return hours * 60 + minutes


def parse_days(raw: object) -> frozenset[int] | str:
    """`mon-fri`, `"mon, wed, fri"` or a list of day names; a message if bad."""
    expected = "expected days such as mon-fri or [mon, wed, fri]"
    if isinstance(raw, list) and all(isinstance(item, str) for item in raw):
        parts = [str(item) for item in raw]
    elif isinstance(raw, str):
        parts = raw.split(",")
    else:
        return f"{expected}, got {_shown(raw)}"
    days: set[int] = set()
    for part in parts:
        text = part.strip().lower()
        if "-" in text:
            first, _, last = text.partition("-")
            start, end = _DAY_NAMES.get(first.strip()), _DAY_NAMES.get(last.strip())
            if start is None or end is None:
                return f"{expected}, got {_shown(part.strip())}"
            day = start
            days.add(day)
            while day != end:
                day = (day + 1) % 7
                days.add(day)
        elif text in _DAY_NAMES:
            days.add(_DAY_NAMES[text])
        else:
            return f"{expected}, got {_shown(part.strip())}"
    if not days:
        return f"{expected}, got {_shown(raw)}"
    return frozenset(days)


def _shown(value: object) -> str:
    """A value as a message quotes it (config.py's rule): its repr, one short line at most."""
    return excerpt(repr(value))


def _clock_text(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
