"""How screen tests let time pass: move the fake clock, have the screens look, let the app settle.

No screen test waits on a real clock: the session screen is told to look at once
(`SessionScreen.look_now`, what its wake timer does), and the summary is armed at
once (`SummaryScreen.arm`, what its timer does ARM_SECONDS after it appears).
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from stretchtui.clock import FakeClock
from stretchtui.tui.screens.session import SessionScreen
from stretchtui.tui.screens.summary import SummaryScreen


async def let_time_pass(pilot: Pilot[Any], clock: FakeClock, seconds: float) -> None:
    """Move the fake clock on; the session screen (under any dialog) looks at once."""
    clock.advance(seconds)
    for screen in pilot.app.screen_stack:
        if isinstance(screen, SessionScreen):
            screen.look_now()
    await pilot.pause()


async def arm_summary(pilot: Pilot[Any]) -> None:
    """Have the summary take keys now, as it does a moment after it appears."""
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SummaryScreen), screen
    screen.arm()
    await pilot.pause()
