"""How the history keeps a session's times: milliseconds since 1970 (UTC) and the offset
the session started in, read back as local times in that offset.

Only `datetime` and `functools`: `stretchtui stats` reads times through here and must
start in about Python's own time (`rows` re-exports these for everything else).
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime, timedelta, timezone

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@functools.cache
def zone(minutes: int) -> timezone:
    """The fixed offset `minutes` east of UTC (one object per offset, reused)."""
    return UTC if minutes == 0 else timezone(timedelta(minutes=minutes))


@functools.cache
def _epoch_in(minutes: int) -> datetime:
    return EPOCH.astimezone(zone(minutes))


def local_time(ms: int, minutes: int) -> datetime:
    """The moment `ms` (since 1970, UTC) as local time in the offset `minutes`."""
    return _epoch_in(minutes) + timedelta(milliseconds=ms)
