"""How screen tests let time pass: move the fake clock, have the screens look, let the app settle.

No screen test waits on a real clock: the session screen and the summary are told to
look at once (`look_now`, what their timers do) after the fake clock moves. The summary
takes keys once ARM_SECONDS have passed on that clock, never on its own.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from stretchtui.clock import FakeClock
from stretchtui.tui.screens.session import SessionScreen
from stretchtui.tui.screens.summary import ARM_SECONDS, SummaryScreen


async def let_time_pass(pilot: Pilot[Any], clock: FakeClock, seconds: float) -> None:
    """Move the fake clock on; the session screen (under any dialog) looks at once."""
    clock.advance(seconds)
    for screen in pilot.app.screen_stack:
        if isinstance(screen, SessionScreen | SummaryScreen):
            screen.look_now()
    await pilot.pause()


async def arm_summary(pilot: Pilot[Any]) -> None:
    """Let the moment pass after which the summary takes keys (on the app's fake clock)."""
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SummaryScreen), screen
    clock = screen.clock
    assert isinstance(clock, FakeClock), clock
    await let_time_pass(pilot, clock, ARM_SECONDS)
    assert screen.armed


SETTLE_SECONDS = 30.0
"""How long `until` lets the app work (under load) before the test fails."""


async def until(pilot: Pilot[Any], check: Callable[[], bool], what: str) -> None:
    """Let the app run until `check()` holds: work it does after a frame is painted
    (`StretchApp.after_first_paint`) may take any number of pauses on a loaded machine.
    The deadline is real time only to fail a test; nothing here waits for a countdown."""
    deadline = time.monotonic() + SETTLE_SECONDS
    while not check():
        assert time.monotonic() < deadline, f"no {what} after {SETTLE_SECONDS:g}s"
        await pilot.pause()
