"""The menu, the safety screen and the summary's check-in."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.timer import Timer
from textual.widgets import OptionList, Static

from stretchtui.clock import FakeClock
from stretchtui.history import HistoryStore
from stretchtui.records import Feeling
from stretchtui.tui.app import StretchApp
from stretchtui.tui.screens.menu import MenuScreen
from stretchtui.tui.screens.safety import SafetyScreen
from stretchtui.tui.screens.session import SessionScreen
from stretchtui.tui.screens.summary import ARM_SECONDS, SummaryScreen

from .time_hooks import arm_summary, let_time_pass

AppFactory = Callable[..., StretchApp]

USER_ROUTINE = """\
name: My shoulder break
level: desk
steps:
  - name: Shoulder roll
    reps: 5
    tempo: 4s
"""


def plain(widget: Static) -> str:
    """What a Static shows, as plain text."""
    console = Console(width=200, file=io.StringIO(), color_system=None)
    with console.capture() as capture:
        console.print(widget.content)
    return capture.get()


def option_texts(app: object) -> list[str]:
    options = app.screen.query_one("#routines", OptionList)  # type: ignore[attr-defined]
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_menu_groups_levels_desk_user_and_broken_routines(
    make_app: AppFactory, isolated_dirs: dict[str, Path]
) -> None:
    routines = isolated_dirs["config"] / "routines"
    routines.mkdir()
    (routines / "mine.yaml").write_text(USER_ROUTINE)
    (routines / "broken.yaml").write_text("name: x\nlevel: beginer\nsteps: []\n")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MenuScreen)
        texts = option_texts(app)
        joined = "\n".join(texts)
        for heading in (
            "Levels",
            "Micro-sessions through the day",
            "Your routines",
            "Routines with errors",
        ):
            assert heading in joined
        assert any("My shoulder break" in text for text in texts)
        assert any("broken.yaml" in text and "level" in text for text in texts)
        assert joined.index("Beginner") < joined.index("Intermediate") < joined.index("Advanced")


async def test_preview_follows_the_highlight(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        preview = app.screen.query_one("#preview", Static)
        assert "Cat-Cow Pose" in plain(preview)
        await pilot.press("down")
        assert "Supine Knee-to-Chest" in plain(preview)


async def test_enter_starts_the_highlighted_routine(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.session.plan.routine.id == "beginner"


async def test_a_broken_routine_cannot_be_started(
    make_app: AppFactory, isolated_dirs: dict[str, Path]
) -> None:
    routines = isolated_dirs["config"] / "routines"
    routines.mkdir()
    (routines / "broken.yaml").write_text("steps: 3\n")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#routines", OptionList)
        options.highlighted = options.option_count - 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MenuScreen)


async def test_safety_screen_covers_the_principles(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        text = " ".join(plain(w) for w in app.screen.query(".section-title").results(Static))
        for title in ("Warm up", "Breathe", "never bounce", "gradually", "Static", "professional"):
            assert title in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MenuScreen)


async def test_checkin_is_saved_and_warning_signs_show_when_to_get_help(
    make_app: AppFactory, store: HistoryStore
) -> None:
    app = make_app("desk-coffee-break")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n", "n")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert not app.screen.query_one("#checkin-reply").display
        await pilot.press("1")
        store.flush()
        assert store.sessions()[0].feeling is None, "keys right after the summary are ignored"
        await arm_summary(pilot)
        await pilot.press("1")
        store.flush()
        assert store.sessions()[0].feeling is Feeling.BETTER
        await pilot.press("y")
        store.flush()
        assert store.sessions()[0].warning_signs
        assert app.screen.query_one("#checkin-reply").display
        assert "physiotherapist" in plain(app.screen.query_one("#checkin-reply", Static))


async def test_the_summary_arms_itself_a_moment_after_it_appears(
    make_app: AppFactory, store: HistoryStore, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Its timer only says when to look; whether the moment has passed is the app's clock's
    # to say, so a slow run (real seconds going by) never arms it early.
    delays: list[float] = []
    set_timer = SummaryScreen.set_timer

    def noted(screen: SummaryScreen, delay: float, callback: Any = None, **kw: Any) -> Timer:
        if callback is not None and getattr(callback, "__name__", "") == "look_now":
            delays.append(delay)
        return set_timer(screen, delay, callback, **kw)

    monkeypatch.setattr(SummaryScreen, "set_timer", noted)
    app = make_app("desk-coffee-break")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n", "n")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SummaryScreen)
        assert delays[0] == ARM_SECONDS
        await let_time_pass(pilot, clock, ARM_SECONDS - 0.25)
        screen.look_now()  # as its timer does, however late
        await pilot.press("2")
        store.flush()
        assert store.sessions()[0].feeling is None, "not yet: keys are still ignored"
        await let_time_pass(pilot, clock, 0.25)
        assert screen.armed
        await pilot.press("2")
        store.flush()
        assert store.sessions()[0].feeling is Feeling.SAME


async def test_done_on_the_summary_of_a_run_leaves_the_app(make_app: AppFactory) -> None:
    app = make_app("desk-coffee-break")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n", "n")
        await arm_summary(pilot)
        await pilot.press("d")
        await pilot.pause()
    assert app.return_value == 0


async def test_an_unknown_theme_is_reported_and_the_default_kept(
    make_app: AppFactory, isolated_dirs: dict[str, Path]
) -> None:
    app = make_app()
    app.services.settings = replace(app.services.settings, theme="no-such-theme")
    fresh = type(app)(app.services, app.catalog)
    async with fresh.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert fresh.theme == "textual-dark"
        assert "no theme called 'no-such-theme'" in plain(fresh.screen.query_one("#notes", Static))
