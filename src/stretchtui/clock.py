"""Clocks the session engine can run on: the real monotonic one, a faster one, a fake one."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Protocol

Clock = Callable[[], float]
"""Monotonic seconds; only differences between two readings mean anything."""

WallClock = Callable[[], datetime]
"""The time of day, timezone-aware, for the record."""

AWAY_AFTER_SECONDS = 2.0
"""Real seconds a look may come late before the program is taken to have been away
(a closed lid, SIGSTOP, a stopped VM) rather than merely busy."""


class SessionClock(Protocol):
    """What a session runs on: monotonic readings, and what they mean in real time."""

    @property
    def speed(self) -> float:
        """Clock seconds per real second (more than 1 for a `--speed` preview)."""
        ...

    @property
    def away_after(self) -> float | None:
        """Clock seconds a look may come late before it means the program was away.

        None: never (a fake clock's jumps are time passing, not time away).
        """
        ...

    def __call__(self) -> float: ...


def _system_seconds() -> float:
    # CLOCK_BOOTTIME keeps counting while the machine sleeps, so a closed lid shows up as
    # time that passed (and is then recorded as paused); CLOCK_MONOTONIC would hide it.
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    if boottime is not None:
        try:
            return time.clock_gettime(boottime)
        except OSError:
            pass
    return time.monotonic()


class MonotonicClock:
    """Real seconds, counting time asleep too; what a session runs on."""

    speed = 1.0
    away_after: float | None = AWAY_AFTER_SECONDS

    def __call__(self) -> float:
        return _system_seconds()


monotonic_clock = MonotonicClock()


def wall_clock() -> datetime:
    return datetime.now(UTC).astimezone()


class ScaledClock:
    """Runs `speed` times faster than the clock underneath (for `--speed`)."""

    def __init__(self, speed: float, base: Clock = monotonic_clock) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.speed = speed
        self.away_after: float | None = AWAY_AFTER_SECONDS * speed
        self._base = base
        self._origin = base()

    def __call__(self) -> float:
        return (self._base() - self._origin) * self.speed


class FakeClock:
    """A clock that moves only when told to; for tests and previews.

    `advance()` is time passing with the program running throughout. With
    `away_after` set, a jump longer than that past a due cue reads as the
    program having been stopped, as on a real clock.
    """

    speed = 1.0

    def __init__(self, start: float = 1000.0, *, away_after: float | None = None) -> None:
        self.now = start
        self.away_after = away_after

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
