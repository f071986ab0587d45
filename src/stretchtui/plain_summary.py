"""Plain mode's closing lines: what was done and skipped, the time, and how it ended."""

from __future__ import annotations

from collections.abc import Callable

from stretchtui.cues import spoken_duration
from stretchtui.records import SessionResult, SessionStatus


def print_summary(result: SessionResult, line: Callable[[str], None]) -> None:
    done, skipped = result.stretches()
    line("")
    if result.status is SessionStatus.COMPLETED:
        line("Session complete.")
    else:
        line("Session ended early; what you did is saved.")
    line(f"Done: {', '.join(done) if done else 'none'}")
    line(f"Skipped: {', '.join(skipped) if skipped else 'none'}")
    line(
        f"Active time: {spoken_duration(round(result.active_seconds))}, "
        f"paused: {spoken_duration(round(result.paused_seconds))}"
    )
    line(f"Status: {result.status.value}")
