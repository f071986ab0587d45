"""During a hold the screen repaints only what changed: the digits once a second, the bar per cell.

Looks at the session four times a second of fake time (more often than anything
visible changes) and counts what the widgets drew.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
from textual.strip import Strip

from stretchtui.clock import FakeClock
from stretchtui.tui.app import StretchApp
from stretchtui.tui.screens.session import SessionScreen
from stretchtui.tui.widgets.bigtext import BigText
from stretchtui.tui.widgets.breath import BreathGuide
from stretchtui.tui.widgets.session_bar import SessionBar

from .time_hooks import let_time_pass

AppFactory = Callable[..., StretchApp]


async def test_a_hold_repaints_digits_once_a_second_and_the_breath_bar_only_when_it_moves(
    make_app: AppFactory, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app("desk-midday")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await let_time_pass(pilot, clock, 5.5)  # past the get-ready, into the hold
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        digits = screen.query_one("#countdown", BigText)
        guide = screen.query_one(BreathGuide)
        bar = screen.query_one(SessionBar)

        drawn: Counter[str] = Counter()
        breath_lines = guide.render_line
        bar_lines = bar.render_line
        digits_render = digits.render

        def count_breath(y: int) -> Strip:
            drawn[f"breath line {y}"] += 1
            return breath_lines(y)

        def count_bar(y: int) -> Strip:
            drawn["progress bar"] += 1
            return bar_lines(y)

        def count_digits() -> object:
            drawn["digits"] += 1
            return digits_render()

        monkeypatch.setattr(guide, "render_line", count_breath)
        monkeypatch.setattr(bar, "render_line", count_bar)
        monkeypatch.setattr(digits, "render", count_digits)

        shown: Counter[str] = Counter()
        last = (digits.text, guide.cells, guide.label, bar.halves)
        for _ in range(32):  # 8 seconds
            await let_time_pass(pilot, clock, 0.25)
            now = (digits.text, guide.cells, guide.label, bar.halves)
            for name, before, after in zip(
                ("digits", "bar", "word", "progress"), last, now, strict=True
            ):
                shown[name] += before != after
            last = now

        assert shown["digits"] == 8
        assert drawn["digits"] == shown["digits"]
        assert shown["bar"] > 0 and drawn["breath line 1"] == shown["bar"]
        assert drawn["breath line 0"] == shown["word"]
        assert drawn["progress bar"] == shown["progress"]
