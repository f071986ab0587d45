"""The menu's offer to carry on a stopped session: first in the list, keyboard first."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList, Static
from textual.widgets._footer import FooterKey

from resume.helpers import run_part
from stretchtui.clock import FakeClock, wall_clock
from stretchtui.history import HistoryStore
from stretchtui.paths import bundled_routines_dir
from stretchtui.plan import build_plan
from stretchtui.resume import resume_offer
from stretchtui.routines import load_routine
from stretchtui.tui.app import StretchApp
from stretchtui.tui.launch import create_app
from stretchtui.tui.screens.confirm import ConfirmScreen
from stretchtui.tui.screens.menu import RESUME_OPTION, MenuScreen
from stretchtui.tui.screens.session import SessionScreen

from .test_menu_and_summary import option_texts, plain
from .time_hooks import arm_summary, let_time_pass, until

AppFactory = Callable[..., StretchApp]
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((40, 12), id="40x12")]
STOPPED_AGO = timedelta(hours=2, seconds=20)


EVENING = bundled_routines_dir() / "desk-evening.yaml"


def stopped_in_stretch(
    store: HistoryStore, routine_id: str, stretch: int, folder: Path | None = None
) -> str:
    """A session of a routine (bundled, or in `folder`) ended early 2 s into `stretch`'s hold,
    two hours ago."""
    path = (folder or bundled_routines_dir()) / f"{routine_id}.yaml"
    plan = build_plan(load_routine(path, routine_id))
    work = next(
        segment.index
        for segment in plan.segments
        if segment.stretch_number == stretch and segment.kind.is_work
    )
    elapsed = plan.total_seconds - plan.seconds_from(work) + 2
    started: datetime = wall_clock() - STOPPED_AGO - timedelta(seconds=elapsed)
    session = run_part(store, plan, started, segments=work, then="end")
    return session.session_id


async def test_the_offer_comes_first_and_is_highlighted(
    make_app: AppFactory, store: HistoryStore
) -> None:
    stopped_in_stretch(store, "beginner", 3)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        # The offer comes just after the menu's first frame; the line and preview with it.
        await until(pilot, lambda: getattr(app.screen, "offer", None) is not None, "offer")
        texts = option_texts(app)
        assert texts[0] == "↻ Resume Beginner back routine\n  stretch 3 of 9 · stopped 2 h ago"
        options = app.screen.query_one("#routines", OptionList)
        assert options.highlighted == 0
        line = plain(app.screen.query_one("#menu-line", Static))
        assert line.strip() == "Goes on with Chest-Opening Wall Stretch"
        assert "Cat-Cow Pose" in plain(app.screen.query_one("#preview", Static))


async def test_enter_on_the_offer_carries_on_the_same_session(
    make_app: AppFactory, store: HistoryStore
) -> None:
    session_id = stopped_in_stretch(store, "beginner", 3)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        session = app.screen.session
        assert session.session_id == session_id
        assert session.segment.stretch_number == 3 and session.segment.kind.value == "prepare"
        store.flush()
        [row] = store.sessions()
        assert row.status == "in_progress"


async def test_r_resumes_from_anywhere_in_the_list(
    make_app: AppFactory, store: HistoryStore
) -> None:
    session_id = stopped_in_stretch(store, "beginner", 3)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "down")
        assert isinstance(app.screen, MenuScreen)
        assert app.screen.highlighted_id() != RESUME_OPTION
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.session.session_id == session_id


async def test_without_a_stopped_session_there_is_no_offer_and_no_r(
    make_app: AppFactory, store: HistoryStore
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not any("Resume" in text for text in option_texts(app))
        shown = [active.binding.description for active in app.screen.active_bindings.values()]
        assert "Resume" not in shown
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, MenuScreen)


async def test_a_changed_routine_asks_before_starting_over(
    make_app: AppFactory, store: HistoryStore, isolated_dirs: dict[str, Path]
) -> None:
    routines = isolated_dirs["config"] / "routines"
    routines.mkdir()
    mine = routines / "mine.yaml"
    mine.write_text(EVENING.read_text(encoding="utf-8"), encoding="utf-8")
    old = stopped_in_stretch(store, "mine", 1, routines)
    mine.write_text(EVENING.read_text(encoding="utf-8") + "\n# mine now\n", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert option_texts(app)[0] == "↻ Resume Evening\n  changed since · start over?"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.session.session_id != old
        assert app.screen.session.index == 0
        assert app.screen.session.plan.routine.id == "mine"


async def test_after_finishing_the_resumed_session_the_offer_is_gone(
    make_app: AppFactory, store: HistoryStore, clock: FakeClock
) -> None:
    stopped_in_stretch(store, "desk-evening", 1)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        await let_time_pass(pilot, clock, 120)
        await arm_summary(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, MenuScreen)
        assert not any("Resume" in text for text in option_texts(app))
        assert app.screen.highlighted_id().startswith("routine:")
        await pilot.pause()
        footer = [str(key.description) for key in app.screen.query(FooterKey)]
        assert "Start" in footer and "Resume" not in footer
    [row] = store.sessions()
    assert row.status == "completed"


@pytest.mark.parametrize("size", SIZES)
def test_menu_with_the_offer(
    snap_compare: Any, make_app: AppFactory, store: HistoryStore, size: tuple[int, int]
) -> None:
    stopped_in_stretch(store, "beginner", 3)
    assert snap_compare(make_app(), terminal_size=size)


async def test_resume_from_the_command_line_goes_straight_into_the_session(
    make_app: AppFactory, store: HistoryStore
) -> None:
    session_id = stopped_in_stretch(store, "beginner", 2)
    menu_app = make_app()
    offer = resume_offer(store, menu_app.catalog, wall_clock())
    assert offer is not None
    app = create_app(menu_app.services, menu_app.catalog, resume=offer)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.session.session_id == session_id
        assert app.screen.session.segment.stretch_number == 2


async def test_a_changed_routine_from_the_command_line_asks_and_not_now_leaves(
    make_app: AppFactory, store: HistoryStore, isolated_dirs: dict[str, Path]
) -> None:
    routines = isolated_dirs["config"] / "routines"
    routines.mkdir()
    mine = routines / "mine.yaml"
    mine.write_text(EVENING.read_text(encoding="utf-8"), encoding="utf-8")
    stopped_in_stretch(store, "mine", 1, routines)
    mine.write_text(EVENING.read_text(encoding="utf-8") + "\n# mine now\n", encoding="utf-8")
    menu_app = make_app()
    offer = resume_offer(store, menu_app.catalog, wall_clock())
    assert offer is not None and offer.changed
    app = create_app(menu_app.services, menu_app.catalog, resume=offer)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == "The routine has changed since."
        assert app.screen.detail == "Start it over from the beginning?"
        await pilot.press("n")
        await pilot.pause()
    assert app.return_value == 0
    assert len(store.sessions()) == 1
