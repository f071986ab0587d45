"""Clocks the session engine can run on: the real monotonic one, a faster one, a fake one."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], float]
"""Monotonic seconds; only differences between two readings mean anything."""

WallClock = Callable[[], datetime]
"""The time of day, timezone-aware, for the record."""


def monotonic_clock() -> float:
    return time.monotonic()


def wall_clock() -> datetime:
    return datetime.now(UTC).astimezone()


class ScaledClock:
    """Runs `speed` times faster than the clock underneath (for `--speed`)."""

    def __init__(self, speed: float, base: Clock = monotonic_clock) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.speed = speed
        self._base = base
        self._origin = base()

    def __call__(self) -> float:
        return (self._base() - self._origin) * self.speed


class FakeClock:
    """A clock that moves only when told to; for tests and previews."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
