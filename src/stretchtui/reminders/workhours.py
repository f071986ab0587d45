"""Work hours on a calendar: which instants fall inside them, in the person's local time.

Times are aware datetimes. Work hours are wall-clock times of a local day, so a
day with a daylight-saving change still works 09:00 to 17:30 on the clock.
`tz=None` means the system's local time zone (with its DST rules).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, tzinfo

from stretchtui.reminder_settings import ReminderSettings


def to_local(moment: datetime, tz: tzinfo | None) -> datetime:
    return moment.astimezone(tz) if tz is not None else moment.astimezone()


def local_moment(day: date, minutes: int, tz: tzinfo | None) -> datetime:
    """The instant the local clock shows `minutes` after midnight on `day` (24:00 = next day)."""
    day += timedelta(days=minutes // (24 * 60))
    hours, mins = divmod(minutes % (24 * 60), 60)
    if tz is not None:
        return datetime(day.year, day.month, day.day, hours, mins, tzinfo=tz).astimezone(UTC)
    stamp = time.mktime((day.year, day.month, day.day, hours, mins, 0, 0, 0, -1))
    return datetime.fromtimestamp(stamp, UTC)


def periods_between(
    settings: ReminderSettings, start: datetime, end: datetime, tz: tzinfo | None
) -> Iterator[tuple[datetime, datetime]]:
    """The parts of [start, end) inside work hours on work days, in order."""
    if end <= start:
        return
    day = to_local(start, tz).date() - timedelta(days=1)
    last = to_local(end, tz).date()
    while day <= last:
        if day.weekday() in settings.days:
            for period in settings.work_hours:
                begin = max(start, local_moment(day, period.start, tz))
                finish = min(end, local_moment(day, period.end, tz))
                if begin < finish:
                    yield begin, finish
        day += timedelta(days=1)


def in_work_hours(settings: ReminderSettings, moment: datetime, tz: tzinfo | None) -> bool:
    return (
        next(periods_between(settings, moment, moment + timedelta(seconds=1), tz), None) is not None
    )


def next_work_start(
    settings: ReminderSettings, moment: datetime, tz: tzinfo | None
) -> datetime | None:
    """When work hours next begin after `moment` (None if no work day is configured)."""
    day = to_local(moment, tz).date()
    for _ in range(8):
        if day.weekday() in settings.days:
            for period in settings.work_hours:
                begin = local_moment(day, period.start, tz)
                if begin > moment:
                    return begin
        day += timedelta(days=1)
    return None
