"""How each screen looks at 80×24 and at 40×12 (the session at 120×40 and 200×60 too),
pinned as snapshots (Textual is pinned too)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from stretchtui.clock import FakeClock
from stretchtui.tui.app import StretchApp

from .time_hooks import arm_summary, let_time_pass

AppFactory = Callable[..., StretchApp]
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((40, 12), id="40x12")]
# The stage's type grows with the room: the session screen at every size.
STAGE_SIZES = [
    *SIZES,
    pytest.param((120, 40), id="120x40"),
    pytest.param((200, 60), id="200x60"),
]


def after(clock: FakeClock, seconds: float, *keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Let the session run `seconds` on the fake clock, then press `keys`."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await let_time_pass(pilot, clock, seconds)
        if keys:
            await pilot.press(*keys)
            await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_menu(snap_compare: Any, make_app: AppFactory, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), terminal_size=size)


@pytest.mark.parametrize("size", STAGE_SIZES)
def test_session_prepare(
    snap_compare: Any, make_app: AppFactory, clock: FakeClock, size: tuple[int, int]
) -> None:
    assert snap_compare(make_app("desk-midday"), run_before=after(clock, 1), terminal_size=size)


@pytest.mark.parametrize("size", STAGE_SIZES)
def test_session_hold(
    snap_compare: Any, make_app: AppFactory, clock: FakeClock, size: tuple[int, int]
) -> None:
    assert snap_compare(make_app("desk-midday"), run_before=after(clock, 7), terminal_size=size)


@pytest.mark.parametrize("size", STAGE_SIZES)
def test_session_switch_sides(
    snap_compare: Any, make_app: AppFactory, clock: FakeClock, size: tuple[int, int]
) -> None:
    assert snap_compare(make_app("desk-midday"), run_before=after(clock, 21), terminal_size=size)


@pytest.mark.parametrize("size", STAGE_SIZES)
def test_session_reps(
    snap_compare: Any, make_app: AppFactory, clock: FakeClock, size: tuple[int, int]
) -> None:
    assert snap_compare(make_app("desk-pre-gym"), run_before=after(clock, 21), terminal_size=size)


@pytest.mark.parametrize("size", STAGE_SIZES)
def test_session_paused(
    snap_compare: Any, make_app: AppFactory, clock: FakeClock, size: tuple[int, int]
) -> None:
    app = make_app("desk-coffee-break")
    assert snap_compare(app, run_before=after(clock, 12, "space"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_summary(
    snap_compare: Any, make_app: AppFactory, clock: FakeClock, size: tuple[int, int]
) -> None:
    app = make_app("desk-midday")
    run_session = after(clock, 50)

    async def run_before(pilot: Pilot[Any]) -> None:
        await run_session(pilot)
        # Past the moment the summary ignores keys, so its footer is settled.
        await arm_summary(pilot)

    assert snap_compare(app, run_before=run_before, terminal_size=size)


def test_session_hold_on_a_large_terminal(
    snap_compare: Any, make_app: AppFactory, clock: FakeClock
) -> None:
    # 200x60: the routine's stretches show beside the stage, the current one marked.
    app = make_app("intermediate")
    assert snap_compare(app, run_before=after(clock, 330), terminal_size=(200, 60))
