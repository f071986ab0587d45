"""The first-run note, the micro-sessions' names and positions, and the check-in replies."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from stretchtui.first_run import MARKER
from stretchtui.tui.app import StretchApp
from stretchtui.tui.screens.first_run import FirstRunScreen
from stretchtui.tui.screens.menu import MenuScreen
from stretchtui.tui.screens.session import SessionScreen

from .time_hooks import arm_summary

AppFactory = Callable[..., StretchApp]


def shown(widget: Static) -> str:
    console = Console(width=200, file=io.StringIO(), color_system=None)
    with console.capture() as capture:
        console.print(widget.content)
    return capture.get()


def screen_text(app: StretchApp) -> str:
    return "\n".join(shown(widget) for widget in app.screen.query(Static))


async def test_first_session_starts_after_the_note_and_enter_dismisses_it_for_good(
    make_app: AppFactory, isolated_dirs: dict[str, Path]
) -> None:
    marker = isolated_dirs["data"] / MARKER
    marker.unlink()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FirstRunScreen)
        text = screen_text(app)
        facts = ("every day", "few times each week", "hurt your back", "operation", "tension")
        for fact in (*facts, "sharp pain"):
            assert fact in text, fact
        assert not marker.exists()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert marker.exists()


async def test_backing_out_of_the_note_starts_nothing_and_shows_it_again(
    make_app: AppFactory, isolated_dirs: dict[str, Path]
) -> None:
    marker = isolated_dirs["data"] / MARKER
    marker.unlink()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MenuScreen)
        assert not marker.exists()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FirstRunScreen)


async def test_once_seen_the_note_never_shows_again(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)


async def test_a_data_folder_that_cannot_take_the_marker_still_starts_the_session(
    make_app: AppFactory, isolated_dirs: dict[str, Path]
) -> None:
    data = isolated_dirs["data"]
    shutil.rmtree(data)
    data.write_text("")  # a file where the data folder should be: nothing can be written there
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FirstRunScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)


async def test_micro_sessions_are_named_by_moment_of_the_day_with_their_position(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#routines", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        expected = {
            "Morning coffee break": "seated",
            "Mid-day": "standing",
            "Before the gym": "floor",
            "Evening": "floor",
        }
        for name, position in expected.items():
            [line] = [p for p in prompts if p.startswith(name + " ")]
            assert position in line, line
        assert not any("Desk" in p for p in prompts)
        index = next(i for i, p in enumerate(prompts) if p.startswith("Evening "))
        options.highlighted = index
        await pilot.pause()
        preview = shown(app.screen.query_one("#preview", Static))
        assert "Micro-session · 1m 08s · 1 stretch\nPosition: floor" in preview
        assert "Child's Pose with Side Reach · 30s each side · floor" in preview


async def answer(app: StretchApp, pilot: Pilot[Any], *keys: str) -> str:
    """Finish the coffee-break session, answer the check-in with `keys`; the reply shown."""
    await pilot.press("n", "n")
    await arm_summary(pilot)
    await pilot.press(*keys)
    await pilot.pause()
    reply = app.screen.query_one("#checkin-reply", Static)
    return shown(reply) if reply.display else ""


async def test_better_gets_encouragement(make_app: AppFactory) -> None:
    app = make_app("desk-coffee-break")
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Good to hear" in await answer(app, pilot, "1")


async def test_same_gets_a_tip(make_app: AppFactory) -> None:
    app = make_app("desk-coffee-break")
    async with app.run_test(size=(80, 24)) as pilot:
        assert "A tip" in await answer(app, pilot, "2")


async def test_worse_gets_ease_off_advice(make_app: AppFactory) -> None:
    app = make_app("desk-coffee-break")
    async with app.run_test(size=(80, 24)) as pilot:
        reply = " ".join((await answer(app, pilot, "3", "n")).split())
        for advice in ("less time", "gentler level", "leave out any stretch that hurts"):
            assert advice in reply
        assert "keeps feeling worse" in reply and "physiotherapist" in reply


async def test_warning_signs_say_stop_for_today_first_then_promptly_then_the_criteria(
    make_app: AppFactory,
) -> None:
    app = make_app("desk-coffee-break")
    async with app.run_test(size=(80, 24)) as pilot:
        reply = " ".join((await answer(app, pilot, "1", "y")).split())
        assert reply.startswith("Stop stretching for today")
        assert "Good to hear" not in reply
        promptly = reply.index("numbness, weakness or pain running down a leg")
        assert "promptly" in reply[promptly:]
        assert promptly < reply.index("bends or turns less far")
        assert app.screen.query_one("#checkin-reply").has_class("-warning")


async def test_the_urgent_line_stands_out_in_bold(make_app: AppFactory) -> None:
    from rich.text import Text

    app = make_app("desk-coffee-break")
    async with app.run_test(size=(80, 24)) as pilot:
        await answer(app, pilot, "3", "y")
        content = app.screen.query_one("#checkin-reply", Static).content
        text = content if isinstance(content, Text) else Text(str(content))
        bold = [
            text.plain[span.start : span.end] for span in text.spans if "bold" in str(span.style)
        ]
        assert bold and bold[0].startswith("Important: if numbness, weakness or pain")
