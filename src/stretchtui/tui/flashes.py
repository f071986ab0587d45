"""Brief marks on the session screen (a visual cue, "+10 s"), timed on the session's clock.

The screen has no timer of its own for them: it asks when the next one ends and
wakes then, so tests that move a fake clock see them come and go.
"""

from __future__ import annotations

from stretchtui.clock import SessionClock

CUE_FLASH_SECONDS = 0.4
"""How long the stage flashes for a visual cue (real seconds)."""
EXTEND_FLASH_SECONDS = 1.5
"""How long "+10 s" shows after time was added (real seconds)."""


class Flashes:
    """Named marks, each shown until its end on `clock`."""

    def __init__(self, clock: SessionClock) -> None:
        self._clock = clock
        self._ends: dict[str, float] = {}

    def start(self, name: str, seconds: float) -> None:
        """Show `name` for `seconds` of real time from now (again from now if it shows)."""
        self._ends[name] = self._clock() + seconds * self._clock.speed

    def expire(self) -> list[str]:
        """The marks whose time is up, forgotten as they are returned."""
        now = self._clock()
        over = [name for name, end in self._ends.items() if end <= now]
        for name in over:
            del self._ends[name]
        return over

    def next_end_in(self) -> float | None:
        """Clock seconds until the next mark ends, or None when none shows."""
        if not self._ends:
            return None
        return max(0.0, min(self._ends.values()) - self._clock())
